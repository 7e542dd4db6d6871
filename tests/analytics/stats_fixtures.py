"""Fixtures of the Stats API tests: the app on the test's database (SQLite and PostgreSQL), a
key made through ``analytics.keys``, and the site's raw and stored numbers of a few days."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from httpx import AsyncClient, Response

from inkwell.analytics import keys
from inkwell.analytics.summary import TOTAL
from inkwell.core.db import Database
from tests import app_on_test_database
from tests.analytics.factories import add_daily, add_events

settings = app_on_test_database.settings
site_database = app_on_test_database.site_database

SITE_ID = "blog.test"
IMPORTED = date(2024, 2, 28)
ROLLED = date(2024, 3, 1)
MONDAY = date(2024, 3, 4)
TUESDAY = date(2024, 3, 5)
RAW: list[tuple[date, dict[str, Any]]] = [
    (MONDAY, {"visitor": "a", "path": "/", "source": "Google"}),
    (MONDAY, {"visitor": "a", "path": "/blog/one/", "minutes": 3, "source": "Google"}),
    (MONDAY, {"visitor": "a", "path": "/blog/two/", "minutes": 8, "source": "Google"}),
    (MONDAY, {"visitor": "b", "path": "/blog/one/", "browser": "Firefox"}),
    (MONDAY, {"visitor": "c", "path": "/", "source": "newsletter", "utm_campaign": "spring"}),
    (MONDAY, {"visitor": "c", "path": "/about/", "minutes": 2, "source": "newsletter"}),
    (MONDAY, {"visitor": "c", "path": "/about/", "minutes": 5, "name": "Signup"}),
    (TUESDAY, {"visitor": "a", "path": "/blog/one/", "source": "Google"}),
    (TUESDAY, {"visitor": "d", "path": "/", "country": "NZ"}),
    (TUESDAY, {"visitor": "d", "path": "/blog/deep/post/", "minutes": 1}),
]
"""Raw events: every visitor's events of a day are one visit (no gap of 30 minutes)."""
STORED: dict[date, dict[tuple[str, str], dict[str, int]]] = {
    IMPORTED: {
        (TOTAL, TOTAL): {"visitors": 5, "pageviews": 9, "events": 9, "visits": 5, "bounces": 2},
        ("page", "/"): {"visitors": 5, "pageviews": 9, "events": 9, "visits": 5, "bounces": 2},
    },
    ROLLED: {
        (TOTAL, TOTAL): {
            "visitors": 10,
            "pageviews": 25,
            "events": 26,
            "visits": 12,
            "bounces": 6,
            "duration": 1200,
        },
        ("page", "/"): {"visitors": 7, "pageviews": 15, "events": 15, "visits": 8, "bounces": 4},
        ("page", "/blog/one/"): {"visitors": 3, "pageviews": 10, "events": 10, "visits": 4},
        ("source", "Google"): {"visitors": 6, "pageviews": 12, "visits": 7, "bounces": 3},
        ("source", ""): {"visitors": 4, "pageviews": 13, "visits": 5, "bounces": 3},
    },
}
"""Days read from ``analytics_daily``: one imported, one rolled up."""


@pytest.fixture
async def stats_key(database: Database) -> str:
    """A Stats API key, made as the admin and the command line make them."""
    async with database.session(write=True) as session:
        _, key = await keys.create_key(session, "Dashboard")
    return key


@pytest.fixture
async def numbers(database: Database) -> None:
    """The raw events of ``RAW`` and the stored days of ``STORED``, written to the tables."""
    async with database.session(write=True) as session:
        for day, fields in RAW:
            await add_events(session, day, fields)
        await add_daily(session, IMPORTED, STORED[IMPORTED], source="import")
        await add_daily(session, ROLLED, STORED[ROLLED])


class StatsApi:
    """Requests to the Stats API with the key and the site's id."""

    def __init__(self, client: AsyncClient, key: str) -> None:
        self.client = client
        self.key = key

    async def get(self, endpoint: str, **params: str) -> Response:
        """``endpoint`` (``aggregate``...) asked with ``params`` (``site_id`` added)."""
        return await self.client.get(
            f"/api/v1/stats/{endpoint}",
            params={"site_id": SITE_ID, **params},
            headers={"Authorization": f"Bearer {self.key}"},
        )

    async def ok(self, endpoint: str, **params: str) -> Any:
        """The JSON of a 200 answer."""
        response = await self.get(endpoint, **params)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def stats_api(client: AsyncClient, stats_key: str) -> StatsApi:
    """The Stats API of an app on the test's database, with a valid key."""
    return StatsApi(client, stats_key)
