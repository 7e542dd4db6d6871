"""The upkeep: finished days rolled up into daily rows, raw events expired, salts discarded."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import rollup, stats
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent, AnalyticsRollup
from inkwell.analytics.summary import TOTAL
from tests.analytics.factories import add_events

DAY = date(2026, 5, 4)
TODAY = DAY + timedelta(days=40)


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_finished_day_is_rolled_up_to_the_same_numbers_as_its_raw_events(
    session: AsyncSession,
) -> None:
    await add_events(
        session,
        DAY,
        {"visitor": "a", "path": "/one/", "source": "Google", "browser": "Firefox"},
        {"visitor": "a", "path": "/two/", "minutes": 2},
        {"visitor": "b", "path": "/two/", "device": "mobile"},
    )
    raw = await stats.day_from_raw(session, DAY)
    assert await rollup.days_to_roll_up(session, TODAY) == [DAY]
    await rollup.roll_up_day(session, DAY)
    stored = {
        (row.dimension, row.value): (row.visitors, row.pageviews, row.visits, row.bounces)
        for row in await session.scalars(select(AnalyticsDaily))
    }
    assert stored == {key: (m.visitors, m.pageviews, m.visits, m.bounces) for key, m in raw.items()}
    assert stored[(TOTAL, TOTAL)] == (2, 3, 2, 1)


async def test_a_rolled_up_day_is_not_rolled_up_again(session: AsyncSession) -> None:
    await add_events(session, DAY, {"visitor": "a"})
    await rollup.roll_up_day(session, DAY)
    assert await rollup.days_to_roll_up(session, TODAY) == []


async def test_today_is_never_rolled_up(session: AsyncSession) -> None:
    await add_events(session, TODAY, {"visitor": "a"})
    assert await rollup.days_to_roll_up(session, TODAY) == []


async def test_rolling_up_twice_replaces_the_rows(session: AsyncSession) -> None:
    await add_events(session, DAY, {"visitor": "a"})
    await rollup.roll_up_day(session, DAY)
    await add_events(session, DAY, {"visitor": "b"})
    await rollup.roll_up_day(session, DAY)
    total = await session.get(AnalyticsDaily, (DAY, TOTAL, TOTAL))
    assert total is not None and total.visitors == 2
    assert await _count(session, AnalyticsRollup) == 1


async def test_raw_events_past_retention_are_deleted_once_rolled_up(session: AsyncSession) -> None:
    old, recent = TODAY - timedelta(days=31), TODAY - timedelta(days=5)
    await add_events(session, old, {"visitor": "a"})
    await add_events(session, recent, {"visitor": "b"})
    await rollup.roll_up_day(session, old)
    await rollup.roll_up_day(session, recent)
    assert await rollup.expire_raw(session, 30, TODAY) == 1
    days = set(await session.scalars(select(AnalyticsEvent.day)))
    assert days == {recent}
    assert await session.get(AnalyticsDaily, (old, TOTAL, TOTAL)) is not None


async def test_raw_events_not_rolled_up_are_kept_past_retention(session: AsyncSession) -> None:
    old = TODAY - timedelta(days=90)
    await add_events(session, old, {"visitor": "a"})
    assert await rollup.expire_raw(session, 30, TODAY) == 0
    assert await _count(session, AnalyticsEvent) == 1


async def test_a_stored_day_reads_like_its_raw_events(session: AsyncSession) -> None:
    await add_events(session, DAY, {"visitor": "a"}, {"visitor": "b", "path": "/x/"})
    before = await stats.numbers(session, stats.Query(DAY, DAY))
    await rollup.roll_up_day(session, DAY)
    await session.execute(AnalyticsEvent.__table__.delete())
    after = await stats.numbers(session, stats.Query(DAY, DAY))
    assert after.total() == before.total()
    assert after.by("page") == before.by("page")
