"""Tags: lookup, creation from names, and the public ones readers may see."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Tag
from inkwell.content.slugs import make_slug, unique_slug
from inkwell.core import events


async def get_by_slug(session: AsyncSession, slug: str) -> Tag | None:
    """A tag by slug, or None."""
    return (await session.execute(select(Tag).where(Tag.slug == slug))).scalar_one_or_none()


async def public_tag(session: AsyncSession, slug: str) -> Tag | None:
    """The tag readers may see at ``slug``: None when there is none or it is internal."""
    tag = await get_by_slug(session, slug)
    return None if tag is None or tag.is_internal else tag


async def find_or_create(session: AsyncSession, name: str) -> Tag:
    """The tag named ``name`` (matched by slug, case-insensitively), created when new."""
    # Internal tags keep a "hash-" prefix in their slug, as Ghost does.
    wanted = ("hash-" + name[1:]) if name.startswith("#") else name
    slug = make_slug(wanted, fallback="tag")
    found = await get_by_slug(session, slug)
    if found is not None:
        return found
    tag = Tag(name=name, slug=await unique_slug(session, Tag, slug))
    session.add(tag)
    await session.flush()
    events.emit(session, "tag.added", tag.id, slug=tag.slug)
    return tag
