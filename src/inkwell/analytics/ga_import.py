"""Bringing a Google Analytics export into the daily aggregates, so history is not lost.

Each day of the file becomes ``AnalyticsDaily`` rows: one per page (dimension ``page``, the
path) and the site's total (dimension ``""``), with page views and, when the file has a users
or unique-pageviews column, visitors (else 0). The day is marked in ``AnalyticsRollup`` with
source ``import``.

A day Inkwell counted itself (rolled up from its own events, or with raw events waiting) is
never touched: it is reported as skipped. So is a day not finished yet in the site's time zone
(today, or a later one): Inkwell may be counting it, and its roll-up leaves alone a day that
was imported. An imported day is replaced whole by a new import,
so importing one file twice changes nothing the second time. The caller's transaction holds
everything: a file refused half-way (see ``ga_csv``) stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.days import site_today
from inkwell.analytics.ga_csv import Counts, Export, decode, parse
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent, AnalyticsRollup
from inkwell.core.time import utcnow

PAGE = "page"
SITE = ""
IMPORT = "import"
CHUNK = 500  # rows or days per statement: well under every driver's parameter limit
DAILY_TABLE = cast(Table, AnalyticsDaily.__table__)
T = TypeVar("T")


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    export: Export
    imported: tuple[date, ...]
    skipped: tuple[date, ...]
    """Days Inkwell counted itself: left as they are."""
    unfinished: tuple[date, ...]
    """Days not over yet in the site's time zone: left for Inkwell's own counting."""
    pages: int
    """Page rows written (one per page and day)."""
    pageviews: int
    """Page views of the imported days (the site's totals, added up)."""
    dry_run: bool


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


async def counted_days(session: AsyncSession, first: date, last: date) -> set[date]:
    """The days between ``first`` and ``last`` that Inkwell's own events count."""
    rolled = select(AnalyticsRollup.day).where(
        AnalyticsRollup.day.between(first, last), AnalyticsRollup.source != IMPORT
    )
    raw = select(AnalyticsEvent.day).where(AnalyticsEvent.day.between(first, last)).distinct()
    found = set((await session.execute(rolled)).scalars())
    return found | set((await session.execute(raw)).scalars())


def _row(day: date, dimension: str, value: str, counts: Counts) -> dict[str, Any]:
    return {
        "day": day,
        "dimension": dimension,
        "value": value,
        "visitors": counts.visitors,
        "pageviews": counts.pageviews,
        "events": 0,
        "visits": 0,
        "bounces": 0,
        "duration": 0,
    }


def daily_rows(export: Export, days: Iterable[date]) -> list[dict[str, Any]]:
    """The ``AnalyticsDaily`` rows of ``days``: each page, then the site's total."""
    rows: list[dict[str, Any]] = []
    for day in days:
        pages = export.pages.get(day, {})
        rows += [_row(day, PAGE, path, counts) for path, counts in sorted(pages.items())]
        rows.append(_row(day, SITE, SITE, export.site[day]))
    return rows


async def _replace(session: AsyncSession, days: Sequence[date], rows: list[dict[str, Any]]) -> None:
    # Only days no event counts reach here: whatever they hold came from an earlier import.
    for some in _chunks(days):
        await session.execute(delete(AnalyticsDaily).where(AnalyticsDaily.day.in_(some)))
        await session.execute(delete(AnalyticsRollup).where(AnalyticsRollup.day.in_(some)))
    for batch in _chunks(rows):
        # The table, not the class: a plain executemany, without the ORM's bookkeeping of
        # each row (years of pages make hundreds of thousands).
        await session.execute(insert(DAILY_TABLE), list(batch))
    now = utcnow()
    marks = [{"day": day, "rolled_at": now, "source": IMPORT} for day in days]
    for batch in _chunks(marks):
        await session.execute(insert(AnalyticsRollup), list(batch))


async def import_google_analytics(
    session: AsyncSession, data: bytes, *, dry_run: bool = False
) -> ImportReport:
    """Import a GA4 or Universal Analytics CSV export (its bytes) into the daily aggregates.

    Raises ``ga_csv.ExportError`` for a file that is not one, before anything is written."""
    export = parse(decode(data))
    days = sorted(export.site)
    counted = await counted_days(session, days[0], days[-1])
    today = await site_today(session)
    imported = [day for day in days if day not in counted and day < today]
    rows = daily_rows(export, imported)
    if not dry_run:
        await _replace(session, imported, rows)
        await session.flush()
    return ImportReport(
        export=export,
        imported=tuple(imported),
        skipped=tuple(day for day in days if day in counted),
        unfinished=tuple(day for day in days if day >= today and day not in counted),
        pages=sum(1 for row in rows if row["dimension"] == PAGE),
        pageviews=sum(export.site[day].pageviews for day in imported),
        dry_run=dry_run,
    )
