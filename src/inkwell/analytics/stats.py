"""Reading the numbers: totals, a series over time, a breakdown by one dimension, and the
visitors of the last minutes, for a range of days and optional filters.

A day that was rolled up (or imported) is read from ``analytics_daily``; any other day (today,
say) is summed up from its raw events on the spot, with the same rules (``summary``). Filters
need the raw events: a filtered query covers only the days whose raw events are still kept,
and says from when (``Numbers.filtered_from``). Unique visitors over several days are the sum
of each day's uniques: no visitor can be recognised from one day to the next.

One day can also be read hour by hour (``hours``): from its raw events only, as no hourly
numbers are stored, so a day whose raw events are gone says so (``Hours.counted``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.hours import by_hour
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent, AnalyticsRollup
from inkwell.analytics.summary import TOTAL, Filter, Metrics, Raw, summarise
from inkwell.core.time import utcnow

Interval = Literal["day", "week", "month"]
TimeStep = Literal["hour", "day", "week", "month"]
"""A series' step: an hour (within one day only) or an ``Interval`` of days."""
REALTIME_MINUTES = 5
_RAW_COLUMNS = (
    AnalyticsEvent.at,
    AnalyticsEvent.name,
    AnalyticsEvent.visitor,
    AnalyticsEvent.path,
    AnalyticsEvent.source,
    AnalyticsEvent.referrer,
    AnalyticsEvent.utm_medium,
    AnalyticsEvent.utm_campaign,
    AnalyticsEvent.utm_content,
    AnalyticsEvent.utm_term,
    AnalyticsEvent.browser,
    AnalyticsEvent.os,
    AnalyticsEvent.device,
    AnalyticsEvent.country,
)


@dataclass(frozen=True)
class Query:
    """Days ``start`` to ``end`` (both included), with ``filters`` all applying."""

    start: date
    end: date
    filters: tuple[Filter, ...] = ()

    def days(self) -> list[date]:
        """Every day of the range, in order."""
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def previous(self) -> Query:
        """The range of the same length just before this one (for comparisons)."""
        length = self.end - self.start + timedelta(days=1)
        return Query(self.start - length, self.start - timedelta(days=1), self.filters)


@dataclass
class Numbers:
    """Each day's numbers per (dimension, value), and from which day filters could apply."""

    days: dict[date, dict[tuple[str, str], Metrics]] = field(default_factory=dict)
    filtered_from: date | None = None

    def total(self, dimension: str = TOTAL, value: str = TOTAL) -> Metrics:
        """The numbers of one value over every day (the site's when no dimension is given)."""
        added = Metrics()
        for numbers in self.days.values():
            found = numbers.get((dimension, value))
            if found is not None:
                added.add(found)
        return added

    def by(self, dimension: str) -> dict[str, Metrics]:
        """Each value of ``dimension`` with its numbers over every day."""
        added: dict[str, Metrics] = defaultdict(Metrics)
        for numbers in self.days.values():
            for (found_dimension, value), metrics in numbers.items():
                if found_dimension == dimension:
                    added[value].add(metrics)
        return dict(added)


async def numbers(session: AsyncSession, query: Query) -> Numbers:
    """The numbers of every day of ``query``: stored where rolled up, else from raw events."""
    rolled = set(
        (
            await session.scalars(
                select(AnalyticsRollup.day).where(
                    AnalyticsRollup.day >= query.start, AnalyticsRollup.day <= query.end
                )
            )
        ).all()
    )
    found = Numbers()
    if query.filters:
        found.filtered_from = await _oldest_raw_day(session)
        raw = await _raw_by_day(session, query.start, query.end)
        for day in query.days():
            found.days[day] = summarise(raw.get(day, ()), query.filters)
        return found
    stored = await _stored(session, query.start, query.end)
    # One query for every day not rolled up (today, say), however long the range.
    raw = await _raw_by_day(session, query.start, query.end, leaving_out=rolled)
    for day in query.days():
        found.days[day] = stored.get(day, {}) if day in rolled else summarise(raw.get(day, ()))
    return found


async def _raw_by_day(
    session: AsyncSession,
    start: date,
    end: date,
    leaving_out: set[date] | frozenset[date] = frozenset(),
) -> dict[date, list[Raw]]:
    """The raw events of the days from ``start`` to ``end``, by day (but ``leaving_out``)."""
    wanted = select(AnalyticsEvent.day, *_RAW_COLUMNS).where(
        AnalyticsEvent.day >= start, AnalyticsEvent.day <= end
    )
    if leaving_out:
        wanted = wanted.where(AnalyticsEvent.day.not_in(sorted(leaving_out)))
    found: dict[date, list[Raw]] = defaultdict(list)
    for day, *columns in await session.execute(wanted):
        found[day].append(Raw(*columns))
    return found


async def day_from_raw(
    session: AsyncSession, day: date, filters: Sequence[Filter] = ()
) -> dict[tuple[str, str], Metrics]:
    """One day's numbers summed up from its raw events."""
    rows = await session.execute(select(*_RAW_COLUMNS).where(AnalyticsEvent.day == day))
    return summarise((Raw(*row) for row in rows), filters)


@dataclass(frozen=True)
class Hours:
    """One day's totals for each local hour, and whether they were counted: ``counted`` is
    false when the day was rolled up (or imported) and has no raw events left, so its hours
    are zeros standing for numbers no longer known."""

    day: date
    steps: list[tuple[datetime, Metrics]]
    counted: bool


async def hours(
    session: AsyncSession, day: date, zone: ZoneInfo, filters: Sequence[Filter] = ()
) -> Hours:
    """``day``'s totals hour by hour in ``zone`` (the site's), from its raw events: one query
    for the day's rows, bucketed here, where the zone's rules (summer time) are known."""
    rows = await session.execute(select(*_RAW_COLUMNS).where(AnalyticsEvent.day == day))
    raw = [Raw(*row) for row in rows]
    counted = bool(raw) or not await _rolled_up(session, day)
    return Hours(day, by_hour(raw, day, zone, filters), counted)


async def _rolled_up(session: AsyncSession, day: date) -> bool:
    found = await session.scalar(select(AnalyticsRollup.day).where(AnalyticsRollup.day == day))
    return found is not None


async def _stored(
    session: AsyncSession, start: date, end: date
) -> dict[date, dict[tuple[str, str], Metrics]]:
    rows = await session.scalars(
        select(AnalyticsDaily).where(AnalyticsDaily.day >= start, AnalyticsDaily.day <= end)
    )
    found: dict[date, dict[tuple[str, str], Metrics]] = defaultdict(dict)
    for row in rows:
        found[row.day][(row.dimension, row.value)] = Metrics(
            row.visitors, row.pageviews, row.events, row.visits, row.bounces, row.duration
        )
    return found


async def _oldest_raw_day(session: AsyncSession) -> date | None:
    return await session.scalar(select(func.min(AnalyticsEvent.day)))


def series(found: Numbers, interval: Interval = "day") -> list[tuple[date, Metrics]]:
    """The totals per day, per week (starting Mondays) or per month, oldest first."""
    buckets: dict[date, Metrics] = {}
    for day in sorted(found.days):
        if interval == "week":
            start = day - timedelta(days=day.weekday())
        elif interval == "month":
            start = day.replace(day=1)
        else:
            start = day
        buckets.setdefault(start, Metrics()).add(found.days[day].get((TOTAL, TOTAL), Metrics()))
    return sorted(buckets.items())


def breakdown(
    found: Numbers, dimension: str, *, limit: int = 100, page: int = 1
) -> list[tuple[str, Metrics]]:
    """The values of ``dimension``, most visitors first (then views, then name)."""
    ranked = sorted(
        found.by(dimension).items(), key=lambda i: (-i[1].visitors, -i[1].pageviews, i[0])
    )
    return ranked[(page - 1) * limit : page * limit]


async def realtime_visitors(session: AsyncSession, minutes: int = REALTIME_MINUTES) -> int:
    """Distinct visitors with an event in the last ``minutes`` minutes."""
    since = utcnow() - timedelta(minutes=minutes)
    counted = await session.scalar(
        select(func.count(func.distinct(AnalyticsEvent.visitor))).where(AnalyticsEvent.at >= since)
    )
    return int(counted or 0)
