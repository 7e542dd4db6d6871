"""The collection endpoints, at the paths the settings name: the beacon script, the event
endpoint (Plausible's Events API) and the no-script pixel. HTTP only: the rules are in
``collect``.

They are answered by small ASGI layers rather than by routes, because the owner may move them
(ad blockers know ``/js/script.js``): the layers read the paths from the settings in force. The
event endpoint is the outermost layer of all, so that a beacon costs as little as a cached page.
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
from inkwell.analytics.settings import AnalyticsSettings
from inkwell.analytics.types import EventError
from inkwell.core.client_address import TrustedProxies, client_address

MAX_BODY = 8192
# A transparent 1x1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {"Cache-Control": "no-store"}


# The request headers a visit is read from (ASGI servers give names in lower case).
_VISIT_HEADERS = frozenset(
    {b"user-agent", b"dnt", b"sec-gpc", b"cookie", b"sec-purpose", b"purpose", b"x-moz"}
)
_STAFF_MARKER = f"{accounts_web.STAFF_MARKER_COOKIE}=".encode()


def visit_of(request: Request | Scope, trusted: TrustedProxies) -> Visit:
    """What the request's headers say about its reader (kept in memory only)."""
    scope = request.scope if isinstance(request, Request) else request
    headers: dict[bytes, bytes] = {}
    for name, value in scope.get("headers", ()):
        name = name.lower()
        if name in _VISIT_HEADERS:
            headers[name] = value
    get = headers.get
    purpose = get(b"sec-purpose") or get(b"purpose") or get(b"x-moz") or b""
    return Visit(
        address=client_address(scope, trusted),
        user_agent=get(b"user-agent", b"").decode("latin-1"),
        do_not_track=get(b"dnt") == b"1" or get(b"sec-gpc") == b"1",
        staff=_STAFF_MARKER in get(b"cookie", b""),
        purpose=purpose.decode("latin-1").lower(),
    )


class _TooLarge(EventError):
    """A body past MAX_BODY (answered with a 413)."""


class _Gone(Exception):
    """The client disconnected before its body arrived: nothing to answer."""


async def _body(receive: Receive, declared_length: bytes | None) -> bytes:
    declared = int(declared_length) if declared_length and declared_length.isdigit() else 0
    if declared > MAX_BODY:  # refused before reading a byte of it
        raise _TooLarge("body", f"is larger than {MAX_BODY} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the reader went away
            raise _Gone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise _TooLarge("body", f"is larger than {MAX_BODY} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _answer(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _headers(
    content_type: bytes, body: bytes, *extra: tuple[bytes, bytes]
) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *extra,
    ]


_OK = b"ok"
_ACCEPTED = _headers(b"text/plain; charset=utf-8", _OK)
_POST_ONLY = b"Use POST."
_NOT_POST = _headers(b"text/plain; charset=utf-8", _POST_ONLY, (b"allow", b"POST"))


async def _accepted(send: Send, dropped: str | None = None) -> None:
    # Plausible answers 202 "ok" whether or not it kept the event; so do we (the header says).
    headers = _ACCEPTED
    if dropped:
        headers = [*headers, (b"x-inkwell-dropped", dropped.encode())]
    await _answer(send, 202, _OK, headers)


async def _refused(send: Send, error: EventError, status: int = 400) -> None:
    body = json.dumps({"errors": {error.field: [error.message]}}).encode()
    await _answer(send, status, body, _headers(b"application/json", body))


def _declared_length(scope: Scope) -> bytes | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return bytes(value)
    return None


async def receive_event(
    scope: Scope, receive: Receive, send: Send, collector: Collector, settings: AnalyticsSettings
) -> None:
    """``POST`` of one event (JSON, any content type, as Plausible's trackers send it)."""
    try:
        body = await _body(receive, _declared_length(scope))
        event = event_input.parse_event(
            body, site_host=collector.site_host, custom_events=settings.custom_events
        )
    except _Gone:
        return
    except EventError as exc:
        await _refused(send, exc, 413 if isinstance(exc, _TooLarge) else 400)
        return
    visit = visit_of(scope, collector.trusted)
    reason = collector.left_out(settings, visit)
    if reason is None and not collector.allowed_name(settings, event.name):
        reason = "events of this name are not counted"
    if reason is None and settings.collection != "script":
        reason = "the beacon is not in use"
    if reason is None and not await collector.count(event, visit):
        reason = "too many events waiting"
    await _accepted(send, reason)


async def pixel(request: Request, collector: Collector, settings: AnalyticsSettings) -> Response:
    """The no-script image: counts a page view of the page that shows it."""
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


class EventEndpoint:
    """ASGI layer answering the event path, outside every other layer: a beacon is the most
    frequent request a site gets after its cached pages, and needs none of what they pass
    through (routing, the response cache, compression). Everything else passes through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Only a POST can be an event: pages (GET) pass by without even a settings read.
        posted = scope["type"] == "http" and scope["method"] == "POST"
        collector = collector_of(scope) if posted else None
        if collector is not None:
            settings = await collector.settings()
            if scope["path"] == settings.event_path:
                await receive_event(scope, receive, send, collector, settings)
                return
        await self.app(scope, receive, send)


class CollectionRoutes:
    """ASGI layer answering the beacon script and the pixel at the paths in force (inside the
    response cache's layer, which compresses the script), and any method but POST at the event
    path with a 405; everything else passes through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        collector = collector_of(scope) if scope["type"] == "http" else None
        if collector is None:
            await self.app(scope, receive, send)
            return
        settings = await collector.settings()
        path, readable = scope["path"], scope["method"] in ("GET", "HEAD")
        response: Any = None
        if path == settings.event_path:  # a POST there was answered by EventEndpoint
            await _answer(send, 405, _POST_ONLY, _NOT_POST)
            return
        if path == settings.pixel_path and readable:
            response = await pixel(Request(scope, receive), collector, settings)
        elif path == settings.script_path and readable:
            response = script(Request(scope, receive))
        if response is None:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)
