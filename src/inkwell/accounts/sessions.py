"""Sign-in sessions: server-side rows, so that signing out (everywhere) and revoking work.

The browser holds a random token; the row's id is its SHA-256 digest, so a copy of the table
signs no one in. A session ends after ``IDLE`` without a request, after ``MAX_AGE`` in any case,
when revoked, or when its account is disabled. ``last_seen_at`` is written at most once per
``TOUCH_EVERY``, not on every request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.models import StaffAccount, StaffSession
from inkwell.content.service import User
from inkwell.core.time import utcnow

IDLE = timedelta(days=14)
MAX_AGE = timedelta(days=60)
TOUCH_EVERY = timedelta(minutes=10)


@dataclass(frozen=True)
class Staff:
    """A signed-in staff member, as routes and services see them."""

    user_id: str
    name: str
    email: str
    slug: str
    role: str
    session_id: str


@dataclass(frozen=True)
class Current:
    """What a valid session token resolves to."""

    staff: Staff
    csrf_token: str
    last_seen_at: datetime


def digest(token: str) -> str:
    """The stored form of a secret token."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create(
    session: AsyncSession,
    user_id: str,
    *,
    user_agent: str = "",
    client_address: str = "",
    now: datetime | None = None,
) -> str:
    """Open a session for ``user_id``; returns the token for the cookie (never stored)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSession(
            id=digest(token),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + MAX_AGE,
            user_agent=user_agent[:255],
            client_address=client_address[:64],
        )
    )
    await session.flush()
    return token


async def lookup(
    session: AsyncSession, token: str, *, now: datetime | None = None
) -> Current | None:
    """The staff member signed in by ``token``, or None (unknown, expired, disabled)."""
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    query = (
        select(StaffSession, StaffAccount.role, User)
        .join(StaffAccount, StaffAccount.user_id == StaffSession.user_id)
        .join(User, User.id == StaffSession.user_id)
        .where(
            StaffSession.id == digest(token),
            StaffSession.expires_at > now,
            StaffSession.last_seen_at > now - IDLE,
            StaffAccount.disabled_at.is_(None),
        )
    )
    row = (await session.execute(query)).one_or_none()
    if row is None:
        return None
    record, role, user = row
    staff = Staff(
        user_id=user.id,
        name=user.name,
        email=user.email or "",
        slug=user.slug,
        role=role,
        session_id=record.id,
    )
    return Current(staff, record.csrf_token, record.last_seen_at)


def needs_touch(current: Current, now: datetime | None = None) -> bool:
    """True when the session's ``last_seen_at`` is old enough to be written again."""
    return (now or utcnow()) - current.last_seen_at >= TOUCH_EVERY


async def touch(session: AsyncSession, session_id: str, *, now: datetime | None = None) -> None:
    """Record that the session was just used (keeps it from expiring while idle)."""
    await session.execute(
        update(StaffSession)
        .where(StaffSession.id == session_id)
        .values(last_seen_at=now or utcnow())
    )


async def revoke(session: AsyncSession, session_id: str, *, user_id: str | None = None) -> bool:
    """End one session (of ``user_id`` only, when given); False when there was none."""
    query = delete(StaffSession).where(StaffSession.id == session_id)
    if user_id is not None:
        query = query.where(StaffSession.user_id == user_id)
    result = await session.execute(query)
    return bool(getattr(result, "rowcount", 0))


async def revoke_all(session: AsyncSession, user_id: str, *, keep: str | None = None) -> int:
    """End every session of ``user_id`` (but ``keep``); how many ended."""
    query = delete(StaffSession).where(StaffSession.user_id == user_id)
    if keep is not None:
        query = query.where(StaffSession.id != keep)
    result = await session.execute(query)
    return int(getattr(result, "rowcount", 0))


async def list_for(
    session: AsyncSession, user_id: str, *, now: datetime | None = None
) -> list[StaffSession]:
    """The live sessions of ``user_id``, most recently used first."""
    now = now or utcnow()
    query = (
        select(StaffSession)
        .where(
            StaffSession.user_id == user_id,
            StaffSession.expires_at > now,
            StaffSession.last_seen_at > now - IDLE,
        )
        .order_by(StaffSession.last_seen_at.desc())
    )
    return list((await session.execute(query)).scalars())


async def prune(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Delete the sessions that can no longer sign anyone in; how many."""
    now = now or utcnow()
    result = await session.execute(
        delete(StaffSession).where(
            or_(StaffSession.expires_at <= now, StaffSession.last_seen_at <= now - IDLE)
        )
    )
    return int(getattr(result, "rowcount", 0))
