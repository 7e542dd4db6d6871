"""Finding a tag or an author the way an API client names one: by id, slug, name or email.

A client (Ghost's Admin API) may name a tag ``{"id": ...}``, ``{"slug": ...}``, ``{"name": ...}``
or just ``"Python"``; these look-ups answer which stored row that is, or None. Creating what is
missing stays with ``tags.find_or_create`` and ``create_tag``.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post, Tag, User


async def find_tag(
    session: AsyncSession,
    *,
    id: str | None = None,
    slug: str | None = None,
    name: str | None = None,
) -> Tag | None:
    """The tag with this id, else this slug, else this name (case ignored), or None."""
    if id is not None:
        return await session.get(Tag, id)
    if slug is not None:
        by_slug = select(Tag).where(Tag.slug == slug.lower())
        if found := (await session.execute(by_slug)).scalar_one_or_none():
            return found
    if name is not None:
        by_name = select(Tag).where(func.lower(Tag.name) == name.lower()).order_by(Tag.slug)
        return (await session.execute(by_name.limit(1))).scalar_one_or_none()
    return None


async def find_author(session: AsyncSession, text: str) -> User | None:
    """The user whose id, email, slug or (exact) name is ``text``, in that order, or None."""
    for condition in (
        User.id == text,
        func.lower(User.email) == text.lower(),
        User.slug == text.lower(),
        User.name == text,
    ):
        query = select(User).where(condition).order_by(User.created_at, User.id).limit(1)
        if found := (await session.execute(query)).scalar_one_or_none():
            return found
    return None


async def find_author_by(
    session: AsyncSession,
    *,
    id: str | None = None,
    email: str | None = None,
    slug: str | None = None,
    name: str | None = None,
) -> User | None:
    """The user matching every one of the given fields, or None (nothing given: None)."""
    conditions = []
    if id is not None:
        conditions.append(User.id == id)
    if email is not None:
        conditions.append(func.lower(User.email) == email.lower())
    if slug is not None:
        conditions.append(User.slug == slug.lower())
    if name is not None:
        conditions.append(User.name == name)
    if not conditions:
        return None
    query = select(User).where(*conditions).order_by(User.created_at, User.id).limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def post_sources(session: AsyncSession, post_ids: list[str]) -> dict[str, tuple[str, str]]:
    """``(source_format, source)`` of each post among ``post_ids`` (the source is deferred on
    the rows: this reads only it, for many posts in one query)."""
    if not post_ids:
        return {}
    query = select(Post.id, Post.source_format, Post.source).where(Post.id.in_(post_ids))
    return {row.id: (row.source_format, row.source) for row in await session.execute(query)}
