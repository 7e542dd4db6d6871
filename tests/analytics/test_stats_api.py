"""Plausible's Stats API v1 answers with the numbers the database holds: raw events summed up
on the spot, rolled-up and imported days read as stored (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest

from inkwell.analytics.summary import TOTAL
from tests.analytics.stats_fixtures import (
    IMPORTED,
    MONDAY,
    RAW,
    ROLLED,
    STORED,
    TUESDAY,
    StatsApi,
    numbers,
    settings,
    site_database,
    stats_api,
    stats_key,
)

__all__ = ["numbers", "settings", "site_database", "stats_api", "stats_key"]
PERIOD = {"period": "custom", "date": f"{IMPORTED},{TUESDAY}"}
pytestmark = pytest.mark.usefixtures("numbers")
FIELDS = ("visitors", "pageviews", "events", "visits", "bounces", "duration")


def _raw_sums(days: set[date], keep: Any = lambda fields: True) -> dict[str, int]:
    """The numbers of the raw events of ``days`` (every visitor's day is one visit), counted
    here from ``RAW`` itself; ``keep`` picks the visits (by their first event)."""
    visits: dict[tuple[date, str], list[dict[str, Any]]] = defaultdict(list)
    for day, fields in RAW:
        if day in days:
            visits[(day, fields["visitor"])].append(fields)
    sums = dict.fromkeys(FIELDS, 0)
    for events in visits.values():
        if not keep(events[0]):
            continue
        views = sum(1 for e in events if e.get("name", "pageview") == "pageview")
        minutes = [e.get("minutes", 0) for e in events]
        sums["visitors"] += 1
        sums["visits"] += 1
        sums["pageviews"] += views
        sums["events"] += len(events)
        sums["bounces"] += int(views == 1)
        sums["duration"] += (max(minutes) - min(minutes)) * 60
    return sums


def _stored_sums(days: set[date], key: tuple[str, str] = (TOTAL, TOTAL)) -> dict[str, int]:
    sums = dict.fromkeys(FIELDS, 0)
    for day, rows in STORED.items():
        if day in days:
            for field, value in rows.get(key, {}).items():
                sums[field] += value
    return sums


def _every_day() -> set[date]:
    return {IMPORTED + timedelta(days=n) for n in range((TUESDAY - IMPORTED).days + 1)}


def _added(*sums: dict[str, int]) -> dict[str, int]:
    return {field: sum(s[field] for s in sums) for field in FIELDS}


def _metrics(sums: dict[str, int]) -> dict[str, int | float]:
    visits = sums["visits"]
    return {
        "visitors": sums["visitors"],
        "pageviews": sums["pageviews"],
        "events": sums["events"],
        "visits": visits,
        "bounce_rate": round(100 * sums["bounces"] / visits),
        "visit_duration": round(sums["duration"] / visits),
        "views_per_visit": round(sums["pageviews"] / visits, 2),
    }


ALL_METRICS = "visitors,pageviews,events,visits,bounce_rate,visit_duration,views_per_visit"


async def test_the_aggregate_adds_raw_rolled_up_and_imported_days(stats_api: StatsApi) -> None:
    found = await stats_api.ok("aggregate", metrics=ALL_METRICS, **PERIOD)
    expected = _metrics(_added(_raw_sums(_every_day()), _stored_sums(_every_day())))
    assert found == {"results": {name: {"value": v} for name, v in expected.items()}}


async def test_visitors_is_the_aggregate_when_no_metric_is_named(stats_api: StatsApi) -> None:
    found = await stats_api.ok("aggregate", period="day", date=str(MONDAY))
    assert found == {"results": {"visitors": {"value": _raw_sums({MONDAY})["visitors"]}}}


async def test_the_aggregate_compares_with_the_period_before(stats_api: StatsApi) -> None:
    # 2024-03-04 and 05: the two days before are 03-02 and 03-03, which hold nothing.
    found = await stats_api.ok(
        "aggregate", period="custom", date=f"{ROLLED},{MONDAY}", compare="previous_period"
    )
    now = _added(_raw_sums({MONDAY}), _stored_sums({ROLLED}))
    before = _stored_sums({IMPORTED})
    assert found["results"]["visitors"] == {
        "value": now["visitors"],
        "comparison_value": before["visitors"],
        "change": round((now["visitors"] - before["visitors"]) / before["visitors"] * 100),
    }


async def test_the_timeseries_has_every_days_numbers(stats_api: StatsApi) -> None:
    found = await stats_api.ok("timeseries", metrics="visitors,pageviews", **PERIOD)
    expected = []
    for day in sorted(_every_day()):
        sums = _added(_raw_sums({day}), _stored_sums({day}))
        expected.append(
            {"date": str(day), "visitors": sums["visitors"], "pageviews": sums["pageviews"]}
        )
    assert found == {"results": expected}


async def test_the_timeseries_by_month_adds_each_months_days(stats_api: StatsApi) -> None:
    found = await stats_api.ok("timeseries", interval="month", metrics="pageviews", **PERIOD)
    february = _stored_sums({IMPORTED})["pageviews"]
    march = _added(_raw_sums({MONDAY, TUESDAY}), _stored_sums({ROLLED}))["pageviews"]
    assert found == {
        "results": [
            {"date": "2024-02-01", "pageviews": february},
            {"date": "2024-03-01", "pageviews": march},
        ]
    }


async def test_a_page_breakdown_counts_each_pages_views(stats_api: StatsApi) -> None:
    found = await stats_api.ok("breakdown", property="event:page", metrics="pageviews", **PERIOD)
    views: dict[str, int] = defaultdict(int)
    for _, fields in RAW:
        if fields.get("name", "pageview") == "pageview":
            views[fields["path"]] += 1
    for rows in STORED.values():
        for (dimension, value), stored in rows.items():
            if dimension == "page":
                views[value] += stored["pageviews"]
    expected = sorted(views.items(), key=lambda item: (-item[1], item[0]))
    assert found == {"results": [{"page": p, "pageviews": n} for p, n in expected]}


async def test_a_source_breakdown_names_direct_visits(stats_api: StatsApi) -> None:
    found = await stats_api.ok("breakdown", property="visit:source", **PERIOD)
    google = _raw_sums(_every_day(), lambda f: f.get("source") == "Google")["visitors"]
    direct = _raw_sums(_every_day(), lambda f: not f.get("source"))["visitors"]
    newsletter = _raw_sums(_every_day(), lambda f: f.get("source") == "newsletter")["visitors"]
    google += _stored_sums(_every_day(), ("source", "Google"))["visitors"]
    direct += _stored_sums(_every_day(), ("source", ""))["visitors"]
    assert found == {
        "results": sorted(
            [
                {"source": "Google", "visitors": google},
                {"source": "Direct / None", "visitors": direct},
                {"source": "newsletter", "visitors": newsletter},
            ],
            key=lambda row: (-row["visitors"], row["source"]),
        )
    }


async def test_a_breakdown_is_paged_by_limit_and_page(stats_api: StatsApi) -> None:
    everything = await stats_api.ok("breakdown", property="event:page", **PERIOD)
    second = await stats_api.ok("breakdown", property="event:page", limit="2", page="2", **PERIOD)
    assert second["results"] == everything["results"][2:4]


async def test_a_country_breakdown_leaves_unknown_countries_out(stats_api: StatsApi) -> None:
    found = await stats_api.ok("breakdown", property="visit:country", **PERIOD)
    assert found == {"results": [{"country": "NZ", "visitors": 1}]}


async def test_a_source_filter_counts_only_those_visits(stats_api: StatsApi) -> None:
    days = {MONDAY, TUESDAY}
    found = await stats_api.ok(
        "aggregate",
        period="custom",
        date=f"{MONDAY},{TUESDAY}",
        metrics="visitors,pageviews,bounce_rate",
        filters="visit:source==Google|newsletter",
    )
    sums = _raw_sums(days, lambda f: f.get("source") in ("Google", "newsletter"))
    assert found == {
        "results": {
            "visitors": {"value": sums["visitors"]},
            "pageviews": {"value": sums["pageviews"]},
            "bounce_rate": {"value": round(100 * sums["bounces"] / sums["visits"])},
        }
    }


async def test_a_wildcard_page_filter_counts_matching_views(stats_api: StatsApi) -> None:
    found = await stats_api.ok(
        "aggregate",
        period="custom",
        date=f"{MONDAY},{TUESDAY}",
        metrics="pageviews",
        filters="event:page==/blog/*/",
    )
    one_level = [f for _, f in RAW if f["path"].count("/") == 3 and f["path"].startswith("/blog/")]
    assert found == {"results": {"pageviews": {"value": len(one_level)}}}


async def test_a_negated_wildcard_filter_leaves_matching_views_out(stats_api: StatsApi) -> None:
    found = await stats_api.ok(
        "breakdown",
        period="custom",
        date=f"{MONDAY},{TUESDAY}",
        property="event:page",
        metrics="pageviews",
        filters="event:page!=/blog/**",
    )
    assert {row["page"] for row in found["results"]} == {"/", "/about/"}


async def test_a_filter_over_stored_days_warns_that_they_are_left_out(stats_api: StatsApi) -> None:
    found = await stats_api.ok("aggregate", filters="visit:browser==Firefox", **PERIOD)
    assert found["results"] == {"visitors": {"value": 1}}
    assert f"from {MONDAY}" in found["warning"]


async def test_an_event_name_breakdown_counts_custom_events(stats_api: StatsApi) -> None:
    found = await stats_api.ok("breakdown", property="event:name", metrics="events", **PERIOD)
    assert {"name": "Signup", "events": 1} in found["results"]


async def test_realtime_visitors_are_those_of_the_last_minutes(
    stats_api: StatsApi, database: Any
) -> None:
    from inkwell.analytics.models import AnalyticsEvent
    from inkwell.core.time import utcnow

    now = utcnow()
    async with database.session(write=True) as session:
        for visitor, ago in (("x", 1), ("y", 2), ("x", 3), ("z", 20)):
            at = now - timedelta(minutes=ago)
            session.add(
                AnalyticsEvent(at=at, day=at.date(), name="pageview", visitor=visitor, path="/")
            )
    response = await stats_api.get("realtime/visitors")
    assert (response.status_code, response.text) == (200, "2")


async def test_answers_are_not_cached(stats_api: StatsApi) -> None:
    response = await stats_api.get("aggregate")
    assert response.headers["cache-control"] == "no-store"
