"""FTS5 MATCH strings built from parsed queries."""

from __future__ import annotations

import pytest

from inkwell.search import sqlite_fts
from inkwell.search.query import parse


def test_every_required_token_is_quoted_and_joined_with_and() -> None:
    assert sqlite_fts.match_expression(parse("near or ")) == '"near" AND "or"'


def test_a_phrase_is_one_quoted_sequence() -> None:
    assert sqlite_fts.match_expression(parse("sqlite3.connect ")) == '"sqlite3 connect"'


def test_exclusions_follow_not() -> None:
    assert sqlite_fts.match_expression(parse('wal -django -"web app" ')) == (
        '"wal" NOT "django" NOT "web app"'
    )


def test_the_prefix_is_a_quoted_phrase_with_a_star() -> None:
    assert sqlite_fts.prefix_expression(parse("sqlite3.conn")) == '"sqlite3 conn" *'


def test_filters_are_not_part_of_match() -> None:
    query = parse("tag:python author:ada wal ")
    assert sqlite_fts.match_expression(query) == '"wal"'


def test_filters_alone_have_no_statement() -> None:
    statement = sqlite_fts.search_statement(
        parse("tag:python"), index_table="i", words_table="w", limit=10
    )
    assert statement is None


def test_the_reader_text_is_a_parameter_not_sql() -> None:
    statement = sqlite_fts.search_statement(
        parse("robert'); DROP TABLE posts; -- "), index_table="i", words_table="w", limit=10
    )
    assert statement is not None
    assert "DROP" not in str(statement)


def test_the_index_stems_and_the_words_table_does_not() -> None:
    stemmed = sqlite_fts.create_table_sql("i", stemmed=True)
    plain = sqlite_fts.create_table_sql("w", stemmed=False)
    assert ("porter" in stemmed, "porter" in plain) == (True, False)


@pytest.mark.parametrize(("locale", "stemmed"), [("en", True), ("en-GB", True), ("de", False)])
def test_only_english_sites_stem(locale: str, stemmed: bool) -> None:
    assert sqlite_fts.stems(locale) is stemmed


def test_a_table_name_that_is_not_an_identifier_is_refused() -> None:
    with pytest.raises(ValueError, match="not a plain table name"):
        sqlite_fts.create_table_sql("posts; DROP TABLE x", stemmed=True)


def test_title_weighs_most_and_body_least() -> None:
    weights = dict(zip(sqlite_fts.COLUMNS, sqlite_fts.BM25_WEIGHTS, strict=True))
    assert weights["title"] > weights["tags"] > weights["excerpt"] > weights["body"]
