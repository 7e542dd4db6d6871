"""``export_daily``: the daily aggregates as CSV, in order, limited to a range of days."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.export import COLUMNS, export_daily
from inkwell.analytics.ga_import import import_google_analytics
from inkwell.analytics.models import AnalyticsDaily
from tests.analytics.conftest import Stored, sample, stored_daily


async def exported(session: AsyncSession, **limits: date) -> tuple[int, list[dict[str, str]]]:
    """What the export writes: its count and its lines read back as CSV."""
    out = io.StringIO()
    count = await export_daily(session, out, **limits)
    return count, list(csv.DictReader(io.StringIO(out.getvalue())))


def as_stored(lines: list[dict[str, str]]) -> Stored:
    return {
        (date.fromisoformat(line["day"]), line["dimension"], line["value"]): (
            int(line["visitors"]),
            int(line["pageviews"]),
        )
        for line in lines
    }


async def test_an_empty_database_exports_the_header_alone(session: AsyncSession) -> None:
    out = io.StringIO()
    assert await export_daily(session, out) == 0
    assert out.getvalue() == ",".join(COLUMNS) + "\n"


async def test_what_was_imported_comes_back_out(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ua_pages.csv"))
    count, lines = await exported(session)
    assert as_stored(lines) == await stored_daily(session)
    assert count == len(lines) == 5


async def test_lines_are_in_day_dimension_value_order(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ga4_pages.csv"))
    _, lines = await exported(session)
    keys = [(line["day"], line["dimension"], line["value"]) for line in lines]
    assert keys == sorted(keys)
    assert keys[0] == ("2024-03-01", "", "")


async def test_every_column_is_written(session: AsyncSession) -> None:
    session.add(
        AnalyticsDaily(
            day=date(2024, 5, 1),
            dimension="source",
            value="Mastodon",
            visitors=3,
            pageviews=7,
            events=8,
            visits=4,
            bounces=2,
            duration=310,
        )
    )
    await session.flush()
    _, lines = await exported(session)
    assert lines == [
        {
            "day": "2024-05-01",
            "dimension": "source",
            "value": "Mastodon",
            "visitors": "3",
            "pageviews": "7",
            "events": "8",
            "visits": "4",
            "bounces": "2",
            "duration": "310",
        }
    ]


async def test_the_range_includes_both_ends(session: AsyncSession) -> None:
    await import_google_analytics(session, sample("ga4_pages.csv"))
    _, lines = await exported(session, first=date(2024, 3, 2), last=date(2024, 3, 2))
    assert {line["day"] for line in lines} == {"2024-03-02"}
    _, later = await exported(session, first=date(2024, 3, 2))
    assert {line["day"] for line in later} == {"2024-03-02", "2024-03-03"}
    _, earlier = await exported(session, last=date(2024, 3, 1))
    assert {line["day"] for line in earlier} == {"2024-03-01"}


async def test_a_value_that_would_be_a_formula_is_made_inert(session: AsyncSession) -> None:
    day = date(2024, 5, 1)
    session.add(AnalyticsDaily(day=day, dimension="utm_campaign", value="=HYPERLINK(1)"))
    await session.flush()
    _, lines = await exported(session)
    assert lines[0]["value"] == "'=HYPERLINK(1)"
