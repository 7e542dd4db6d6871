"""SQLite's side of search: FTS5 tables and MATCH expressions built from a ``SearchQuery``.

Two FTS5 tables with the same rowids and columns hold every post:

* the *index* (``STEMMED_TOKENIZER``): porter-stemmed, so "run" finds "running"; words, phrases
  and exclusions are matched here, and its ``bm25`` ranks the results;
* the *words* table (``PLAIN_TOKENIZER``): the same text unstemmed, for the last word typed as a
  prefix. A prefix cannot be matched against stems: "runn" is no prefix of the stem "run", so
  results would vanish while the reader types "running" and come back at the last letter.

The text fed to both is ``tokens.index_text(...)``: already folded and split, so FTS5 only splits
on spaces. ``remove_diacritics 2`` and the categories (letters, digits, marks, private use, as
``tokens.words`` keeps) make FTS5 agree with that tokeniser even on text fed unnormalised.

Every token goes into the MATCH string double-quoted, so nothing from the reader can act as an
FTS5 operator (AND, OR, NOT, NEAR, ``*``, ``^``, ``column:``), and filters stay out of MATCH:
tags and authors are ordinary SQL conditions of the service.
"""

from __future__ import annotations

import re

from sqlalchemy import TextClause, bindparam, text

from inkwell.search.query import SearchQuery, Words
from inkwell.search.tokens import language_of

COLUMNS = ("title", "tags", "excerpt", "body", "authors")
# bm25 weight per column, in COLUMNS order: a word in the title counts ten times one in the body.
BM25_WEIGHTS = (10.0, 5.0, 2.5, 1.0, 1.0)
_CATEGORIES = "categories 'L* N* Co M*'"
STEMMED_TOKENIZER = f"porter unicode61 remove_diacritics 2 {_CATEGORIES}"
PLAIN_TOKENIZER = f"unicode61 remove_diacritics 2 {_CATEGORIES}"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _checked(table: str) -> str:
    # Table names come from code, never from readers; this keeps it that way.
    if not _IDENTIFIER.match(table):
        raise ValueError(f"not a plain table name: {table!r}")
    return table


def stems(locale: str) -> bool:
    """Whether the index of a site in ``locale`` should stem: FTS5's only stemmer is the English
    porter, which would cut German or French words at English suffixes, so other languages get
    an unstemmed index (the words table's tokenizer) and match whole words and prefixes."""
    return language_of(locale) == "en"


def create_table_sql(table: str, *, stemmed: bool) -> str:
    """``CREATE VIRTUAL TABLE`` for the index (``stemmed``, see ``stems``) or the words table."""
    tokenizer = STEMMED_TOKENIZER if stemmed else PLAIN_TOKENIZER
    columns = ", ".join(COLUMNS)
    # Single quotes inside the tokenize option are doubled for the SQL string literal.
    option = tokenizer.replace("'", "''")
    return f"CREATE VIRTUAL TABLE {_checked(table)} USING fts5({columns}, tokenize = '{option}')"


def _phrase(tokens: Words) -> str:
    # Tokens hold only letters, digits and marks; doubling quotes guards against the day they
    # do not.
    return '"' + " ".join(token.replace('"', '""') for token in tokens) + '"'


def match_expression(query: SearchQuery) -> str | None:
    """The MATCH string for the index: every required word or phrase, none of the excluded
    ones; ``None`` when nothing is required (a prefix alone, or filters alone)."""
    if not query.required:
        return None
    expression = " AND ".join(_phrase(tokens) for tokens in query.required)
    for tokens in query.excluded:
        expression += f" NOT {_phrase(tokens)}"
    return expression


def prefix_expression(query: SearchQuery) -> str | None:
    """The MATCH string for the words table: the typed phrase, its last token a prefix."""
    return f"{_phrase(query.prefix)} *" if query.prefix else None


def exclusion_expression(query: SearchQuery) -> str | None:
    """The MATCH string for the index matching any excluded word or phrase."""
    return " OR ".join(_phrase(tokens) for tokens in query.excluded) or None


def _ranked_match(table: str, parameter: str) -> str:
    weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
    # Only table names checked by _checked are formatted in; the reader's text is a parameter.
    return (
        f"SELECT rowid AS id, bm25({table}, {weights}) AS rank "  # noqa: S608
        f"FROM {table} WHERE {table} MATCH :{parameter}"
    )


def _rowids_matching(table: str, parameter: str) -> str:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH :{parameter}"  # noqa: S608


def search_statement(
    query: SearchQuery, *, index_table: str, words_table: str, limit: int
) -> TextClause | None:
    """The rowids (``id``) matching ``query``'s text, best first (``rank``: lower is better);
    ``None`` when the query has no text (filters alone).

    With required words the index is searched and ranks (the excluded ones are in its MATCH);
    a prefix alone searches and ranks by the words table, the exclusions a subquery.
    """
    index, words = _checked(index_table), _checked(words_table)
    match, prefix = match_expression(query), prefix_expression(query)
    excluded = exclusion_expression(query)
    params: dict[str, object] = {"limit": limit}
    if match is not None:
        sql = _ranked_match(index, "match")
        params["match"] = match
        if prefix is not None:
            sql += f" AND rowid IN ({_rowids_matching(words, 'prefix')})"
            params["prefix"] = prefix
    elif prefix is not None:
        sql = _ranked_match(words, "prefix")
        params["prefix"] = prefix
        if excluded is not None:
            sql += f" AND rowid NOT IN ({_rowids_matching(index, 'excluded')})"
            params["excluded"] = excluded
    else:
        return None
    sql += " ORDER BY rank, id LIMIT :limit"
    return text(sql).bindparams(*(bindparam(name, value) for name, value in params.items()))
