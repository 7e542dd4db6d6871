"""Themed error pages, and the guard that turns any failure inside a page into one.

A reader never sees a traceback: an unexpected error is logged and answered with the theme's
500 page (or, should the theme itself be what fails, a small built-in page).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from fastapi.types import DecoratedCallable
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from inkwell.site.context import make_context
from inkwell.site.pages import PageNotFound, error_page
from inkwell.site.responses import CACHE_NEVER, HTML

logger = logging.getLogger("inkwell.site")

FALLBACK_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{status} {title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{title}</h1><p><a href="/">Go to the home page</a></p></main></body></html>
"""


async def themed_error(request: Request, status_code: int) -> Response:
    """The theme's error page for ``status_code``, or the built-in one if that fails too."""
    try:
        async with request.app.state.database.session() as session:
            ctx = await make_context(request, session)
            return error_page(ctx, status_code)
    except Exception:
        logger.exception("the error page itself failed for %s", request.url.path)
        title = "Page not found" if status_code == 404 else "Something went wrong"
        html = FALLBACK_PAGE.format(status=status_code, title=title)
        response = Response(html, status_code=status_code, headers={"Cache-Control": CACHE_NEVER})
        response.headers["content-type"] = HTML
        return response


async def _rollback(request: Request) -> None:
    # The failed request's session is still open here: undo whatever it started.
    session: AsyncSession | None = getattr(request.state, "site_session", None)
    if session is not None:
        try:
            await session.rollback()
        except Exception:
            logger.exception("rollback after a failed page")


async def guarded(request: Request, work: Callable[[], Awaitable[Response]]) -> Response:
    """Run ``work``; PageNotFound becomes the themed 404 and any other error the themed 500."""
    try:
        return await work()
    except PageNotFound:
        await _rollback(request)
        return await themed_error(request, 404)
    except Exception:
        logger.exception("error while rendering %s", request.url.path)
        await _rollback(request)
        return await themed_error(request, 500)


class SiteRoute(APIRoute):
    """A route of the public site: its errors become themed pages."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        """The usual handler, guarded."""
        handler = super().get_route_handler()

        async def guarded_handler(request: Request) -> Response:
            return await guarded(request, lambda: handler(request))

        return guarded_handler


def get_and_head(router: APIRouter, path: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """Declare a public GET route that answers HEAD too."""
    return router.api_route(path, methods=["GET", "HEAD"], include_in_schema=False)
