"""Tags: lookup, creation (from names, or by staff), listing with post counts, editing and
deleting, and the public ones readers see.

A name starting with ``#`` makes an internal tag (for staff only; its slug starts ``hash-``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import PostTag, Tag
from inkwell.content.slugs import MAX_SLUG, given_slug, make_slug, unique_slug
from inkwell.core import events
from inkwell.core.time import utcnow

MAX_NAME = 191


class TagInputError(ValueError):
    """A tag name, slug or description that was refused; the message says why."""


def clean_name(name: str) -> str:
    """``name`` with runs of whitespace made one space; TagInputError when empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned or cleaned == "#":
        raise TagInputError("a tag needs a name")
    if len(cleaned) > MAX_NAME:
        raise TagInputError(f"a tag name is at most {MAX_NAME} characters, not {len(cleaned)}")
    return cleaned


async def get_by_slug(session: AsyncSession, slug: str) -> Tag | None:
    """A tag by slug, or None."""
    return (await session.execute(select(Tag).where(Tag.slug == slug))).scalar_one_or_none()


async def public_tag(session: AsyncSession, slug: str) -> Tag | None:
    """The tag readers may see at ``slug``: None when there is none or it is internal."""
    tag = await get_by_slug(session, slug)
    return None if tag is None or tag.is_internal else tag


def slug_for_name(name: str) -> str:
    """The slug a tag named ``name`` gets; internal tags keep a ``hash-`` prefix, as in Ghost."""
    wanted = ("hash-" + name[1:]) if name.startswith("#") else name
    return make_slug(wanted, fallback="tag")


async def find_or_create(session: AsyncSession, name: str) -> Tag:
    """The tag named ``name`` (matched by name, then by slug, case-insensitively), created when
    new. Matching the name first keeps a tag whose slug was edited from being made twice.
    """
    by_name = select(Tag).where(func.lower(Tag.name) == name.lower()).order_by(Tag.slug).limit(1)
    found = (await session.execute(by_name)).scalar_one_or_none()
    if found is not None:
        return found
    slug = slug_for_name(name)
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
    """Rename a tag, give it another slug (made unique) or describe it; TagNotFound if none,
    TagInputError for an empty or too long name.
    """
    tag = await _stored(session, slug)
    if name is not None:
        tag.name = clean_name(name)
    if new_slug is not None and new_slug != tag.slug:
        wanted = given_slug(new_slug)
        tag.slug = await unique_slug(session, Tag, wanted, exclude_id=tag.id, keep=True)
    if description is not None:
        tag.description = description or None
    tag.updated_at = utcnow()
    await session.flush()
    events.emit(session, "tag.edited", tag.id, slug=tag.slug, previous_slug=slug)
    return tag


async def create_tag(
    session: AsyncSession,
    name: str,
    *,
    slug: str | None = None,
    description: str | None = None,
) -> Tag:
    """A new tag named ``name`` (``#name`` for an internal one), with ``slug`` or one made from
    the name. Raises TagInputError when the name is empty or over 191 characters, or the slug
    belongs to another tag already (a tag is not made twice).
    """
    cleaned = clean_name(name)
    wanted = given_slug(slug.strip()) if slug and slug.strip() else slug_for_name(cleaned)
    if len(wanted) > MAX_SLUG:
        raise TagInputError(f"a tag slug is at most {MAX_SLUG} characters")
    if await get_by_slug(session, wanted) is not None:
        raise TagInputError(f"a tag with the slug {wanted!r} exists already")
    tag = Tag(name=cleaned, slug=wanted, description=(description or "").strip() or None)
    session.add(tag)
    await session.flush()
    events.emit(session, "tag.added", tag.id, slug=tag.slug)
    return tag


@dataclass(frozen=True)
class TagCount:
    """A tag and how many posts and pages (in any status) carry it."""

    tag: Tag
    posts: int


async def list_tags(
    session: AsyncSession, *, include_internal: bool = True, q: str | None = None
) -> list[TagCount]:
    """Tags by name (case ignored) with their post counts; ``q`` keeps those whose name
    holds it (case ignored), ``include_internal=False`` leaves out ``#`` tags.
    """
    count = func.count(PostTag.post_id)
    query = (
        select(Tag, count)
        .outerjoin(PostTag, PostTag.tag_id == Tag.id)
        .group_by(Tag.id)
        .order_by(func.lower(Tag.name), Tag.id)
    )
    if not include_internal:
        query = query.where(~Tag.name.startswith("#"))
    if q and q.strip():
        query = query.where(func.lower(Tag.name).contains(q.strip().lower(), autoescape=True))
    return [TagCount(tag, posts) for tag, posts in (await session.execute(query)).all()]


async def delete_tag(session: AsyncSession, slug: str) -> None:
    """Delete a tag; its posts keep their other tags. TagNotFound when there is none."""
    tag = await _stored(session, slug)
    events.emit(session, "tag.deleted", tag.id, slug=tag.slug, previous_slug=tag.slug)
    await session.delete(tag)
    await session.flush()
