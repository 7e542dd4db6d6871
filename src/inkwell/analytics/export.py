"""The daily aggregates as CSV: one line per day, dimension and value, oldest day first.

The columns are those of ``analytics_daily`` (``day,dimension,value,visitors,pageviews,
events,visits,bounces,duration``); the site's totals are the lines whose dimension and value
are empty. Rows are streamed from the database, so a long history never sits in memory.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.models import AnalyticsDaily

COLUMNS = (
    "day",
    "dimension",
    "value",
    "visitors",
    "pageviews",
    "events",
    "visits",
    "bounces",
    "duration",
)
# A spreadsheet runs a cell that starts with one of these as a formula; values come from
# readers (a campaign name, a referrer), so such a value is written with a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 1000


def safe_cell(value: str) -> str:
    """``value``, made inert for spreadsheets when it would start a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


async def export_daily(
    session: AsyncSession, out: TextIO, *, first: date | None = None, last: date | None = None
) -> int:
    """Write the aggregates of ``first``..``last`` (both included; open when None) to ``out``
    as CSV with a header line; the number of rows written."""
    query = select(AnalyticsDaily).order_by(
        AnalyticsDaily.day, AnalyticsDaily.dimension, AnalyticsDaily.value
    )
    if first is not None:
        query = query.where(AnalyticsDaily.day >= first)
    if last is not None:
        query = query.where(AnalyticsDaily.day <= last)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    written = 0
    result = await session.stream(query.execution_options(yield_per=BATCH))
    async for row in result.scalars():
        writer.writerow(
            (
                row.day.isoformat(),
                row.dimension,
                safe_cell(row.value),
                row.visitors,
                row.pageviews,
                row.events,
                row.visits,
                row.bounces,
                row.duration,
            )
        )
        written += 1
    return written
