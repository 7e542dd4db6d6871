"""The scheduled upkeep: each finished day's raw events summed up into ``analytics_daily``,
raw events past the retention period deleted, and salts of finished days discarded.

Every step is idempotent (the scheduler may run it twice, or late): a day is rolled up once,
its rows replaced in one transaction, and never rolled up again once it is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import visitors
from inkwell.analytics.days import site_today
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent, AnalyticsRollup
from inkwell.analytics.settings import load as load_settings
from inkwell.analytics.stats import day_from_raw
from inkwell.core.jobs import JobContext
from inkwell.core.time import utcnow

# The longest value a daily row keeps (its column's size).
MAX_VALUE = 500


async def roll_up_day(session: AsyncSession, day: date) -> int:
    """Store ``day``'s numbers from its raw events (replacing any); how many rows."""
    numbers = await day_from_raw(session, day)
    rows = [
        {
            "day": day,
            "dimension": dimension,
            "value": value[:MAX_VALUE],
            "visitors": m.visitors,
            "pageviews": m.pageviews,
            "events": m.events,
            "visits": m.visits,
            "bounces": m.bounces,
            "duration": m.duration,
        }
        for (dimension, value), m in numbers.items()
    ]
    await session.execute(delete(AnalyticsDaily).where(AnalyticsDaily.day == day))
    if rows:
        await session.execute(insert(AnalyticsDaily), _merged(rows))
    await session.merge(AnalyticsRollup(day=day, rolled_at=utcnow(), source="events"))
    return len(rows)


def _merged(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Two long values cut to the same 500 characters must make one row, not a clash.
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["dimension"], row["value"])
        if key in merged:
            for name in ("visitors", "pageviews", "events", "visits", "bounces", "duration"):
                merged[key][name] += row[name]
        else:
            merged[key] = row
    return list(merged.values())


async def days_to_roll_up(session: AsyncSession, today: date) -> list[date]:
    """Finished days that have raw events and no roll-up yet, oldest first."""
    rolled = select(AnalyticsRollup.day)
    found = await session.scalars(
        select(AnalyticsEvent.day)
        .where(AnalyticsEvent.day < today, AnalyticsEvent.day.not_in(rolled))
        .group_by(AnalyticsEvent.day)
        .order_by(AnalyticsEvent.day)
    )
    return list(found.all())


async def expire_raw(session: AsyncSession, retention_days: int, today: date) -> int:
    """Delete raw events of days older than ``retention_days`` (already rolled up); how many."""
    cutoff = today - timedelta(days=retention_days)
    rolled = select(AnalyticsRollup.day)
    result = await session.execute(
        delete(AnalyticsEvent).where(AnalyticsEvent.day < cutoff, AnalyticsEvent.day.in_(rolled))
    )
    return int(getattr(result, "rowcount", 0))


async def upkeep(context: JobContext, args: Mapping[str, Any]) -> None:
    """The scheduled job: roll up finished days, expire old raw events, discard salts."""
    async with context.database.session(write=True) as session:
        await visitors.discard_old_salts(session)
        today = await site_today(session)
        for day in await days_to_roll_up(session, today):
            await roll_up_day(session, day)
        settings = await load_settings(session)
        await expire_raw(session, settings.retention_days, today)


async def raw_event_count(session: AsyncSession) -> int:
    """How many raw events are kept (the admin shows it)."""
    return int(await session.scalar(select(func.count()).select_from(AnalyticsEvent)) or 0)


JOBS = {"analytics.upkeep": upkeep}
