"""Slugs: generated from titles and names, unique within a table."""

from __future__ import annotations

from typing import Any

from slugify import slugify
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

MAX_SLUG = 185


def make_slug(text: str, fallback: str = "untitled") -> str:
    """A lowercase, hyphenated ASCII slug of ``text`` (never empty)."""
    return slugify(text, max_length=MAX_SLUG, word_boundary=True) or fallback


async def unique_slug(
    session: AsyncSession, model: Any, wanted: str, *, exclude_id: str | None = None
) -> str:
    """``wanted`` if free in ``model``'s table, else ``wanted-2``, ``wanted-3``..."""
    base = make_slug(wanted)
    candidate, counter = base, 1
    while True:
        query = select(model.id).where(model.slug == candidate)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        if (await session.execute(query.limit(1))).first() is None:
            return candidate
        counter += 1
        candidate = f"{base}-{counter}"
