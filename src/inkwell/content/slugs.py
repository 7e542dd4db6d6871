"""Slugs: kept as a source gave them when they can be a URL path segment, else made from text.

A slug Inkwell makes up (from a title or a name) is lowercase hyphenated ASCII. A slug a source
gives (an imported Ghost post's ``some_notes``) is its URL: it is kept exactly, as Ghost serves
it, and normalised only when it cannot be one path segment (a ``/``, a ``?``, a space...).
"""

from __future__ import annotations

import re
from typing import Any

from slugify import slugify
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

MAX_SLUG = 185  # the column holds 191: room for a "-2" suffix when the slug is taken
# What cannot stand in one path segment as it is: separators, query and fragment marks, the
# percent sign (it would be read as an escape), characters URLs must escape, spaces, controls.
_NOT_IN_A_SEGMENT = re.compile(r"""[/\\?#%<>"'`{}|^\[\]\s\x00-\x1f\x7f]""")


def make_slug(text: str, fallback: str = "untitled") -> str:
    """A lowercase, hyphenated ASCII slug of ``text`` (never empty)."""
    return slugify(text, max_length=MAX_SLUG, word_boundary=True) or fallback


def is_path_segment(slug: str) -> bool:
    """True when ``slug`` can be one URL path segment exactly as it is."""
    return bool(slug) and slug not in (".", "..") and not _NOT_IN_A_SEGMENT.search(slug)


def given_slug(slug: str) -> str:
    """A slug a source gave: kept if it is a path segment (cut to ``MAX_SLUG``), else normalised."""
    kept = slug[:MAX_SLUG]
    return kept if is_path_segment(kept) else make_slug(slug)


async def unique_slug(
    session: AsyncSession,
    model: Any,
    wanted: str,
    *,
    exclude_id: str | None = None,
    keep: bool = False,
) -> str:
    """``wanted`` if free in ``model``'s table, else ``wanted-2``, ``wanted-3``...

    ``wanted`` is made a slug first, unless ``keep`` says it is one already (a given slug).
    """
    base = wanted if keep else make_slug(wanted)
    candidate, counter = base, 1
    while True:
        query = select(model.id).where(model.slug == candidate)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        if (await session.execute(query.limit(1))).first() is None:
            return candidate
        counter += 1
        candidate = f"{base}-{counter}"
