"""The Stats API's hourly timeseries: a day is 24 rows of the site's local hours, read from
the raw events, filters applied, as Plausible answers ``period=day`` (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from inkwell.analytics.stats_params import HOUR_FOR_ONE_DAY
from inkwell.analytics.summary import TOTAL
from inkwell.content import service as content
from inkwell.core.db import Database
from tests.analytics.factories import add_daily, add_events_at
from tests.analytics.stats_fixtures import StatsApi, settings, site_database, stats_api, stats_key

__all__ = ["settings", "site_database", "stats_api", "stats_key"]
ZONE = "America/New_York"
NEW_YORK = ZoneInfo(ZONE)
DAY = date(2024, 3, 4)
NEXT = DAY + timedelta(days=1)
GONE = date(2024, 2, 1)
"""A day rolled up long ago: its totals are stored, its raw events gone."""
ALL_METRICS = "visitors,pageviews,events,visits,bounce_rate,visit_duration,views_per_visit"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` on New York's clock on ``day``."""
    return datetime.combine(day, time(hour, minute), tzinfo=NEW_YORK)


@pytest.fixture(autouse=True)
async def new_york(database: Database) -> None:
    """A site in New York whose visitors came at these local times (each event on the day the
    collection gives it): a in two visits (9:10 and 14:05), b from 9:50 to 10:06, c at one
    minute past and one minute to midnight, d at one minute past the next midnight."""
    async with database.session(write=True) as session:
        await content.update_settings(session, {"timezone": ZONE}, site_url="http://blog.test")
        await add_events_at(
            session,
            NEW_YORK,
            (local(DAY, 9, 10), {"visitor": "a", "source": "Google"}),
            (local(DAY, 9, 20), {"visitor": "a", "path": "/blog/one/", "source": "Google"}),
            (local(DAY, 14, 5), {"visitor": "a", "path": "/blog/two/"}),
            (local(DAY, 9, 50), {"visitor": "b"}),
            (local(DAY, 10, 5), {"visitor": "b", "path": "/about/"}),
            (local(DAY, 10, 6), {"visitor": "b", "path": "/about/", "name": "Signup"}),
            (local(DAY, 0, 1), {"visitor": "c", "path": "/early/"}),
            (local(DAY, 23, 59), {"visitor": "c", "path": "/late/"}),
            (local(NEXT, 0, 1), {"visitor": "d", "path": "/next/"}),
        )
        total = {"visitors": 8, "pageviews": 20, "events": 20, "visits": 9, "bounces": 3}
        await add_daily(session, GONE, {(TOTAL, TOTAL): total})


def _by_date(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row.pop("date"): row for row in rows}


async def _hours(stats_api: StatsApi, day: date = DAY, **params: str) -> dict[str, Any]:
    found = await stats_api.ok("timeseries", period="day", date=str(day), **params)
    return _by_date(found["results"])


async def test_a_day_is_24_rows_of_local_hours_by_default(stats_api: StatsApi) -> None:
    found = await stats_api.ok("timeseries", period="day", date=str(DAY))
    assert [row["date"] for row in found["results"]] == [
        f"2024-03-04 {hour:02d}:00:00" for hour in range(24)
    ]
    assert "warning" not in found


async def test_hours_without_events_are_zeros(stats_api: StatsApi) -> None:
    found = await _hours(stats_api, metrics=ALL_METRICS)
    assert found["2024-03-04 03:00:00"] == dict.fromkeys(ALL_METRICS.split(","), 0)


async def test_the_hours_views_events_and_visits_add_up_to_the_days(stats_api: StatsApi) -> None:
    hours = await _hours(stats_api, metrics="pageviews,events,visits")
    day = await stats_api.ok(
        "aggregate", period="day", date=str(DAY), metrics="pageviews,events,visits"
    )
    for metric in ("pageviews", "events", "visits"):
        assert sum(row[metric] for row in hours.values()) == day["results"][metric]["value"]
    assert day["results"]["pageviews"]["value"] == 7


async def test_a_visitor_seen_in_two_hours_counts_in_each_but_once_in_the_day(
    stats_api: StatsApi,
) -> None:
    hours = await _hours(stats_api)
    day = await stats_api.ok("aggregate", period="day", date=str(DAY))
    assert (hours["2024-03-04 09:00:00"]["visitors"], hours["2024-03-04 14:00:00"]["visitors"]) == (
        2,
        1,
    )
    assert day["results"]["visitors"]["value"] == 3


async def test_each_hours_session_metrics_are_those_of_the_visits_begun_in_it(
    stats_api: StatsApi,
) -> None:
    hours = await _hours(stats_api, metrics=ALL_METRICS)
    # a's first visit (2 views, 10 minutes) and b's (2 views and an event, 16 minutes).
    assert hours["2024-03-04 09:00:00"] == {
        "visitors": 2,
        "pageviews": 3,
        "events": 3,
        "visits": 2,
        "bounce_rate": 0,
        "visit_duration": 13 * 60,
        "views_per_visit": 1.5,
    }
    assert hours["2024-03-04 10:00:00"]["visits"] == 0
    assert hours["2024-03-04 14:00:00"]["bounce_rate"] == 100


async def test_events_beside_local_midnight_are_in_their_own_day_and_hour(
    stats_api: StatsApi,
) -> None:
    day, following = await _hours(stats_api, DAY), await _hours(stats_api, NEXT)
    shown = [
        day["2024-03-04 00:00:00"]["visitors"],
        day["2024-03-04 23:00:00"]["visitors"],
        following["2024-03-05 00:00:00"]["visitors"],
    ]
    assert shown == [1, 1, 1]
    # In UTC the 23:59 view is 04:59 on the 5th and the 00:01 one 05:01 on the 4th.
    assert day["2024-03-04 05:00:00"]["visitors"] == 0
    assert sum(row["visitors"] for row in following.values()) == 1


async def test_filters_apply_to_each_hour(stats_api: StatsApi) -> None:
    hours = await _hours(stats_api, metrics="visitors,pageviews", filters="visit:source==Google")
    busy = {when: row for when, row in hours.items() if row["pageviews"]}
    assert busy == {"2024-03-04 09:00:00": {"visitors": 1, "pageviews": 2}}


async def test_a_page_filter_counts_only_that_pages_views(stats_api: StatsApi) -> None:
    hours = await _hours(stats_api, metrics="pageviews", filters="event:page==/about/")
    busy = {when: row["pageviews"] for when, row in hours.items() if row["pageviews"]}
    assert busy == {"2024-03-04 10:00:00": 1}


async def test_a_custom_period_of_one_day_is_hourly_too(stats_api: StatsApi) -> None:
    custom = await stats_api.ok("timeseries", period="custom", date=f"{DAY},{DAY}", interval="hour")
    assert _by_date(custom["results"]) == await _hours(stats_api)


async def test_interval_date_keeps_a_day_one_row(stats_api: StatsApi) -> None:
    found = await stats_api.ok("timeseries", period="day", date=str(DAY), interval="date")
    assert found == {"results": [{"date": "2024-03-04", "visitors": 3}]}


async def test_hours_over_a_week_are_refused_in_plausibles_shape(stats_api: StatsApi) -> None:
    response = await stats_api.get("timeseries", period="7d", date=str(DAY), interval="hour")
    assert (response.status_code, response.json()) == (400, {"error": HOUR_FOR_ONE_DAY})


async def test_a_day_whose_raw_events_are_gone_is_zeros_with_a_warning(
    stats_api: StatsApi,
) -> None:
    found = await stats_api.ok("timeseries", period="day", date=str(GONE), metrics="pageviews")
    assert [row["pageviews"] for row in found["results"]] == [0] * 24
    assert "kept for 30 days" in found["warning"]
    assert "interval=date" in found["warning"]
    daily = await stats_api.ok(
        "timeseries", period="day", date=str(GONE), metrics="pageviews", interval="date"
    )
    assert daily == {"results": [{"date": "2024-02-01", "pageviews": 20}]}


async def test_the_day_clocks_go_back_is_still_24_rows(
    stats_api: StatsApi, database: Database
) -> None:
    autumn = date(2024, 11, 3)  # 02:00 went back to 01:00
    async with database.session(write=True) as session:
        await add_events_at(
            session,
            NEW_YORK,
            (datetime(2024, 11, 3, 5, 30, tzinfo=UTC), {"visitor": "e"}),  # 01:30 summer time
            (datetime(2024, 11, 3, 6, 30, tzinfo=UTC), {"visitor": "f"}),  # 01:30 winter time
        )
    hours = await _hours(stats_api, autumn)
    assert len(hours) == 24
    assert hours["2024-11-03 01:00:00"] == {"visitors": 2}
