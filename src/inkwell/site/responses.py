"""HTTP helpers of the public site: HTML with cache headers, redirects, HEAD, cache tags.

Cache headers follow Ghost: pages ``public, max-age=0`` by default (caches must revalidate, and
the ETag added by ``core.http`` makes that cheap), permanent redirects cached for a year, errors
never cached.

Inkwell's own response cache keeps only what a handler declares with ``cacheable`` and the tags
it goes stale with (see ``core.changes`` for which change drops which tag).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inkwell.core.http import declaration

HTML = "text/html; charset=utf-8"
CACHE_PAGE = "public, max-age=0"
CACHE_CRAWLER = "public, max-age=3600"
CACHE_ASSET = "public, max-age=31536000, immutable"
CACHE_PERMANENT = "public, max-age=31536000"
CACHE_NEVER = "no-cache, no-store, must-revalidate, max-age=0"

# Cache tags of the site's pages (``post:ID``, ``tag:SLUG`` and ``author:SLUG`` besides).
SETTINGS = "settings"
LISTING = "listing"
FEED = "feed"
NEIGHBOURS = "neighbours"
ASSET = "asset"


def cacheable(request: Request, tags: Iterable[str] = ()) -> None:
    """Let the response to ``request`` be cached until one of ``tags`` or ``settings`` drops.

    Every page shows the site settings (title, navigation, permalinks), hence ``settings``.
    """
    declaration.cacheable(request, (SETTINGS, *tags))


def post_tag(post_id: str) -> str:
    """The tag of the pages showing post ``post_id``."""
    return f"post:{post_id}"


def slug_tag(kind: str, slug: str) -> str:
    """The tag of the pages showing the tag or author ``slug`` (``kind``: tag or author)."""
    return f"{kind}:{slug}"


def cached_response(
    request: Request,
    body: bytes | str,
    *,
    media_type: str,
    status_code: int = 200,
    cache_control: str | None = None,
) -> Response:
    """``body`` with its Cache-Control (by default the operator's setting for pages).

    ETags, 304s and compression are added in front of the app by the HTTP cache middleware.
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    if cache_control is None:
        cache_control = request.app.state.settings.cache_control_pages
    response = Response(data, status_code=status_code, headers={"Cache-Control": cache_control})
    # Starlette would add "; charset=utf-8" only for text/*: set the exact header ourselves.
    response.headers["content-type"] = media_type
    return response


def html_response(
    request: Request, html: str, *, status_code: int = 200, cache_control: str | None = None
) -> Response:
    """A rendered page; error pages are never cached."""
    if status_code >= 400:
        cache_control = CACHE_NEVER
    return cached_response(
        request, html, media_type=HTML, status_code=status_code, cache_control=cache_control
    )


def redirect(
    location: str, *, permanent: bool = True, cache_control: str | None = None
) -> Response:
    """A 301 (or 302) to ``location``; permanent redirects may be cached for a year."""
    status = 301 if permanent else 302
    response = RedirectResponse(location, status_code=status)
    response.headers["Cache-Control"] = cache_control or (
        CACHE_PERMANENT if permanent else CACHE_NEVER
    )
    return response


def with_query(path: str, query: str) -> str:
    """``path`` with the request's query string kept (as Ghost keeps it on redirects)."""
    return f"{path}?{query}" if query else path


class HeadMiddleware:
    """Answer HEAD exactly like GET, minus the body, for every route (pure ASGI).

    Routes are declared for GET and HEAD; this strips the body so that in-process clients see
    what a server such as uvicorn would send.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, send_without_body)
