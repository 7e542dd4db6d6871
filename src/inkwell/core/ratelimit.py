"""Rate limits counted in the database, so that a limit holds across every web worker.

A limit is a sliding window: ``check`` counts the hits of one (bucket, key) in the last
``window`` and, when ``limit`` is reached, says how long until the oldest of them leaves the
window. ``record`` adds a hit (and prunes the bucket's rows that fell out of the window);
``clear`` forgets a key. Keys (email addresses, client addresses) are stored as digests, never
as given: with a ``salt`` (a site secret), an HMAC-SHA-256 that no one without the secret can
match to an address by trying every one; without, a plain SHA-256 (callers that pass no salt).

Checking and recording are two statements, so two workers racing may each let one more
attempt through: a limit is a brake, not an exact count.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, Index, Integer, String, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from inkwell.core.db import Base, UTCDateTime
from inkwell.core.time import utcnow


class RateLimitHit(Base):
    """One counted event (say, a failed sign-in) of one key in one bucket."""

    __tablename__ = "rate_limit_hits"
    __table_args__ = (
        Index("ix_rate_limit_hits_bucket_key_hash_at", "bucket", "key_hash", "at"),
        Index("ix_rate_limit_hits_bucket_at", "bucket", "at"),
    )

    # BigInteger on PostgreSQL, INTEGER on SQLite (where only that autoincrements).
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    bucket: Mapped[str] = mapped_column(String(40))
    key_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class Decision:
    """Whether one more attempt may go ahead; if not, in how many seconds to try again."""

    allowed: bool
    retry_after_seconds: int = 0


def key_hash(bucket: str, key: str, salt: str = "") -> str:
    """The stored form of ``key``: a digest, so that no address or email sits in the table
    (keyed by ``salt`` when given, so that it cannot be reversed by trying every address)."""
    message = f"{bucket}\0{key}".encode()
    if salt:
        return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()
    return hashlib.sha256(message).hexdigest()


async def check(
    session: AsyncSession,
    bucket: str,
    key: str,
    *,
    limit: int,
    window: timedelta,
    now: datetime | None = None,
    salt: str = "",
) -> Decision:
    """May ``key`` go ahead in ``bucket``: fewer than ``limit`` hits in the last ``window``?"""
    now = now or utcnow()
    hits = (
        RateLimitHit.bucket == bucket,
        RateLimitHit.key_hash == key_hash(bucket, key, salt),
        RateLimitHit.at > now - window,
    )
    count = (await session.execute(select(func.count()).where(*hits))).scalar_one()
    if count < limit:
        return Decision(True)
    # One more attempt is allowed once count - limit + 1 hits have left the window: wait for
    # the last of those (the oldest one, unless racing workers went over the limit).
    freed_by = (
        await session.execute(
            select(RateLimitHit.at)
            .where(*hits)
            .order_by(RateLimitHit.at)
            .offset(count - limit)
            .limit(1)
        )
    ).scalar_one()
    wait = (freed_by + window - now).total_seconds()
    return Decision(False, max(1, math.ceil(wait)))


async def record(
    session: AsyncSession,
    bucket: str,
    key: str,
    *,
    window: timedelta,
    now: datetime | None = None,
    salt: str = "",
) -> None:
    """Count one hit of ``key`` in ``bucket``, and drop the bucket's hits older than ``window``."""
    now = now or utcnow()
    await session.execute(
        delete(RateLimitHit).where(RateLimitHit.bucket == bucket, RateLimitHit.at <= now - window)
    )
    session.add(RateLimitHit(bucket=bucket, key_hash=key_hash(bucket, key, salt), at=now))
    await session.flush()


async def clear(session: AsyncSession, bucket: str, key: str, *, salt: str = "") -> None:
    """Forget every hit of ``key`` in ``bucket`` (recorded with the same ``salt``)."""
    await session.execute(
        delete(RateLimitHit).where(
            RateLimitHit.bucket == bucket, RateLimitHit.key_hash == key_hash(bucket, key, salt)
        )
    )


async def prune(
    session: AsyncSession, *, older_than: timedelta, now: datetime | None = None
) -> int:
    """Delete every hit older than ``older_than`` (the longest window in use); how many."""
    result = await session.execute(
        delete(RateLimitHit).where(RateLimitHit.at <= (now or utcnow()) - older_than)
    )
    return int(getattr(result, "rowcount", 0))
