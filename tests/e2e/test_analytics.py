"""Analytics in a real browser: the theme's beacon counts what a reader reads, with no cookie
and no storage, the owner's own reading is left out once signed in, and the dashboard shows
the readers' views (screenshots in light and dark to look at)."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import AdminSite
from tests.e2e.test_admin import DESKTOP, signed_in

pytestmark = pytest.mark.e2e


# Headless Chromium says "HeadlessChrome", which is rightly not counted: read as a reader's.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


def stored_views(site: AdminSite, wanted: int = 0) -> list[tuple[str, str]]:
    """The (path, browser) of every stored page view, once at least ``wanted`` are stored
    (the writer writes every half second)."""
    rows: list[tuple[str, str]] = []
    for _ in range(50):
        with sqlite3.connect(site.database) as db:
            rows = db.execute(
                "SELECT path, browser FROM analytics_events WHERE name = 'pageview' ORDER BY id"
            ).fetchall()
        if len(rows) >= wanted:
            break
        time.sleep(0.2)
    return rows


def test_the_beacon_counts_each_page_a_reader_opens_and_stores_nothing(
    browser: Any, analytics_site: AdminSite
) -> None:
    before = len(stored_views(analytics_site))
    context = browser.new_context(viewport=DESKTOP, user_agent=READER_AGENT)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(analytics_site.base + "/")
        page.locator(".post-card-title a").first.click()
        page.wait_for_load_state("load")
        opened = page.evaluate("() => location.pathname")
        views = stored_views(analytics_site, before + 2)[before:]
        assert [path for path, _ in views] == ["/", opened]
        assert {browser_name for _, browser_name in views} == {"Chrome"}
        assert context.cookies() == []
        stored = page.evaluate("() => [localStorage.length, sessionStorage.length]")
        assert stored == [0, 0]
    finally:
        context.close()


def test_the_owners_own_reading_is_not_counted_once_signed_in(
    browser: Any, analytics_site: AdminSite
) -> None:
    context = signed_in(browser, analytics_site, user_agent=READER_AGENT)
    try:
        before = len(stored_views(analytics_site))
        page = context.pages[0]
        page.goto(analytics_site.base + "/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)  # twice the writer's interval: a view would be stored
        assert len(stored_views(analytics_site)) == before
    finally:
        context.close()


def _post_view(site: AdminSite, path: str, *, reader: int, source: str) -> None:
    """A page view as the beacon posts it, from a reader with a browser of their own."""
    host = urllib.parse.urlsplit(site.base).hostname
    body = json.dumps(
        {"n": "pageview", "u": f"{site.base}{path}?utm_source={source}", "d": host, "w": 1280}
    ).encode()
    request = urllib.request.Request(
        site.base + "/api/event",
        data=body,
        headers={
            "Content-Type": "text/plain",
            "User-Agent": READER_AGENT.replace("126.0.0.0", f"126.0.{reader + 1}.0"),
        },
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 202
        assert answer.headers.get("X-Inkwell-Dropped") is None


def test_the_dashboard_shows_what_readers_read(
    browser: Any, analytics_site: AdminSite, artifacts: Path
) -> None:
    source = f"newsletter-{uuid.uuid4().hex[:8]}"  # this test's readers alone came from it
    before = len(stored_views(analytics_site))
    for reader in range(3):
        for path in ("/", "/about/"):
            _post_view(analytics_site, path, reader=reader, source=source)
    stored_views(analytics_site, before + 6)
    for scheme in ("light", "dark"):
        context = signed_in(browser, analytics_site, scheme=scheme)
        try:
            page = context.pages[0]
            page.goto(analytics_site.base + "/admin/analytics?period=30d")
            sources = page.locator("#sources")
            assert sources.get_by_text(source).count() == 1
            views = page.locator('.total[data-metric="pageviews"]').get_attribute("data-value")
            assert views is not None and int(views) >= before + 6
            assert page.locator(".chart-section figure.chart svg").count() == 1
            target = artifacts / f"admin-analytics-{scheme}.png"
            page.screenshot(path=str(target), full_page=True)
            # Today, hour by hour: a dot per hour of each line, the note on counting visitors.
            page.goto(analytics_site.base + "/admin/analytics?period=day")
            chart = page.locator(".chart-section figure.chart svg").first
            assert chart.locator("circle").count() >= 24
            assert page.locator("#hours-note").is_visible()
            today = artifacts / f"admin-analytics-today-{scheme}.png"
            page.screenshot(path=str(today), full_page=True)
        finally:
            context.close()
        assert target.stat().st_size > 0 and today.stat().st_size > 0
