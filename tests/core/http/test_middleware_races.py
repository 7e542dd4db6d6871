"""The HTTP cache middleware while writers commit: no stale render kept, one render per burst."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from httpx import ASGITransport, AsyncClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from inkwell.core import invalidation
from inkwell.core.http.cache import ResponseCache
from inkwell.core.http.declaration import cacheable
from inkwell.core.http.middleware import HttpCacheMiddleware

PAGE = "<p>" + "words " * 200 + "</p>"


@dataclass
class SlowSite:
    """A page whose render waits for ``release``; counts renders and requests that arrived."""

    url: str
    expected: int = 1
    renders: int = 0
    arrived: int = 0
    rendering: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    all_arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def page(self, request: Request) -> Response:
        self.renders += 1
        cacheable(request, ["listing", "settings"])
        body = f"{PAGE}<p>render {self.renders}</p>"
        self.rendering.set()
        await self.release.wait()
        return Response(body, media_type="text/html")

    def counting(self, app: ASGIApp) -> ASGIApp:
        # In front of the middleware: once the last request arrived, each one has either
        # started the render or is waiting for it (nothing else yields on the way).
        async def arrive(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                self.arrived += 1
                if self.arrived == self.expected:
                    self.all_arrived.set()
            await app(scope, receive, send)

        return arrive


def build(tmp_path: Path, expected: int = 1) -> tuple[AsyncClient, SlowSite]:
    site = SlowSite(f"sqlite+aiosqlite:///{tmp_path}/blog.db", expected)
    inner = Starlette(routes=[Route("/", site.page)])
    cache = HttpCacheMiddleware(inner, database_url=site.url, cache=ResponseCache(1_000_000))
    transport = ASGITransport(app=site.counting(cache))
    return AsyncClient(transport=transport, base_url="http://t"), site


async def test_a_render_overtaken_by_a_change_is_served_but_not_kept(tmp_path: Path) -> None:
    client, site = build(tmp_path)
    first = asyncio.create_task(client.get("/"))
    await site.rendering.wait()
    invalidation.publish(site.url, {"listing"})  # a writer committed while the page rendered
    site.release.set()
    assert (await first).status_code == 200
    again = await client.get("/")
    assert "render 2" in again.text and site.renders == 2


async def test_a_change_by_another_process_during_a_render_is_seen(tmp_path: Path) -> None:
    client, site = build(tmp_path)
    first = asyncio.create_task(client.get("/"))
    await site.rendering.wait()
    other = invalidation.FileTransport(invalidation.signal_path(site.url))
    other.publish(frozenset({"settings"}))
    site.release.set()
    await first
    await client.get("/")
    assert site.renders == 2


async def test_a_change_to_other_tags_during_a_render_keeps_it(tmp_path: Path) -> None:
    client, site = build(tmp_path)
    first = asyncio.create_task(client.get("/"))
    await site.rendering.wait()
    invalidation.publish(site.url, {"post:unrelated"})
    site.release.set()
    await first
    await client.get("/")
    assert site.renders == 1


async def test_a_burst_for_one_missing_page_renders_it_once(tmp_path: Path) -> None:
    burst = 8
    client, site = build(tmp_path, expected=burst)
    requests = [asyncio.create_task(client.get("/")) for _ in range(burst)]
    await site.all_arrived.wait()
    site.release.set()
    responses = await asyncio.gather(*requests)
    assert site.renders == 1
    assert {r.text for r in responses} == {responses[0].text}


async def test_waiters_render_their_own_when_the_first_render_went_stale(tmp_path: Path) -> None:
    client, site = build(tmp_path, expected=3)
    requests = [asyncio.create_task(client.get("/")) for _ in range(3)]
    await site.all_arrived.wait()
    invalidation.publish(site.url, {"listing"})
    site.release.set()
    responses = await asyncio.gather(*requests)
    # The first render was stale: its own request gets it, the others one fresh render.
    assert [r.text.count("render 1") for r in responses] == [1, 0, 0]
    assert site.renders == 2


async def test_requests_for_what_cannot_be_kept_do_not_wait_for_each_other(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    calls = 0
    together = asyncio.Event()

    async def undeclared(request: Request) -> Response:
        nonlocal calls
        calls += 1
        if calls > 1:  # after the first: two at once, each finishing only once both are in
            if calls == 3:
                together.set()
            await together.wait()
        return Response(PAGE, media_type="text/html")

    app = HttpCacheMiddleware(
        Starlette(routes=[Route("/", undeclared)]), database_url=url, cache=ResponseCache(10**6)
    )
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
        await client.get("/")
        # Would never finish if the second request waited for the first.
        pair = asyncio.gather(client.get("/"), client.get("/"))
        await asyncio.wait_for(pair, timeout=60)
    assert calls == 3
