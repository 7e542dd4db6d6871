"""The reader's search language, parsed."""

from __future__ import annotations

import pytest

from inkwell.search.query import MAX_LENGTH, QueryError, SearchQuery, parse


def test_words_are_all_required() -> None:
    assert parse("write ahead log ").required == (("write",), ("ahead",), ("log",))


def test_a_quoted_phrase_is_one_required_sequence() -> None:
    assert parse('"write ahead" log ').required == (("write", "ahead"), ("log",))


def test_an_unclosed_quote_closes_at_the_end() -> None:
    assert parse('"write ahead').required == (("write", "ahead"),)


def test_the_last_word_being_typed_is_a_prefix() -> None:
    query = parse("sqlite jour")
    assert (query.required, query.prefix) == ((("sqlite",),), ("jour",))


def test_a_trailing_space_ends_the_prefix() -> None:
    assert parse("sqlite jour ").prefix == ()


def test_trailing_punctuation_ends_the_prefix() -> None:
    assert parse("sqlite3.").prefix == ()


def test_a_closed_phrase_is_never_a_prefix() -> None:
    assert parse('"write ahead"').prefix == ()


def test_a_one_letter_last_word_is_a_word_not_a_prefix() -> None:
    query = parse("vitamin c")
    assert (query.required, query.prefix) == ((("vitamin",), ("c",)), ())


def test_a_dotted_identifier_is_a_phrase() -> None:
    assert parse("sqlite3.connect ").required == (("sqlite3", "connect"),)


def test_an_identifier_being_typed_is_a_prefix_phrase() -> None:
    assert parse("sqlite3.conn").prefix == ("sqlite3", "conn")


def test_minus_excludes_a_word() -> None:
    query = parse("python -django ")
    assert (query.required, query.excluded) == ((("python",),), (("django",),))


def test_minus_excludes_a_phrase() -> None:
    assert parse('python -"web framework"').excluded == (("web", "framework"),)


def test_double_dash_is_an_option_not_an_exclusion() -> None:
    query = parse("--dry-run ")
    assert (query.required, query.excluded) == ((("dry", "run"),), ())


def test_a_lone_dash_excludes_nothing() -> None:
    query = parse("wal - journal ")
    assert (query.required, query.excluded) == ((("wal",), ("journal",)), ())


def test_a_lone_surrogate_separates_tokens_like_punctuation() -> None:
    assert parse("write\ud800ahead ").required == (("write", "ahead"),)


def test_tag_and_author_are_filters() -> None:
    query = parse("tag:Python author:ada-lovelace sqlite ")
    assert (query.tags, query.authors, query.required) == (
        ("python",),
        ("ada-lovelace",),
        (("sqlite",),),
    )


def test_filters_alone_are_a_query() -> None:
    assert parse("tag:python") == SearchQuery(tags=("python",))


def test_a_filter_without_slug_is_text() -> None:
    assert parse("tag: x ").required == (("tag",), ("x",))


def test_repeated_words_count_once() -> None:
    assert parse("wal wal WAL ").required == (("wal",),)


@pytest.mark.parametrize(
    "text",
    ["NEAR(a b) ", "a OR b ", "NOT a ", "title:a ", "^a ", "a* ", "a & b | !c <-> d:* "],
)
def test_database_operators_are_plain_words(text: str) -> None:
    query = parse(text)
    assert all(token.isalnum() for sequence in query.required for token in sequence)


def test_nul_and_control_characters_separate_words() -> None:
    assert parse("write\x00ahead\x1b ").required == (("write",), ("ahead",))


def test_zero_width_characters_vanish() -> None:
    assert parse("wo\u200brd ").required == (("word",),)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x00", "!?.,;:", '""', "- -"])
def test_nothing_to_search_for_asks_for_a_word(text: str) -> None:
    with pytest.raises(QueryError) as refused:
        parse(text)
    assert refused.value.message == "Type a word to search for."


def test_only_exclusions_ask_for_a_word_to_find() -> None:
    with pytest.raises(QueryError) as refused:
        parse("-django")
    assert refused.value.message == "Add a word to find, not only words to leave out."


def test_too_long_a_query_says_the_limit() -> None:
    with pytest.raises(QueryError) as refused:
        parse("a" * (MAX_LENGTH + 1))
    assert refused.value.message == f"Type at most {MAX_LENGTH} characters."


def test_ten_kilobytes_is_refused_as_too_long() -> None:
    with pytest.raises(QueryError):
        parse("x " * 5000)
