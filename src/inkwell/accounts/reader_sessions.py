"""Readers' sessions: server-side rows, so that signing out and deleting an account end them.

The browser (a cookie) or the embedded widget (``Authorization: Reader <token>``) holds a
random token; the row's id is its SHA-256 digest. A session ends after ``IDLE`` without use,
after ``MAX_AGE`` in any case, on sign-out, or when the reader is deleted. ``last_seen_at`` is
written at most once per ``TOUCH_EVERY``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.models import Reader, ReaderSession
from inkwell.accounts.sessions import digest
from inkwell.core.time import utcnow

IDLE = timedelta(days=30)
MAX_AGE = timedelta(days=90)
TOUCH_EVERY = timedelta(minutes=10)
MAX_TOKEN = 200


@dataclass(frozen=True)
class Found:
    """A live session: its reader and when it was last written as used."""

    reader: Reader
    session_id: str
    last_seen_at: datetime


async def create(session: AsyncSession, reader_id: str, *, now: datetime | None = None) -> str:
    """Open a session for ``reader_id``; the token to hand over (only its digest is kept)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        ReaderSession(
            id=digest(token),
            reader_id=reader_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + MAX_AGE,
        )
    )
    await session.flush()
    return token


def _live(now: datetime) -> ColumnElement[bool]:
    return and_(ReaderSession.expires_at > now, ReaderSession.last_seen_at > now - IDLE)


async def lookup(
    session: AsyncSession, token: str | None, *, now: datetime | None = None
) -> Found | None:
    """The reader signed in by ``token``, or None (unknown, expired, idle, deleted)."""
    if not token or len(token) > MAX_TOKEN:
        return None
    now = now or utcnow()
    query = (
        select(ReaderSession, Reader)
        .join(Reader, Reader.id == ReaderSession.reader_id)
        .where(ReaderSession.id == digest(token), Reader.provider != "deleted", _live(now))
    )
    row = (await session.execute(query)).one_or_none()
    if row is None:
        return None
    record, reader = row
    return Found(reader, record.id, record.last_seen_at)


def needs_touch(found: Found, now: datetime | None = None) -> bool:
    """True when the session's ``last_seen_at`` is old enough to be written again."""
    return (now or utcnow()) - found.last_seen_at >= TOUCH_EVERY


async def touch(session: AsyncSession, session_id: str, *, now: datetime | None = None) -> None:
    """Record that the session was just used (keeps it from ending while idle)."""
    await session.execute(
        update(ReaderSession)
        .where(ReaderSession.id == session_id)
        .values(last_seen_at=now or utcnow())
    )


async def revoke(session: AsyncSession, token: str | None) -> bool:
    """End the session of ``token``; False when there was none."""
    if not token or len(token) > MAX_TOKEN:
        return False
    result = await session.execute(delete(ReaderSession).where(ReaderSession.id == digest(token)))
    return bool(getattr(result, "rowcount", 0))


async def prune(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Delete the sessions that can sign no one in any more; how many."""
    now = now or utcnow()
    result = await session.execute(
        delete(ReaderSession).where(
            or_(ReaderSession.expires_at <= now, ReaderSession.last_seen_at <= now - IDLE)
        )
    )
    return int(getattr(result, "rowcount", 0))
