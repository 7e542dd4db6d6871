"""Analytics test data: raw events and daily rows written straight to the tables, as the
writer and the roll-up would leave them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.collect import local_day
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent, AnalyticsRollup


def at_noon(day: date, minutes: float = 0) -> datetime:
    """``minutes`` after noon (UTC) on ``day``."""
    return datetime.combine(day, time(12), tzinfo=UTC) + timedelta(minutes=minutes)


async def add_events(session: AsyncSession, day: date, *events: dict[str, Any]) -> None:
    """Raw events of ``day``: each a dict of columns; ``minutes`` (after noon) sets ``at``,
    and ``name`` defaults to a page view of ``/``."""
    for fields in events:
        fields = dict(fields)
        minutes = fields.pop("minutes", 0)
        fields.setdefault("name", "pageview")
        fields.setdefault("path", "/")
        session.add(AnalyticsEvent(at=at_noon(day, minutes), day=day, **fields))
    await session.flush()


async def add_events_at(
    session: AsyncSession, zone: ZoneInfo, *events: tuple[datetime, dict[str, Any]]
) -> None:
    """Raw events at given moments, each on the day the collection gives it in ``zone`` (the
    site's); ``name`` defaults to a page view of ``/``."""
    for at, fields in events:
        fields = {"name": "pageview", "path": "/"} | fields
        session.add(AnalyticsEvent(at=at.astimezone(UTC), day=local_day(at, zone), **fields))
    await session.flush()


async def add_daily(
    session: AsyncSession,
    day: date,
    rows: dict[tuple[str, str], dict[str, int]],
    source: str = "events",
) -> None:
    """Stored numbers of ``day`` per (dimension, value), and the day marked rolled up."""
    for (dimension, value), numbers in rows.items():
        session.add(AnalyticsDaily(day=day, dimension=dimension, value=value, **numbers))
    session.add(AnalyticsRollup(day=day, source=source))
    await session.flush()
