"""The server-side mode: page requests themselves are counted, for readers whose browsers run
no script at all.

This layer sits outside the page cache, so a page answered from memory is counted like one
rendered. It only looks: it notes the status and type of the answer as it goes by, and after
the answer is sent hands a view to the collector. In any other mode it costs one comparison.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inkwell.analytics import event_input
from inkwell.analytics.collect import Collector, collector_of
from inkwell.analytics.routes import visit_of
from inkwell.analytics.types import EventError

# Paths that are never a reader's page view.
NOT_PAGES = ("/admin", "/ghost/", "/api/", "/content/", "/assets/", "/comments/", "/js/", "/css/")


def _is_html_page(message: Message) -> bool:
    if message.get("status") != 200:
        return False
    for name, value in message.get("headers", ()):
        if name.lower() == b"content-type":
            return bool(value.startswith(b"text/html"))
    return False


class ServerSideCounter:
    """ASGI layer counting each public HTML page served with 200 (server-side mode only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        collector = collector_of(scope) if scope["type"] == "http" else None
        if (
            collector is None
            or scope["method"] != "GET"
            or scope["path"].startswith(NOT_PAGES)
            or (await collector.settings()).collection != "server"
        ):
            await self.app(scope, receive, send)
            return
        page = False

        async def watching(message: Message) -> None:
            nonlocal page
            if message["type"] == "http.response.start":
                page = _is_html_page(message)
            await send(message)

        await self.app(scope, receive, watching)
        if page:
            await _count(collector, scope)


async def _count(collector: Collector, scope: Scope) -> None:
    settings = await collector.settings()
    visit = visit_of(scope, collector.trusted)
    if collector.left_out(settings, visit) is not None:
        return
    headers = dict(scope.get("headers", ()))
    query = scope.get("query_string", b"").decode("latin-1")
    url = collector.site_url.rstrip("/") + scope["path"] + (f"?{query}" if query else "")
    referrer = headers.get(b"referer", b"").decode("latin-1")
    body = json.dumps({"n": "pageview", "u": url, "d": collector.site_host, "r": referrer})
    try:
        event = event_input.parse_event(
            body.encode(), site_host=collector.site_host, custom_events=False
        )
    except EventError:
        return
    await collector.count(event, visit)
