"""Analytics fixtures and helpers shared by the tests of this folder: no salt remembered
between tests, sample exports, what the aggregates hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import visitors
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent, AnalyticsRollup

DATA = Path(__file__).parent / "fixtures"

Stored = dict[tuple[date, str, str], tuple[int, int]]


@pytest.fixture(autouse=True)
def no_remembered_salt() -> Iterator[None]:
    """Each test starts with no salt remembered: the tables are emptied between tests, and a
    salt held in memory would outlive its row."""
    visitors._current.clear()
    yield
    visitors._current.clear()


def sample(name: str) -> bytes:
    """The bytes of a sample export in ``tests/analytics/fixtures``."""
    return (DATA / name).read_bytes()


async def stored_daily(session: AsyncSession) -> Stored:
    """Every daily aggregate: (day, dimension, value) -> (visitors, pageviews)."""
    rows = (await session.execute(select(AnalyticsDaily))).scalars().all()
    return {(r.day, r.dimension, r.value): (r.visitors, r.pageviews) for r in rows}


async def rollup_sources(session: AsyncSession) -> dict[date, str]:
    """Each marked day's source (``events`` or ``import``)."""
    rows = (await session.execute(select(AnalyticsRollup))).scalars().all()
    return {r.day: r.source for r in rows}


async def add_raw_event(session: AsyncSession, day: date, path: str = "/") -> None:
    """One raw page view on ``day``, as the writer stores it (not yet rolled up)."""
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    session.add(AnalyticsEvent(at=at, day=day, name="pageview", visitor="v" * 32, path=path))
    await session.flush()


async def add_counted_day(session: AsyncSession, day: date, pageviews: int) -> None:
    """A day Inkwell rolled up from its own events: its site total and its mark."""
    session.add(AnalyticsDaily(day=day, dimension="", value="", visitors=1, pageviews=pageviews))
    session.add(AnalyticsRollup(day=day, source="events"))
    await session.flush()
