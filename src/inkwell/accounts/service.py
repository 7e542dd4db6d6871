"""Staff accounts: creation with a hashed password, roles, the owner and the first start."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.models import StaffAccount
from inkwell.content import service as content
from inkwell.content.service import User
from inkwell.settings import Settings

ROLES = ("owner", "administrator", "editor", "author", "contributor")
"""Ghost's staff roles, most powerful first."""

_hasher = PasswordHasher()


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


async def create_user(
    session: AsyncSession, *, name: str, email: str, password: str, role: str = "author"
) -> User:
    """A new staff user (author profile and account); refuses a taken email or a weak password."""
    name, email = name.strip(), email.strip()
    if not name:
        raise UserInputError("a name is required")
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise UserInputError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise UserInputError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if len(password) < 10:
        raise UserInputError("the password must have at least 10 characters")
    if await content.author_by_email(session, email):
        raise UserInputError(f"a user with email {email} already exists")
    user = await content.create_author_profile(session, name=name, email=email)
    session.add(StaffAccount(user_id=user.id, password_hash=hash_password(password), role=role))
    await session.flush()
    return user


async def get_account(session: AsyncSession, user_id: str) -> StaffAccount | None:
    """The staff account of the user ``user_id``, or None (an author without one)."""
    return await session.get(StaffAccount, user_id)


async def get_owner(session: AsyncSession) -> User | None:
    """The site owner's profile, or None before the first start."""
    query = (
        select(User)
        .join(StaffAccount, StaffAccount.user_id == User.id)
        .where(StaffAccount.role == "owner")
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def owner_id(session: AsyncSession) -> str | None:
    """The owner's user id: the author of posts that name none."""
    query = select(StaffAccount.user_id).where(StaffAccount.role == "owner").limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def ensure_owner(session: AsyncSession, settings: Settings) -> list[str]:
    """First start: create the owner when there is none; the lines to show the operator once."""
    if await owner_id(session) is not None:
        return []
    password = new_password()
    await create_user(
        session,
        name=settings.owner_name,
        email=settings.owner_email,
        password=password,
        role="owner",
    )
    return [
        f"Created the owner account {settings.owner_email} with password: {password}",
        "This password is shown only once: keep it somewhere safe.",
    ]
