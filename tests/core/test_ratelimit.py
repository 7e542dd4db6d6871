"""Rate limits stored in the database: sliding window, Retry-After, hashed keys, workers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core import ratelimit
from inkwell.core.db import Database
from inkwell.core.ratelimit import RateLimitHit

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


async def hit(session: AsyncSession, key: str, at: datetime, times: int = 1) -> None:
    for _ in range(times):
        await ratelimit.record(session, "test", key, window=WINDOW, now=at)


async def test_below_the_limit_attempts_are_allowed(session: AsyncSession) -> None:
    await hit(session, "k", T0, times=2)
    decision = await ratelimit.check(session, "test", "k", limit=3, window=WINDOW, now=T0)
    assert decision == ratelimit.Decision(True, 0)


async def test_at_the_limit_the_answer_says_when_to_retry(session: AsyncSession) -> None:
    await hit(session, "k", T0)
    await hit(session, "k", T0 + timedelta(minutes=5), times=2)
    now = T0 + timedelta(minutes=6)
    decision = await ratelimit.check(session, "test", "k", limit=3, window=WINDOW, now=now)
    assert not decision.allowed
    assert decision.retry_after_seconds == 9 * 60  # when the first hit leaves the window


async def test_hits_leave_the_window(session: AsyncSession) -> None:
    await hit(session, "k", T0, times=3)
    later = T0 + WINDOW + timedelta(seconds=1)
    decision = await ratelimit.check(session, "test", "k", limit=3, window=WINDOW, now=later)
    assert decision.allowed


async def test_keys_and_buckets_are_counted_apart(session: AsyncSession) -> None:
    await hit(session, "a", T0, times=3)
    assert (await ratelimit.check(session, "test", "b", limit=3, window=WINDOW, now=T0)).allowed
    assert (await ratelimit.check(session, "other", "a", limit=3, window=WINDOW, now=T0)).allowed


async def test_clear_forgets_a_key(session: AsyncSession) -> None:
    await hit(session, "a", T0, times=3)
    await hit(session, "b", T0, times=3)
    await ratelimit.clear(session, "test", "a")
    assert (await ratelimit.check(session, "test", "a", limit=3, window=WINDOW, now=T0)).allowed
    assert not (await ratelimit.check(session, "test", "b", limit=3, window=WINDOW, now=T0)).allowed


async def test_keys_are_stored_as_digests(session: AsyncSession) -> None:
    await hit(session, "dee@example.com", T0)
    stored = (await session.execute(select(RateLimitHit.key_hash))).scalars().all()
    assert stored == [ratelimit.key_hash("test", "dee@example.com")]
    assert "@" not in stored[0]


async def test_recording_prunes_hits_that_left_the_window(session: AsyncSession) -> None:
    await hit(session, "old", T0, times=2)
    await hit(session, "new", T0 + WINDOW + timedelta(minutes=1))
    rows = (await session.execute(select(RateLimitHit.key_hash))).scalars().all()
    assert rows == [ratelimit.key_hash("test", "new")]


async def test_over_the_limit_the_wait_covers_every_extra_hit(session: AsyncSession) -> None:
    # Racing workers let four hits in under a limit of three: two must leave, not one.
    await hit(session, "k", T0)
    await hit(session, "k", T0 + timedelta(minutes=2))
    await hit(session, "k", T0 + timedelta(minutes=4), times=2)
    now = T0 + timedelta(minutes=5)
    decision = await ratelimit.check(session, "test", "k", limit=3, window=WINDOW, now=now)
    assert decision.retry_after_seconds == 12 * 60


async def test_the_limit_holds_across_two_workers(database: Database) -> None:
    # Two Database objects on one database: two web workers with their own pools.
    other = Database(database.url)
    try:
        for worker in (database, other, database):
            async with worker.session(write=True) as session:
                await hit(session, "shared", T0)
        async with other.session() as session:
            decision = await ratelimit.check(
                session, "test", "shared", limit=3, window=WINDOW, now=T0
            )
        assert not decision.allowed
    finally:
        await other.dispose()
