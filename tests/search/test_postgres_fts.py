"""tsquery and tsvector expressions built from parsed queries (compiled, not run: the database
tests run them)."""

from __future__ import annotations

import pytest
from sqlalchemy import column, table
from sqlalchemy.ext.asyncio import create_async_engine

from inkwell.search import postgres_fts
from inkwell.search.query import parse

# An engine is never connected by compiling: it only lends its dialect.
POSTGRES = create_async_engine("postgresql+asyncpg://inkwell@localhost/unused").dialect
VECTORS = table("vectors", column("id"), column("document"), column("words"))


@pytest.mark.parametrize(
    ("locale", "configuration"),
    [
        ("en", "english"),
        ("en-GB", "english"),
        ("de_AT", "german"),
        ("FR", "french"),
        ("nb", "norwegian"),
        ("pt-BR", "portuguese"),
        ("ja", "simple"),
        ("", "simple"),
    ],
)
def test_configuration_follows_the_locale(locale: str, configuration: str) -> None:
    assert postgres_fts.configuration_for(locale) == configuration


def _compiled(text: str) -> str:
    statement = postgres_fts.search_statement(parse(text), "english", table=VECTORS, limit=10)
    assert statement is not None
    return str(statement.compile(dialect=POSTGRES))


def test_the_reader_text_is_bound_never_written_into_the_query() -> None:
    assert "wal" not in _compiled("'wal':* & !x ")


def test_required_and_excluded_are_joined_with_tsquery_operators() -> None:
    compiled = _compiled("wal -django ")
    assert ("&&" in compiled, "!!" in compiled) == (True, True)


def test_the_prefix_is_matched_against_the_unstemmed_words() -> None:
    assert "vectors.words @@" in _compiled("jour")


def test_filters_alone_have_no_statement() -> None:
    assert postgres_fts.search_statement(parse("tag:x"), "english", table=VECTORS, limit=1) is None


def test_title_weighs_most_and_body_least() -> None:
    d, c, b, a = postgres_fts.RANK_WEIGHTS
    assert a > b > c > d
