"""PostgreSQL's side of search: weighted tsvectors and tsqueries built from a ``SearchQuery``.

Each post carries two vectors, computed from ``tokens.index_text(...)`` of its fields:

* ``document``, in the site's text-search configuration (stemmed, stop words dropped), weighted
  A title, B tags, C excerpt, D body and authors: words, phrases, exclusions and the rank;
* ``words``, in ``simple`` (unstemmed, same weights): the last word typed as a prefix, which
  cannot match stems ("runn" is no prefix of the stem "run").

Accents are folded in Python before the text reaches PostgreSQL (``tokens.fold``), the same fold
as on SQLite, so ``unaccent`` is not needed. It is available on the test server, but a managed
database may lack it and its rules differ slightly from FTS5's; one fold keeps both databases in
agreement. A stemmer thus sees "cafe" for "café", which only costs some German or French stems.

No tsquery syntax is ever written from the reader's text: every word or phrase is a bound
parameter of ``phraseto_tsquery``, the prefix token one of ``to_tsquery`` after PostgreSQL's own
``quote_literal``, and the pieces are joined with the ``&&`` and ``!!`` operators.
"""

from __future__ import annotations

from functools import reduce
from typing import Any

from sqlalchemy import (
    REAL,
    Float,
    Select,
    String,
    TableClause,
    bindparam,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, REGCONFIG, TSQUERY, TSVECTOR
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlalchemy.sql.operators import custom_op

from inkwell.search.query import SearchQuery, Words
from inkwell.search.tokens import language_of

# Languages whose snowball stemmer ships with PostgreSQL, by ISO 639-1 code.
_CONFIGURATIONS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
UNSTEMMED = "simple"
# ts_rank's weights for D, C, B, A (PostgreSQL's own defaults, written out because they are the
# ranking rule: title > tags > excerpt > body).
RANK_WEIGHTS = (0.1, 0.2, 0.4, 1.0)
_NOT: custom_op[Any] = custom_op("!!")


def configuration_for(locale: str) -> str:
    """The text-search configuration for a site locale (``en``, ``de-AT``, ``pt_BR``);
    ``simple`` (no stemming, no stop words) for languages PostgreSQL cannot stem."""
    return _CONFIGURATIONS.get(language_of(locale), UNSTEMMED)


def _regconfig(configuration: str) -> ColumnElement[Any]:
    return cast(bindparam(None, configuration, type_=String), REGCONFIG)


def _weighted(configuration: str, fields: tuple[tuple[str, str], ...]) -> ColumnElement[Any]:
    parts = [
        func.setweight(
            func.to_tsvector(_regconfig(configuration), bindparam(None, value, type_=String)),
            # A constant of this module, written as a "char" literal: a bound varchar would not
            # match setweight's signature.
            literal_column(f"'{weight}'"),
            type_=TSVECTOR,
        )
        for weight, value in fields
    ]
    return reduce(lambda left, right: left.op("||")(right), parts)


def _fields(
    title: str, tags: str, excerpt: str, body: str, authors: str
) -> tuple[tuple[str, str], ...]:
    return (("A", title), ("B", tags), ("C", excerpt), ("D", f"{body} {authors}"))


def document_vector(
    configuration: str, *, title: str, tags: str, excerpt: str, body: str, authors: str
) -> ColumnElement[Any]:
    """The stemmed, weighted ``document`` tsvector of a post's fields (each already passed
    through ``tokens.index_text``)."""
    return _weighted(configuration, _fields(title, tags, excerpt, body, authors))


def words_vector(
    *, title: str, tags: str, excerpt: str, body: str, authors: str
) -> ColumnElement[Any]:
    """The unstemmed ``words`` tsvector (for prefixes) of the same fields."""
    return _weighted(UNSTEMMED, _fields(title, tags, excerpt, body, authors))


def _phrase_query(configuration: str, tokens: Words) -> ColumnElement[Any]:
    return func.phraseto_tsquery(
        _regconfig(configuration), bindparam(None, " ".join(tokens), type_=String), type_=TSQUERY
    )


def _and(parts: list[ColumnElement[Any]]) -> ColumnElement[Any]:
    return reduce(lambda left, right: left.op("&&")(right), parts)


def document_query(query: SearchQuery, configuration: str) -> ColumnElement[Any] | None:
    """The tsquery for ``document``: every required word or phrase and none of the excluded;
    ``None`` when neither is present."""
    parts = [_phrase_query(configuration, tokens) for tokens in query.required]
    parts += [
        UnaryExpression(_phrase_query(configuration, tokens), operator=_NOT, type_=TSQUERY())
        for tokens in query.excluded
    ]
    return _and(parts) if parts else None


def prefix_query(query: SearchQuery) -> ColumnElement[Any] | None:
    """The tsquery for ``words``: the typed phrase with its last token as a prefix."""
    if not query.prefix:
        return None
    *leading, last = query.prefix
    last_query = func.to_tsquery(
        _regconfig(UNSTEMMED),
        func.quote_literal(bindparam(None, last, type_=String)).op("||")(literal(":*")),
        type_=TSQUERY,
    )
    if not leading:
        return last_query
    return func.tsquery_phrase(_phrase_query(UNSTEMMED, tuple(leading)), last_query)


def matches(vector: ColumnElement[Any], tsquery: ColumnElement[Any]) -> ColumnElement[bool]:
    """``vector @@ tsquery``."""
    return vector.bool_op("@@")(tsquery)


def rank(vector: ColumnElement[Any], tsquery: ColumnElement[Any]) -> ColumnElement[float]:
    """``ts_rank`` with ``RANK_WEIGHTS`` (higher is better)."""
    weights = cast(literal("{" + ",".join(map(str, RANK_WEIGHTS)) + "}", String), ARRAY(REAL))
    return func.ts_rank(weights, vector, tsquery, type_=Float)


def search_statement(
    query: SearchQuery, configuration: str, *, table: TableClause, limit: int
) -> Select[tuple[Any, float]] | None:
    """The ``id`` of ``table``'s rows (columns ``id``, ``document``, ``words``) matching
    ``query``'s text, best first (``rank``: higher is better); ``None`` for filters alone.

    Required words rank by the stemmed ``document``; a prefix alone ranks by ``words``.
    """
    document, words = table.c.document, table.c.words
    text_query, typed = document_query(query, configuration), prefix_query(query)
    conditions: list[ColumnElement[bool]] = []
    scores: list[ColumnElement[float]] = []
    if text_query is not None:
        condition = matches(document, text_query)
        if typed is not None:
            # Stop words ("about the") make an empty tsquery, which matches nothing: beside a
            # typed word they are ignored, as the dictionary means them to be.
            condition = or_(func.numnode(text_query) == 0, condition)
        conditions.append(condition)
        if query.required:
            scores.append(rank(document, text_query))
    if typed is not None:
        conditions.append(matches(words, typed))
        scores.append(rank(words, typed))
    if not scores:
        return None
    score = scores[0]
    return (
        select(table.c.id, score.label("rank"))
        .where(*conditions)
        .order_by(score.desc(), table.c.id)
        .limit(limit)
    )
