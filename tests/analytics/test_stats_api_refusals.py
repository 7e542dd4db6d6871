"""The Stats API refuses as Plausible's does: 401 for a missing or unknown key or another site,
400 with Plausible's words for a parameter it cannot answer (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from inkwell.analytics import keys
from inkwell.analytics.stats_api import BAD_KEY, MISSING_KEY, MISSING_SITE
from inkwell.core.db import Database
from tests.analytics.stats_fixtures import (
    SITE_ID,
    StatsApi,
    settings,
    site_database,
    stats_api,
    stats_key,
)

__all__ = ["settings", "site_database", "stats_api", "stats_key"]
ENDPOINTS = ("realtime/visitors", "aggregate", "timeseries", "breakdown")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
async def test_a_request_without_a_key_is_unauthorised(client: AsyncClient, endpoint: str) -> None:
    response = await client.get(f"/api/v1/stats/{endpoint}", params={"site_id": SITE_ID})
    assert (response.status_code, response.json()) == (401, {"error": MISSING_KEY})


@pytest.mark.parametrize("header", ["Basic abc", "bearer abc", "Token abc"])
async def test_a_key_not_given_as_a_bearer_token_is_missing(
    client: AsyncClient, header: str
) -> None:
    response = await client.get(
        "/api/v1/stats/aggregate", params={"site_id": SITE_ID}, headers={"Authorization": header}
    )
    assert (response.status_code, response.json()) == (401, {"error": MISSING_KEY})


@pytest.mark.usefixtures("stats_key")
async def test_an_unknown_key_is_unauthorised(client: AsyncClient) -> None:
    response = await client.get(
        "/api/v1/stats/aggregate",
        params={"site_id": SITE_ID},
        headers={"Authorization": "Bearer not-a-key-of-ours"},
    )
    assert (response.status_code, response.json()) == (401, {"error": BAD_KEY})


async def test_another_sites_id_is_unauthorised(client: AsyncClient, stats_key: str) -> None:
    response = await client.get(
        "/api/v1/stats/aggregate",
        params={"site_id": "other.example"},
        headers={"Authorization": f"Bearer {stats_key}"},
    )
    assert (response.status_code, response.json()) == (401, {"error": BAD_KEY})


async def test_a_missing_site_id_is_a_bad_request(client: AsyncClient, stats_key: str) -> None:
    response = await client.get(
        "/api/v1/stats/aggregate", headers={"Authorization": f"Bearer {stats_key}"}
    )
    assert (response.status_code, response.json()) == (400, {"error": MISSING_SITE})


async def test_the_site_id_is_the_host_whatever_its_case(stats_api: StatsApi) -> None:
    response = await stats_api.client.get(
        "/api/v1/stats/realtime/visitors",
        params={"site_id": "Blog.Test"},
        headers={"Authorization": f"Bearer {stats_api.key}"},
    )
    assert (response.status_code, response.json()) == (200, 0)


@pytest.mark.parametrize(
    ("endpoint", "params", "start"),
    [
        (
            "aggregate",
            {"period": "week"},
            "Error parsing `period` parameter: invalid period `week`.",
        ),
        ("aggregate", {"date": "yesterday"}, "Error parsing `date` parameter: invalid_format."),
        ("aggregate", {"metrics": "visitors,time_on_page"}, "The metric `time_on_page` is not"),
        ("aggregate", {"compare": "year_over_year"}, "Invalid `compare` value"),
        ("aggregate", {"filters": "visit:city==Paris"}, "Filter property 'visit:city' is not"),
        ("timeseries", {"interval": "minute"}, "Error parsing `interval` parameter"),
        (
            "timeseries",
            {"period": "7d", "interval": "hour"},
            "Invalid combination of interval and period. The interval `hour` is only for a "
            "single day",
        ),
        ("timeseries", {"metrics": "nothing"}, "The metric `nothing` is not recognized."),
        ("breakdown", {}, "The `property` parameter is required."),
        ("breakdown", {"property": "visit:nope"}, "Invalid property 'visit:nope'."),
        ("breakdown", {"property": "event:page", "limit": "5000"}, "Please provide limit as"),
        ("breakdown", {"property": "event:page", "page": "-2"}, "Please provide page as"),
        (
            "breakdown",
            {"property": "visit:source", "metrics": "views_per_visit"},
            "Metric `views_per_visit` is not supported in breakdown queries.",
        ),
        (
            "breakdown",
            {"property": "event:name", "metrics": "visits"},
            "Session metric `visits` cannot be queried for breakdown by `event:name`.",
        ),
    ],
)
async def test_a_parameter_that_cannot_be_answered_is_a_bad_request(
    stats_api: StatsApi, endpoint: str, params: dict[str, str], start: str
) -> None:
    response = await stats_api.get(endpoint, **params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(start)
    assert list(response.json()) == ["error"]


async def test_an_answered_request_notes_the_keys_use(
    stats_api: StatsApi, database: Database
) -> None:
    await stats_api.ok("aggregate")
    async with database.session() as session:
        (key,) = await keys.list_keys(session)
    assert key.last_used_at is not None
