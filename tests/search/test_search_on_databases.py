"""The query translations against real full-text tables: FTS5 on SQLite, tsvector on PostgreSQL.

Each test runs on both databases (the ``database`` fixture) over the same hand-written corpus.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inkwell.core.db import Database
from inkwell.search.query import QueryError
from tests.search.scratch_index import Post, ScratchIndex, scratch_index

CORPUS = [
    Post(
        "wal",
        "Readers and one writer",
        "Switch the journal first:\n```sql\nPRAGMA journal_mode=WAL;\n```\nReaders stop waiting.",
        tags="SQLite",
    ),
    Post(
        "connect",
        "Opening a database from Python",
        '```python\nimport sqlite3\nconn = sqlite3.connect("notes.db")\n```\nClose it after.',
        tags="Python",
    ),
    Post(
        "reverse",
        "Turning a list around",
        "```python\nbackwards = arr[::-1]\n```\nSlicing with a negative step copies the list.",
        tags="Python",
    ),
    Post(
        "environ",
        "Settings from the environment",
        '```python\nhome = os.environ["HOME"]\n```\nA missing variable raises at once.',
    ),
    Post(
        "dry-run",
        "A deploy script you can trust",
        "Always start with `deploy --dry-run` and read what it would change.",
    ),
    Post(
        "keyerror",
        "Debugging a failing import",
        "The traceback ended in\n```\nKeyError: 'id'\n```\nbecause the feed had no identifiers.",
    ),
    Post("cafe", "Mornings at the café", "The café opens at seven; the espresso is strong."),
    Post(
        "running",
        "Long jobs overnight",
        "We kept running the migrations while the site stayed up.",
        authors="Zoë Quill",
    ),
    Post("rank-title", "Zephyr release notes", "Small fixes across the board this month."),
    Post(
        "rank-tags", "Release notes for May", "Small fixes across the board again.", tags="zephyr"
    ),
    Post(
        "rank-excerpt",
        "Release notes for June",
        "Small fixes across the board once more.",
        excerpt="zephyr",
    ),
    Post("rank-body", "Release notes for July", "Small fixes across the zephyr board as usual."),
]


@pytest.fixture
async def index(database: Database) -> AsyncIterator[ScratchIndex]:
    async with scratch_index(database.engine, CORPUS) as scratch:
        yield scratch


async def test_every_word_must_match(index: ScratchIndex) -> None:
    assert await index.search("python list ") == ["reverse"]


async def test_a_phrase_matches_words_in_order(index: ScratchIndex) -> None:
    assert await index.search('"readers stop"') == ["wal"]


async def test_a_phrase_does_not_match_words_out_of_order(index: ScratchIndex) -> None:
    assert await index.search('"stop readers"') == []


async def test_the_last_word_matches_as_a_prefix(index: ScratchIndex) -> None:
    assert await index.search("espres") == ["cafe"]


async def test_a_prefix_longer_than_the_stem_still_matches(index: ScratchIndex) -> None:
    assert await index.search("overnight runnin") == ["running"]


async def test_small_words_before_a_typed_word_do_not_hide_the_post(index: ScratchIndex) -> None:
    # PostgreSQL's dictionaries drop "at" and "the"; SQLite keeps them: both find the post.
    assert await index.search("at the caf") == ["cafe"]


async def test_a_finished_word_is_not_a_prefix(index: ScratchIndex) -> None:
    assert await index.search("espres ") == []


async def test_stemming_finds_other_forms(index: ScratchIndex) -> None:
    assert await index.search("migration ") == ["running"]


async def test_exclusion_leaves_posts_out(index: ScratchIndex) -> None:
    assert sorted(await index.search("python -slicing ")) == ["connect", "environ"]


async def test_exclusion_applies_to_a_prefix_alone(index: ScratchIndex) -> None:
    assert await index.search("-strong espres") == []


async def test_case_does_not_matter(index: ScratchIndex) -> None:
    assert await index.search("ESPRESSO ") == ["cafe"]


async def test_accents_do_not_matter_either_way(index: ScratchIndex) -> None:
    assert (await index.search("cafe "), await index.search("CAFÉ ")) == (["cafe"], ["cafe"])


async def test_author_names_are_searched_without_accents(index: ScratchIndex) -> None:
    assert await index.search("zoe ") == ["running"]


@pytest.mark.parametrize(
    ("identifier", "slug"),
    [
        ("PRAGMA journal_mode=WAL", "wal"),
        ("sqlite3.connect", "connect"),
        ("arr[::-1]", "reverse"),
        ('os.environ["HOME"]', "environ"),
        ("--dry-run", "dry-run"),
        ("KeyError: 'id'", "keyerror"),
    ],
)
async def test_an_identifier_finds_exactly_its_post(
    index: ScratchIndex, identifier: str, slug: str
) -> None:
    assert await index.search(identifier) == [slug]


async def test_title_ranks_above_tags_above_excerpt_above_body(index: ScratchIndex) -> None:
    assert await index.search("zephyr ") == ["rank-title", "rank-tags", "rank-excerpt", "rank-body"]


async def test_a_prefix_alone_ranks_the_same_way(index: ScratchIndex) -> None:
    assert await index.search("zeph") == ["rank-title", "rank-tags", "rank-excerpt", "rank-body"]


HOSTILE = [
    "NEAR(readers writer)",
    "readers OR writer",
    "NOT readers",
    "title:readers",
    "^readers",
    "read*",
    "readers & writer | !deploy <-> x:*",
    "'readers' : * ( ) { } + -",
    '"readers',
    'readers"',
    "readers\x00writer",
    "\\",
    "'",
    "a:*B",
    "!!x",
    "café)(",
    "¿qué?",
    "🙂 readers",
    "x" * 200,
    "the and of ",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_text_searches_or_is_refused_politely(index: ScratchIndex, text: str) -> None:
    try:
        found = await index.search(text)
    except QueryError:
        return
    assert isinstance(found, list)


async def test_operator_words_are_searched_as_words(index: ScratchIndex) -> None:
    assert await index.search("NEAR(readers writer)") == []


_PIECES = [*"ab1é \"-*^:()&|!<>.{}+,'\\\x00\t\u0301", "AND", "NOT", "NEAR", "tag:", "<->", ":*"]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.text()))
async def test_any_text_searches_or_is_refused_politely(index: ScratchIndex, text: str) -> None:
    # The scratch index is only read, so sharing it across examples is safe.
    try:
        found = await index.search(text)
    except QueryError:
        return
    assert isinstance(found, list)
