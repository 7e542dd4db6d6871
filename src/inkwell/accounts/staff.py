"""Staff management: creating accounts, listing them, roles, ownership, disabling, passwords.

Rules: there is always exactly one owner; only the owner hands ownership over (to an
administrator, and becomes an administrator); the owner cannot be disabled nor have their role
changed otherwise; disabling an account or setting its password ends its sessions.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import passwords, sessions
from inkwell.accounts.models import StaffAccount
from inkwell.accounts.permissions import ROLES, Actor, require
from inkwell.content import service as content
from inkwell.content.service import User
from inkwell.core.time import utcnow


class UserInputError(ValueError):
    """A request about staff that cannot be done; the message says why."""


@dataclass(frozen=True)
class StaffMember:
    """One row of the staff list."""

    user_id: str
    name: str
    email: str
    slug: str
    role: str
    disabled: bool
    last_signin_at: datetime | None
    created_at: datetime


def check_email(email: str) -> str:
    """``email`` stripped, or UserInputError when it is not an email address."""
    email = email.strip()
    local, at, domain = email.partition("@")
    if not at or not local or not domain or " " in email or len(email) > 191:
        raise UserInputError(f"{email!r} is not an email address")
    return email


def check_role(role: str) -> str:
    """``role``, or UserInputError when it is not one of ``ROLES``."""
    if role not in ROLES:
        raise UserInputError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    return role


def check_password(password: str) -> None:
    """UserInputError unless ``password`` may be set."""
    try:
        passwords.check_new_password(password)
    except passwords.WeakPassword as exc:
        raise UserInputError(str(exc)) from None


async def create_user(
    session: AsyncSession, *, name: str, email: str, password: str, role: str = "author"
) -> User:
    """A new staff user (author profile and account); refuses a taken email or a weak password.

    An author profile with that email but no account (an imported author) gets the account.
    """
    name = name.strip()
    if not name:
        raise UserInputError("a name is required")
    if len(name) > 191:
        raise UserInputError("the name must have at most 191 characters")
    email = check_email(email)
    check_role(role)
    check_password(password)
    if role == "owner" and await _owner(session) is not None:
        raise UserInputError("there is already an owner; ownership is transferred, not added")
    user = await content.author_by_email(session, email)
    if user is not None and await session.get(StaffAccount, user.id) is not None:
        raise UserInputError(f"a user with email {email} already exists")
    if user is None:
        user = await content.create_author_profile(session, name=name, email=email)
    hashed = await asyncio.to_thread(passwords.hash_password, password)  # slow: off the loop
    session.add(StaffAccount(user_id=user.id, password_hash=hashed, role=role))
    await session.flush()
    return user


async def _owner(session: AsyncSession) -> StaffAccount | None:
    query = select(StaffAccount).where(StaffAccount.role == "owner").limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def list_staff(session: AsyncSession) -> list[StaffMember]:
    """Every staff member, most powerful role first, then by name."""
    query = select(User, StaffAccount).join(StaffAccount, StaffAccount.user_id == User.id)
    rows = (await session.execute(query)).all()
    members = [
        StaffMember(
            user_id=user.id,
            name=user.name,
            email=user.email or "",
            slug=user.slug,
            role=account.role,
            disabled=account.disabled_at is not None,
            last_signin_at=account.last_signin_at,
            created_at=account.created_at,
        )
        for user, account in rows
    ]
    rank = {role: n for n, role in enumerate(ROLES)}
    return sorted(members, key=lambda m: (rank.get(m.role, 99), m.name.lower(), m.email))


async def account_by_email(session: AsyncSession, email: str) -> StaffAccount:
    """The staff account of ``email``; UserInputError when there is none."""
    user = await content.author_by_email(session, email.strip())
    account = None if user is None else await session.get(StaffAccount, user.id)
    if account is None:
        raise UserInputError(f"no staff user has the email {email.strip()}")
    return account


async def _account(session: AsyncSession, user_id: str) -> StaffAccount:
    account = await session.get(StaffAccount, user_id)
    if account is None:
        raise UserInputError("no such staff user")
    return account


async def change_role(session: AsyncSession, actor: Actor, user_id: str, role: str) -> None:
    """Give ``user_id`` another role (never owner: see ``transfer_ownership``)."""
    require(actor, "staff.manage")
    check_role(role)
    account = await _account(session, user_id)
    if role == "owner":
        raise UserInputError("ownership is transferred by the owner, not given as a role")
    if account.role == "owner":
        raise UserInputError("the owner's role cannot change; the owner transfers ownership")
    account.role = role
    account.updated_at = utcnow()
    await session.flush()


async def transfer_ownership(session: AsyncSession, actor: Actor, user_id: str) -> None:
    """Make the administrator ``user_id`` the owner; the owner becomes an administrator."""
    require(actor, "owner.transfer")
    if user_id == actor.user_id:
        raise UserInputError("you are the owner already")
    account = await _account(session, user_id)
    if account.disabled_at is not None:
        raise UserInputError("a disabled account cannot become the owner")
    if account.role != "administrator":
        raise UserInputError("ownership goes to an administrator: change their role first")
    owner = await _account(session, actor.user_id)
    now = utcnow()
    owner.role, owner.updated_at = "administrator", now
    account.role, account.updated_at = "owner", now
    await session.flush()


async def set_disabled(
    session: AsyncSession, actor: Actor | None, user_id: str, *, disabled: bool
) -> None:
    """Disable (ending every session) or enable an account; ``actor`` None: the operator."""
    if actor is not None:
        require(actor, "staff.manage")
        if disabled and actor.user_id == user_id:
            raise UserInputError("you cannot disable your own account")
    account = await _account(session, user_id)
    if disabled and account.role == "owner":
        raise UserInputError("the owner cannot be disabled")
    if disabled:
        if account.disabled_at is None:
            account.disabled_at = utcnow()
        await sessions.revoke_all(session, user_id)
    else:
        account.disabled_at = None
    account.updated_at = utcnow()
    await session.flush()


async def set_password(
    session: AsyncSession, user_id: str, password: str, *, keep_session: str | None = None
) -> None:
    """Set a new password and end every session (but ``keep_session``)."""
    check_password(password)
    account = await _account(session, user_id)
    account.password_hash = await asyncio.to_thread(passwords.hash_password, password)
    account.updated_at = utcnow()
    await sessions.revoke_all(session, user_id, keep=keep_session)
    await session.flush()


async def change_own_password(
    session: AsyncSession, staff: Actor, current: str, new: str, *, session_id: str
) -> None:
    """A signed-in user changes their password (knowing the current one); other sessions end."""
    account = await _account(session, staff.user_id)
    if not await asyncio.to_thread(passwords.verify_password, account.password_hash, current):
        raise UserInputError("the current password is not right")
    await set_password(session, staff.user_id, new, keep_session=session_id)
