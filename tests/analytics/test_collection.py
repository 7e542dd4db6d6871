"""Events sent to the site: what is counted, what is left out, and what is refused."""

from __future__ import annotations

import json
from typing import Any

from tests.analytics.conftest import OpenSite, Site

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"
PAGE = "http://blog.test/blog/2026/05/a-post/?utm_source=newsletter&utm_campaign=may"


async def send(site: Site, body: Any = None, **headers: str) -> Any:
    """POST one event (a page view of PAGE unless ``body`` says otherwise)."""
    payload = body if body is not None else {"n": "pageview", "u": PAGE, "d": "blog.test"}
    content = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers.setdefault("user-agent", FIREFOX)
    return await site.http.post("/api/event", content=content, headers=headers)


async def test_a_page_view_is_answered_at_once_and_written_with_what_it_says(site: Site) -> None:
    answer = await send(site, referer="ignored", **{"content-type": "text/plain"})
    assert (answer.status_code, answer.text) == (202, "ok")
    [event] = await site.written()
    assert (event.name, event.path, event.source, event.utm_campaign) == (
        "pageview",
        "/blog/2026/05/a-post/",
        "newsletter",
        "may",
    )
    assert (event.browser, event.os, event.device) == ("Firefox", "Linux", "desktop")


async def test_plausibles_long_keys_are_accepted(site: Site) -> None:
    body = {
        "name": "pageview",
        "url": PAGE,
        "domain": "blog.test",
        "referrer": "https://news.ycombinator.com/item",
    }
    assert (await send(site, body)).status_code == 202
    [event] = await site.written()
    assert event.referrer == "news.ycombinator.com"


async def test_the_same_reader_twice_is_one_visitor_and_another_is_another(
    open_site: OpenSite,
) -> None:
    async with open_site() as site:
        await send(site)
        await send(site)
        await send(site, **{"user-agent": FIREFOX.replace("126", "127")})
        first, second, other = await site.written()
    assert first.visitor == second.visitor != other.visitor


async def test_a_malformed_event_gets_a_400_alone(site: Site) -> None:
    bad = await send(site, b"{not json")
    good = await send(site)
    assert bad.status_code == 400 and "errors" in bad.json()
    assert good.status_code == 202
    assert len(await site.written()) == 1


async def test_another_sites_domain_is_refused(site: Site) -> None:
    answer = await send(site, {"n": "pageview", "u": PAGE, "d": "elsewhere.example"})
    assert answer.status_code == 400
    assert "domain" in answer.json()["errors"]
    assert await site.written() == []


async def test_a_body_too_large_is_refused(site: Site) -> None:
    answer = await send(
        site, {"n": "pageview", "u": PAGE, "d": "blog.test", "p": {"x": "y" * 9000}}
    )
    assert answer.status_code == 413
    assert await site.written() == []


async def test_do_not_track_and_global_privacy_control_are_honoured(site: Site) -> None:
    assert (await send(site, dnt="1")).headers["x-inkwell-dropped"]
    assert (await send(site, **{"sec-gpc": "1"})).status_code == 202
    assert await site.written() == []


async def test_do_not_track_is_counted_when_the_owner_turns_it_off(site: Site) -> None:
    await site.configure(honour_dnt=False)
    await send(site, dnt="1")
    assert len(await site.written()) == 1


async def test_bots_and_prefetches_are_not_counted(site: Site) -> None:
    await send(site, **{"user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
    await send(site, **{"sec-purpose": "prefetch"})
    await send(site, **{"user-agent": ""})
    assert await site.written() == []


async def test_a_signed_in_staff_member_is_not_counted(site: Site) -> None:
    answer = await send(site, cookie="inkwell_staff=1")
    assert answer.headers["x-inkwell-dropped"] == "a signed-in staff member"
    assert await site.written() == []


async def test_custom_events_wait_for_their_setting(site: Site) -> None:
    signup = {"n": "Signup", "u": PAGE, "d": "blog.test"}
    await send(site, signup)
    assert await site.written() == []
    await site.configure(custom_events=True)
    await send(site, signup)
    assert [event.name for event in await site.written()] == ["Signup"]


async def test_outbound_clicks_wait_for_their_setting(site: Site) -> None:
    click = {
        "n": "Outbound Link: Click",
        "u": PAGE,
        "d": "blog.test",
        "p": {"url": "https://x.example/"},
    }
    await send(site, click)
    await site.configure(outbound_links=True)
    await send(site, click)
    [event] = await site.written()
    assert event.props == {"url": "https://x.example/"}


async def test_nothing_is_counted_when_analytics_is_off(site: Site) -> None:
    await site.configure(collection="off")
    assert (await send(site)).status_code == 202
    assert await site.written() == []


async def test_a_get_of_the_event_path_is_refused(site: Site) -> None:
    answer = await site.http.get("/api/event")
    assert (answer.status_code, answer.headers["allow"]) == (405, "POST")


async def test_the_event_path_follows_the_settings(site: Site) -> None:
    await site.configure(event_path="/a/b")
    moved = await site.http.post(
        "/a/b",
        content=json.dumps({"n": "pageview", "u": PAGE, "d": "blog.test"}),
        headers={"user-agent": FIREFOX},
    )
    assert moved.status_code == 202
    assert len(await site.written()) == 1


async def test_an_untrusted_clients_forwarded_for_is_ignored(open_site: OpenSite) -> None:
    async with open_site() as site:
        await send(site, **{"x-forwarded-for": "198.51.100.1"})
        await send(site, **{"x-forwarded-for": "198.51.100.2"})
        first, second = await site.written()
    assert first.visitor == second.visitor  # both are the connection's address


async def test_a_trusted_proxys_forwarded_for_tells_readers_apart(open_site: OpenSite) -> None:
    async with open_site(trusted_proxies=("203.0.113.7",)) as site:
        await send(site, **{"x-forwarded-for": "198.51.100.1"})
        await send(site, **{"x-forwarded-for": "198.51.100.2"})
        first, second = await site.written()
    assert first.visitor != second.visitor


async def test_the_buffer_is_written_when_the_app_stops(
    open_site: OpenSite, site_database: Any
) -> None:
    from sqlalchemy import func, select

    from inkwell.analytics.models import AnalyticsEvent

    async with open_site(analytics_flush_ms=60_000) as site:
        await send(site)
        assert site.app.state.analytics.writer.waiting == 1
    async with site_database.session() as session:
        assert await session.scalar(select(func.count()).select_from(AnalyticsEvent)) == 1
