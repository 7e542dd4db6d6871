"""The Stats API on a running site: views sent to the event endpoint (as Plausible's tracker
sends them) are in its answers, and its days are the site's days (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from inkwell.content import service as content
from inkwell.core.db import Database
from inkwell.core.time import utcnow
from tests.analytics.conftest import Site
from tests.analytics.factories import add_events
from tests.analytics.stats_fixtures import SITE_ID, stats_key
from tests.analytics.test_collection import FIREFOX, send

__all__ = ["stats_key"]


async def _get(site: Site, key: str, endpoint: str, **params: str) -> object:
    response = await site.http.get(
        f"/api/v1/stats/{endpoint}",
        params={"site_id": SITE_ID, **params},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_views_sent_by_the_tracker_are_in_the_breakdown(site: Site, stats_key: str) -> None:
    readers = {"/": [FIREFOX, FIREFOX.replace("126", "125")], "/about/": [FIREFOX]}
    for path, agents in readers.items():
        for agent in agents:
            body = {"n": "pageview", "u": f"http://blog.test{path}", "d": "blog.test"}
            assert (await send(site, body, **{"user-agent": agent})).status_code == 202
    await site.written()
    found = await _get(
        site,
        stats_key,
        "breakdown",
        period="7d",
        property="event:page",
        metrics="visitors,pageviews",
    )
    assert found == {
        "results": [
            {"page": "/", "visitors": 2, "pageviews": 2},
            {"page": "/about/", "visitors": 1, "pageviews": 1},
        ]
    }


async def test_today_is_the_sites_today(site: Site, stats_key: str, database: Database) -> None:
    # A zone whose date is not UTC's at this hour: an answer in UTC days would be the other day.
    zone = "Pacific/Kiritimati" if utcnow().hour >= 10 else "Pacific/Pago_Pago"
    today = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
    async with database.session(write=True) as session:
        await content.update_settings(session, {"timezone": zone}, site_url="http://blog.test")
        await add_events(session, today, {"visitor": "a"})
        await add_events(session, today - timedelta(days=1), {"visitor": "b"}, {"visitor": "c"})
        await add_events(session, today + timedelta(days=1), *({"visitor": v} for v in "defg"))
    found = await _get(site, stats_key, "aggregate", period="day")
    assert found == {"results": {"visitors": {"value": 1}}}
