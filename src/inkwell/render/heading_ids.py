"""Heading ids: readable slugs, unique within one document."""

from __future__ import annotations

from collections.abc import Iterable

from slugify import slugify

# Used when a heading has text but nothing slug-worthy in it (only emoji or punctuation).
FALLBACK_SLUG = "section"

# Apostrophes vanish instead of splitting a word, as in Ghost: "What's new" -> "whats-new".
_REPLACEMENTS = (("'", ""), ("\u2019", ""), ("\u2018", ""))


def heading_slug(text: str) -> str:
    """Turn heading text into an id: ASCII, lower case, words joined by hyphens.

    Non-ASCII letters are transliterated ("Café" -> "cafe"); apostrophes are dropped;
    text with no usable characters gives ``"section"``; empty text gives ``""``.
    """
    if not text.strip():
        return ""
    # entities=False etc.: the text is already decoded, "&amp;" here is literal text
    slug = slugify(
        text,
        entities=False,
        decimal=False,
        hexadecimal=False,
        replacements=_REPLACEMENTS,
    )
    return slug or FALLBACK_SLUG


class SlugAllocator:
    """Hands out ids that are unique within a document: ``setup``, ``setup-1``, ...

    Ids already present in the document are reserved up front, so generated ids never
    collide with an author's own ``id`` attributes (or footnote anchors).
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._used: set[str] = set(reserved)

    def claim(self, slug: str) -> str:
        """Return ``slug`` or the first free ``slug-N``, and mark it used."""
        candidate = slug
        number = 0
        while candidate in self._used:
            number += 1
            candidate = f"{slug}-{number}"
        self._used.add(candidate)
        return candidate

    def reserve(self, slug: str) -> None:
        """Mark an existing id as taken."""
        self._used.add(slug)
