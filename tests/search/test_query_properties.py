"""Property tests: no text the reader can send makes parsing or FTS5 fail."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inkwell.search import sqlite_fts
from inkwell.search.query import QueryError, SearchQuery, parse

# Operator syntax of FTS5 and tsquery, so that random text is mostly hostile text.
_PIECES = [*"ab1é \"-*^:()&|!<>.{}+,'\x00\t", "AND", "OR", "NOT", "NEAR", "tag:", "<->", ":*"]
_HOSTILE = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _parsed(text: str) -> SearchQuery | None:
    try:
        return parse(text)
    except QueryError:
        return None


@given(st.text(max_size=10_000))
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    _parsed(text)


@given(st.one_of(_HOSTILE, st.text(max_size=200)))
def test_any_operator_soup_parses_or_raises_query_error(text: str) -> None:
    _parsed(text)


@pytest.fixture(scope="module")
def fts5() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute(sqlite_fts.create_table_sql("posts_index", stemmed=True))
    connection.execute(sqlite_fts.create_table_sql("posts_words", stemmed=False))
    yield connection
    connection.close()


@given(text=st.one_of(_HOSTILE, st.text(max_size=200)))
def test_fts5_accepts_every_statement_built_from_a_parsed_query(
    fts5: sqlite3.Connection, text: str
) -> None:
    query = _parsed(text)
    if query is None:
        return
    statement = sqlite_fts.search_statement(
        query, index_table="posts_index", words_table="posts_words", limit=10
    )
    if statement is None:
        return
    compiled = statement.compile()
    rows = fts5.execute(str(compiled), compiled.params).fetchall()
    assert rows == []  # accepted by FTS5 (an operator in the text would raise), on empty tables
