"""The one tokeniser of search: what the index stores and what a query looks for.

Both sides must cut text the same way, or an identifier indexed as one token is searched as two.
So neither database tokeniser sees raw text: the indexer feeds it ``index_text(...)`` and the query
side builds every database query from ``words(...)``. The databases then only split on the single
spaces put here, and accent and case folding is identical on SQLite and PostgreSQL (it no longer
depends on ``unaccent`` being installed or on FTS5's diacritic tables).
"""

from __future__ import annotations

import unicodedata


def is_word_character(character: str) -> bool:
    """Whether ``character`` is part of a token (rather than a separator) for ``words``."""
    # Combining marks belong to the word: Devanagari vowel signs, for example, are marks, and
    # splitting on them would cut every Hindi word in pieces.
    return character.isalnum() or unicodedata.category(character).startswith("M")


def fold(text: str) -> str:
    """``text`` case-folded, compatibility-decomposed and stripped of accents on Latin letters.

    Only marks that follow an ASCII letter go (é -> e, ñ -> n, ệ -> e): in other scripts a mark
    may be what tells two words apart (Cyrillic й and и, Devanagari vowel signs), so it stays.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept: list[str] = []
    base_is_ascii = False
    for character in decomposed:
        if unicodedata.combining(character):
            if not base_is_ascii:
                kept.append(character)
            continue
        base_is_ascii = character.isascii()
        kept.append(character)
    return "".join(kept)


def words(text: str) -> list[str]:
    """The search tokens of ``text``: folded (see ``fold``), split on everything that is not a
    letter, digit or mark. ``sqlite3.connect`` -> sqlite3, connect; ``--dry-run`` -> dry, run;
    ``KeyError: 'id'`` -> keyerror, id; ``Café`` -> cafe."""
    tokens: list[str] = []
    current: list[str] = []
    for character in fold(text):
        if is_word_character(character):
            current.append(character)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def index_text(text: str) -> str:
    """``text`` as the index should receive it: its tokens joined by single spaces."""
    return " ".join(words(text))


def language_of(locale: str) -> str:
    """The lower-case language code of a locale: ``en-GB``, ``pt_BR``, ``DE`` -> en, pt, de."""
    return locale.strip().replace("_", "-").split("-", 1)[0].lower()
