"""The reader's search language, parsed into a ``SearchQuery``. Pure: no database here.

    word word          every word must match (stemmed where the database stems)
    "a phrase"         the words in this order, next to each other (an unclosed quote closes
                       at the end of the text)
    -word  -"phrase"   posts containing it are left out
    tag:slug           only posts with that tag;  author:slug  only posts by that author
    sqlite3.connect    punctuation inside a word splits it into a phrase: sqlite3 then connect
    pyth               the last word, when the text does not end in a space, is a prefix

Nothing the reader types is ever a database operator: AND, OR, NEAR, ``*``, ``^``, ``:``, ``&``,
``|``, ``!``, ``<->`` are words or separators like any other text, because every database query is
built from the tokens of ``tokens.words`` and never from the reader's characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from inkwell.search.tokens import is_word_character, words

MAX_LENGTH = 200
# A one-letter prefix matches most of the index and tells nothing yet; it counts as a word.
MIN_PREFIX_LENGTH = 2
_FILTERS = ("tag:", "author:")

Words = tuple[str, ...]


class QueryError(ValueError):
    """A query that cannot be searched; ``message`` is a sentence to show the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SearchQuery:
    """What the reader asked for, as tokens of ``tokens.words``.

    ``required``: sequences that must all occur, each as adjacent tokens (one token: a word).
    ``prefix``: a sequence whose last token is a prefix (empty: none); matched unstemmed.
    ``excluded``: sequences none of which may occur. ``tags``/``authors``: slugs to filter on.
    """

    required: tuple[Words, ...] = ()
    prefix: Words = ()
    excluded: tuple[Words, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    def has_text(self) -> bool:
        """Whether anything must match in the text (rather than filters alone)."""
        return bool(self.required or self.prefix)


@dataclass(frozen=True)
class _Chunk:
    text: str
    quoted: bool
    negated: bool


def _clean(text: str) -> str:
    # Control characters (NUL included) become spaces so that the words around them stay apart;
    # format characters (zero-width space, bidi marks) vanish, so "wo\u200brd" is "word".
    kept: list[str] = []
    for character in text:
        category = unicodedata.category(character)
        if category == "Cc":
            kept.append(" ")
        elif category != "Cf":
            kept.append(character)
    return "".join(kept)


def _chunks(text: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    position, end = 0, len(text)
    while position < end:
        if text[position].isspace():
            position += 1
            continue
        following = text[position + 1 : position + 2]
        # "--dry-run" is an option being searched for, "- x" a dash: neither excludes anything.
        negated = text[position] == "-" and following not in ("", "-") and not following.isspace()
        start = position + 1 if negated else position
        if text[start : start + 1] == '"':
            close = text.find('"', start + 1)
            stop = end if close == -1 else close
            chunks.append(_Chunk(text[start + 1 : stop], quoted=True, negated=negated))
            position = stop + 1
            continue
        stop = start
        while stop < end and not text[stop].isspace():
            stop += 1
        chunks.append(_Chunk(text[start:stop], quoted=False, negated=negated))
        position = stop
    return chunks


def _filter_of(chunk: _Chunk) -> tuple[str, str] | None:
    if chunk.quoted or chunk.negated:
        return None
    lowered = chunk.text.lower()
    for name in _FILTERS:
        if lowered.startswith(name):
            slug = "-".join(words(chunk.text[len(name) :]))
            return (name[:-1], slug) if slug else None
    return None


def _unique(items: list[Words]) -> tuple[Words, ...]:
    return tuple(dict.fromkeys(items))


def parse(text: str) -> SearchQuery:
    """The reader's ``text`` as a ``SearchQuery``; raises ``QueryError`` (and nothing else) when
    there is nothing to search for or the text is longer than ``MAX_LENGTH``."""
    if len(text) > MAX_LENGTH:
        raise QueryError(f"Type at most {MAX_LENGTH} characters.")
    cleaned = _clean(text)
    chunks = _chunks(cleaned)
    required: list[Words] = []
    excluded: list[Words] = []
    filters: dict[str, list[str]] = {"tag": [], "author": []}
    prefix: Words = ()
    typing_last_word = bool(cleaned) and is_word_character(cleaned[-1])
    for index, chunk in enumerate(chunks):
        found_filter = _filter_of(chunk)
        if found_filter is not None:
            filters[found_filter[0]].append(found_filter[1])
            continue
        tokens = tuple(words(chunk.text))
        if not tokens:
            continue
        if chunk.negated:
            excluded.append(tokens)
        elif (
            index == len(chunks) - 1
            and not chunk.quoted
            and typing_last_word
            and len(tokens[-1]) >= MIN_PREFIX_LENGTH
        ):
            prefix = tokens
        else:
            required.append(tokens)
    query = SearchQuery(
        required=_unique(required),
        prefix=prefix,
        excluded=_unique(excluded),
        tags=tuple(dict.fromkeys(filters["tag"])),
        authors=tuple(dict.fromkeys(filters["author"])),
    )
    if not (query.has_text() or query.tags or query.authors):
        if query.excluded:
            raise QueryError("Add a word to find, not only words to leave out.")
        raise QueryError("Type a word to search for.")
    return query
