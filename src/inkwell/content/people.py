"""Authors' public profiles: lookup and creation (credentials and roles live in ``accounts``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import User
from inkwell.content.schemas import AuthorRef
from inkwell.content.slugs import unique_slug
from inkwell.core import events

# An author's social accounts, by Ghost's names (columns of ``users``, fields of the APIs).
SOCIAL_ACCOUNTS = (
    "facebook",
    "twitter",
    "threads",
    "bluesky",
    "mastodon",
    "tiktok",
    "youtube",
    "instagram",
    "linkedin",
)


async def get_by_id(session: AsyncSession, user_id: str) -> User | None:
    """A user by id, or None."""
    return await session.get(User, user_id)


async def get_by_slug(session: AsyncSession, slug: str) -> User | None:
    """A user by slug, or None."""
    return (await session.execute(select(User).where(User.slug == slug))).scalar_one_or_none()


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    """A user by email (case-insensitive), or None."""
    query = select(User).where(func.lower(User.email) == email.lower())
    return (await session.execute(query)).scalar_one_or_none()


async def create_profile(
    session: AsyncSession, *, name: str, email: str | None, slug: str | None = None
) -> User:
    """A new author profile with a slug of its own (from ``slug``, else the name)."""
    user = User(name=name, email=email, slug=await unique_slug(session, User, slug or name))
    session.add(user)
    await session.flush()
    events.emit(session, "author.added", user.id, slug=user.slug)
    return user


async def find_or_create_author(session: AsyncSession, ref: AuthorRef) -> User:
    """The author ``ref`` names (by email, then slug, then exact name), created when new."""
    if ref.email and (found := await get_by_email(session, ref.email)):
        return found
    if ref.slug and (found := await get_by_slug(session, ref.slug)):
        return found
    by_name = select(User).where(User.name == ref.name).limit(1)
    if found := (await session.execute(by_name)).scalar_one_or_none():
        return found
    return await create_profile(session, name=ref.name, email=ref.email, slug=ref.slug)


async def rename_author(session: AsyncSession, slug: str, name: str) -> User | None:
    """Give the author ``slug`` a new display name (``author.edited``); None when no such author.

    The slug stays: links to the author's page keep working.
    """
    user = await get_by_slug(session, slug)
    if user is None:
        return None
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("an author's name cannot be empty")
    if cleaned != user.name:
        user.name = cleaned
        await session.flush()
        events.emit(session, "author.edited", user.id, slug=user.slug, previous_slug=user.slug)
    return user
