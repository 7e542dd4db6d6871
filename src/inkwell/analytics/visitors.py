"""Counting unique visitors without an identifier: one random salt per day (UTC), and a digest
of (that salt, the site, the client address, the user agent) that means "the same visitor" for
that day only.

The salt lives in ``analytics_salts`` so that every worker computes the same digest; the
scheduler deletes each salt once its day is over, after which yesterday's digests match no one
(the address space is small enough to try every address, so the salt is what protects them).
The address and the user agent go into the digest and nowhere else.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.models import AnalyticsSalt
from inkwell.core.db import Database
from inkwell.core.time import utcnow

# This process's copy of the current salt: (day, salt). Only today's is ever held.
_current: dict[str, tuple[date, str]] = {}


def utc_day() -> date:
    """Today, in UTC: the day salts change."""
    return utcnow().date()


def digest(salt: str, site: str, address: str, user_agent: str) -> str:
    """The visitor's digest for the salt's day: 32 hex characters."""
    message = "\0".join((site, address, user_agent)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(message, key=salt.encode(), digest_size=16).hexdigest()


async def salt_for(database: Database, day: date) -> str:
    """The salt of ``day`` (made by whichever worker asks first), remembered in this process
    until the day changes."""
    held = _current.get(database.url)
    if held is not None and held[0] == day:
        return held[1]
    async with database.session(write=True) as session:
        salt = await _stored_salt(session, day)
    _current[database.url] = (day, salt)
    return salt


async def _stored_salt(session: AsyncSession, day: date) -> str:
    found = await session.scalar(select(AnalyticsSalt.salt).where(AnalyticsSalt.day == day))
    if found is not None:
        return found
    try:
        async with session.begin_nested():
            session.add(AnalyticsSalt(day=day, salt=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another worker made it first: use theirs
    stored = await session.scalar(select(AnalyticsSalt.salt).where(AnalyticsSalt.day == day))
    assert stored is not None
    return stored


def forget_stale_salt(database_url: str) -> None:
    """Drop this process's copy of a salt whose day is over (the writer calls this on each
    tick, so that no worker keeps yesterday's salt in memory once the day has changed)."""
    held = _current.get(database_url)
    if held is not None and held[0] < utc_day():
        del _current[database_url]


async def discard_old_salts(session: AsyncSession, today: date | None = None) -> int:
    """Delete every salt of a day before ``today`` (UTC); how many were deleted."""
    today = today or utc_day()
    result = await session.execute(delete(AnalyticsSalt).where(AnalyticsSalt.day < today))
    for url, (day, _salt) in list(_current.items()):
        if day < today:
            del _current[url]
    return int(getattr(result, "rowcount", 0))
