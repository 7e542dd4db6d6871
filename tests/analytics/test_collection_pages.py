"""Views counted from the pages themselves: the beacon's tag in every page, the no-script
pixel, and the server-side mode, which counts cached pages too."""

from __future__ import annotations

import re
from urllib.parse import quote

from inkwell.analytics import beacon
from inkwell.content import service as content
from inkwell.core.db import Database
from tests.analytics.conftest import Site
from tests.analytics.test_collection import FIREFOX
from tests.factories import make_post


async def _a_post(database: Database) -> str:
    """The path of a new published post."""
    async with database.session(write=True) as session:
        post = await make_post(session, title="Counted words")
        return content.path_of(post, await content.load_settings(session))


async def test_pages_carry_the_beacon_and_the_pixel(site: Site) -> None:
    page = (await site.http.get("/")).text
    tag = re.search(
        r'<script defer src="([^"]+)" data-api="/api/event" data-domain="blog.test"', page
    )
    assert tag is not None and tag.group(1) == f"/js/stats.js?v={beacon.beacon().version}"
    assert f'<img src="/api/pixel.gif?u={quote("http://blog.test/", safe="")}"' in page


async def test_the_beacon_script_is_served_minified_and_kept_a_year(site: Site) -> None:
    answer = await site.http.get(f"/js/stats.js?v={beacon.beacon().version}")
    assert answer.content == beacon.beacon().body
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    again = await site.http.get("/js/stats.js", headers={"if-none-match": answer.headers["etag"]})
    assert again.status_code == 304


async def test_the_pixel_counts_a_view_of_its_page(site: Site) -> None:
    answer = await site.http.get(
        "/api/pixel.gif", params={"u": "http://blog.test/about/"}, headers={"user-agent": FIREFOX}
    )
    assert (answer.status_code, answer.headers["content-type"]) == (200, "image/gif")
    [event] = await site.written()
    assert event.path == "/about/"


async def test_a_bad_pixel_address_still_gets_an_image_and_counts_nothing(site: Site) -> None:
    answer = await site.http.get(
        "/api/pixel.gif", params={"u": "javascript:x"}, headers={"user-agent": FIREFOX}
    )
    assert answer.status_code == 200
    assert await site.written() == []


async def test_in_server_mode_pages_carry_no_beacon(site: Site) -> None:
    await site.configure(collection="server")
    page = (await site.http.get("/")).text
    assert "stats.js" not in page and "pixel.gif" not in page


async def test_in_server_mode_each_page_served_is_counted_cached_or_not(
    site: Site, site_database: Database
) -> None:
    path = await _a_post(site_database)
    await site.configure(collection="server")
    for _ in range(3):
        answer = await site.http.get(
            path, headers={"user-agent": FIREFOX, "referer": "https://duckduckgo.com/"}
        )
        assert answer.status_code == 200
    events = await site.written()
    assert [event.path for event in events] == [path] * 3
    assert {event.source for event in events} == {"DuckDuckGo"}


async def test_in_server_mode_feeds_errors_and_the_admin_are_not_views(site: Site) -> None:
    await site.configure(collection="server")
    for path in ("/rss/", "/no-such-page/", "/admin/signin", "/sitemap.xml"):
        await site.http.get(path, headers={"user-agent": FIREFOX})
    assert await site.written() == []


async def test_in_server_mode_the_beacon_is_not_counted_twice(site: Site) -> None:
    await site.configure(collection="server")
    answer = await site.http.post(
        "/api/event",
        json={"n": "pageview", "u": "http://blog.test/", "d": "blog.test"},
        headers={"user-agent": FIREFOX},
    )
    assert answer.headers["x-inkwell-dropped"] == "the beacon is not in use"
    assert await site.written() == []
