"""Tags: lookup, creation from names, archives' counts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post, PostTag, Tag
from inkwell.content.slugs import make_slug, unique_slug
from inkwell.core.time import utcnow


async def get_by_slug(session: AsyncSession, slug: str) -> Tag | None:
    """A tag by slug, or None."""
    return (await session.execute(select(Tag).where(Tag.slug == slug))).scalar_one_or_none()


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
    return tag


async def list_public_with_counts(session: AsyncSession) -> list[tuple[Tag, int]]:
    """Public tags that have published posts, with the number of those posts, by name."""
    count = func.count(Post.id)
    rows = await session.execute(
        select(Tag, count)
        .join(PostTag, PostTag.tag_id == Tag.id)
        .join(Post, Post.id == PostTag.post_id)
        .where(Post.status == "published", Post.type == "post", ~Tag.name.startswith("#"))
        .group_by(Tag.id)
        .order_by(Tag.name)
    )
    return [(row[0], row[1]) for row in rows]


async def touch(session: AsyncSession, tag: Tag) -> None:
    """Record that a tag changed (its archive's lastmod)."""
    tag.updated_at = utcnow()
    await session.flush()
