"""The collection endpoints, at the paths the settings name: the beacon script, the event
endpoint (Plausible's Events API) and the no-script pixel. HTTP only: the rules are in
``collect``.

They are answered by a small ASGI layer rather than by routes, because the owner may move them
(ad blockers know ``/js/script.js``): the layer reads the paths from the settings in force.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from inkwell.accounts import web as accounts_web
from inkwell.analytics import beacon, event_input
from inkwell.analytics.collect import Collector, Visit, collector_of
from inkwell.analytics.types import EventError
from inkwell.core.client_address import TrustedProxies, client_address

MAX_BODY = 8192
# A transparent 1x1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {"Cache-Control": "no-store"}


def visit_of(request: Request | Scope, trusted: TrustedProxies) -> Visit:
    """What the request's headers say about its reader (kept in memory only)."""
    scope = request.scope if isinstance(request, Request) else request
    headers: dict[str, bytes] = {
        name.decode("latin-1").lower(): value for name, value in scope.get("headers", ())
    }

    def header(name: str) -> str:
        return headers.get(name, b"").decode("latin-1")

    cookies = header("cookie")
    return Visit(
        address=client_address(scope, trusted),
        user_agent=header("user-agent"),
        do_not_track=header("dnt") == "1" or header("sec-gpc") == "1",
        staff=f"{accounts_web.STAFF_MARKER_COOKIE}=" in cookies,
        purpose=(header("sec-purpose") or header("purpose") or header("x-moz")).lower(),
    )


def _errors(error: EventError, status: int = 400) -> Response:
    body = json.dumps({"errors": {error.field: [error.message]}})
    return Response(body, status, media_type="application/json", headers=NO_STORE)


def _accepted(dropped: str | None = None) -> Response:
    # Plausible answers 202 "ok" whether or not it kept the event; so do we (the header says).
    headers = dict(NO_STORE)
    if dropped:
        headers["X-Inkwell-Dropped"] = dropped
    return Response("ok", 202, media_type="text/plain", headers=headers)


class _TooLarge(EventError):
    """A body past MAX_BODY (answered with a 413)."""


async def _body(request: Request) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise _TooLarge("body", f"is larger than {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def receive_event(request: Request, collector: Collector) -> Response:
    """``POST`` of one event (JSON, any content type, as Plausible's trackers send it)."""
    settings = await collector.settings()
    try:
        body = await _body(request)
        event = event_input.parse_event(
            body, site_host=collector.site_host, custom_events=settings.custom_events
        )
    except EventError as exc:
        return _errors(exc, 413 if isinstance(exc, _TooLarge) else 400)
    visit = visit_of(request, collector.trusted)
    reason = collector.left_out(settings, visit)
    if reason is None and not collector.allowed_name(settings, event.name):
        reason = "events of this name are not counted"
    if reason is None and settings.collection != "script":
        reason = "the beacon is not in use"
    if reason is not None:
        return _accepted(reason)
    if not await collector.count(event, visit):
        return _accepted("too many events waiting")
    return _accepted()


async def pixel(request: Request, collector: Collector) -> Response:
    """The no-script image: counts a page view of the page that shows it."""
    settings = await collector.settings()
    page = request.query_params.get("u") or request.headers.get("referer", "")
    visit = visit_of(request, collector.trusted)
    answer = Response(PIXEL, 200, media_type="image/gif", headers=NO_STORE)
    if settings.collection != "script" or collector.left_out(settings, visit) is not None:
        return answer
    body = json.dumps({"n": "pageview", "u": page, "d": collector.site_host}).encode()
    try:
        event = event_input.parse_event(body, site_host=collector.site_host, custom_events=False)
    except EventError:
        return answer  # an image answers an image, whatever was wrong with the address
    await collector.count(event, visit)
    return answer


def script(request: Request) -> Response:
    """The beacon, minified (it changes only with a release)."""
    served = beacon.beacon()
    # Pages link it with ?v=<hash>: such a URL never changes, so browsers keep it a year.
    versioned = request.query_params.get("v") == served.version
    age = "public, max-age=31536000, immutable" if versioned else "public, max-age=3600"
    headers = {"Cache-Control": age, "ETag": f'"{served.version}"'}
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    return Response(served.body, media_type=served.media_type, headers=headers)


class CollectionRoutes:
    """ASGI layer answering the collection paths in force; everything else passes through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        collector = collector_of(scope) if scope["type"] == "http" else None
        if collector is None:
            await self.app(scope, receive, send)
            return
        settings = await collector.settings()
        path, method = scope["path"], scope["method"]
        response: Any = None
        if path == settings.event_path:
            if method == "POST":
                response = await receive_event(Request(scope, receive), collector)
            else:
                response = Response("Use POST.", 405, headers={"Allow": "POST", **NO_STORE})
        elif path == settings.pixel_path and method in ("GET", "HEAD"):
            response = await pixel(Request(scope, receive), collector)
        elif path == settings.script_path and method in ("GET", "HEAD"):
            response = script(Request(scope, receive))
        if response is None:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)
