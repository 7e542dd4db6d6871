"""Users and authors: lookup, creation, the owner account and passwords."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import User
from inkwell.content.schemas import AuthorRef
from inkwell.content.slugs import unique_slug
from inkwell.core.changes import mark_changed

_hasher = PasswordHasher()
ROLES = ("owner", "administrator", "editor", "author", "contributor")


class UserInputError(ValueError):
    """A user could not be created; the message says why."""


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``."""
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_password() -> str:
    """A random password strong enough to print once and change later."""
    return secrets.token_urlsafe(15)


async def get_by_slug(session: AsyncSession, slug: str) -> User | None:
    """A user by slug, or None."""
    return (await session.execute(select(User).where(User.slug == slug))).scalar_one_or_none()


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    """A user by email (case-insensitive), or None."""
    query = select(User).where(func.lower(User.email) == email.lower())
    return (await session.execute(query)).scalar_one_or_none()


async def find_or_create_author(session: AsyncSession, ref: AuthorRef) -> User:
    """The author ``ref`` names (by email, then slug, then exact name), created when new."""
    if ref.email and (found := await get_by_email(session, ref.email)):
        return found
    if ref.slug and (found := await get_by_slug(session, ref.slug)):
        return found
    by_name = select(User).where(User.name == ref.name).limit(1)
    if found := (await session.execute(by_name)).scalar_one_or_none():
        return found
    user = User(
        name=ref.name,
        email=ref.email,
        slug=await unique_slug(session, User, ref.slug or ref.name),
        role="author",
    )
    session.add(user)
    await session.flush()
    mark_changed(session)
    return user


async def create_user(
    session: AsyncSession, *, name: str, email: str, password: str, role: str = "author"
) -> User:
    """A new staff user with a hashed password; refuses a taken email or a weak password."""
    name, email = name.strip(), email.strip()
    if not name:
        raise UserInputError("a name is required")
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise UserInputError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise UserInputError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if len(password) < 10:
        raise UserInputError("the password must have at least 10 characters")
    if await get_by_email(session, email):
        raise UserInputError(f"a user with email {email} already exists")
    user = User(
        name=name,
        email=email,
        slug=await unique_slug(session, User, name),
        password_hash=hash_password(password),
        role=role,
    )
    session.add(user)
    await session.flush()
    mark_changed(session)
    return user


async def get_owner(session: AsyncSession) -> User | None:
    """The site owner, or None before the first start."""
    query = select(User).where(User.role == "owner").limit(1)
    return (await session.execute(query)).scalar_one_or_none()
