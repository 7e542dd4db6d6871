"""Tags: lookup, creation from names, editing and deleting, and the public ones readers see."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Tag
from inkwell.content.slugs import given_slug, make_slug, unique_slug
from inkwell.core import events
from inkwell.core.time import utcnow


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


class TagNotFound(LookupError):
    """No tag has this slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(f"no tag has the slug {slug!r}")
        self.slug = slug


async def _stored(session: AsyncSession, slug: str) -> Tag:
    tag = await get_by_slug(session, slug)
    if tag is None:
        raise TagNotFound(slug)
    return tag


async def edit_tag(
    session: AsyncSession,
    slug: str,
    *,
    name: str | None = None,
    new_slug: str | None = None,
    description: str | None = None,
) -> Tag:
    """Rename a tag, give it another slug (made unique) or describe it; TagNotFound if none."""
    tag = await _stored(session, slug)
    if name is not None:
        name = " ".join(name.split())[:191]
        if not name:
            raise ValueError("a tag needs a name")
        tag.name = name
    if new_slug is not None and new_slug != tag.slug:
        wanted = given_slug(new_slug)
        tag.slug = await unique_slug(session, Tag, wanted, exclude_id=tag.id, keep=True)
    if description is not None:
        tag.description = description or None
    tag.updated_at = utcnow()
    await session.flush()
    events.emit(session, "tag.edited", tag.id, slug=tag.slug, previous_slug=slug)
    return tag


async def delete_tag(session: AsyncSession, slug: str) -> None:
    """Delete a tag; its posts keep their other tags. TagNotFound when there is none."""
    tag = await _stored(session, slug)
    events.emit(session, "tag.deleted", tag.id, slug=tag.slug, previous_slug=tag.slug)
    await session.delete(tag)
    await session.flush()
