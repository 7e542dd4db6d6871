"""What every Admin API route shares: Ghost's response headers, the request body, the site.

Admin API answers are never cached (Ghost sends ``no-cache, private...``) and carry
``Content-Version``; refusals are ``GhostError`` values answered in Ghost's error shape by the
handler ``install_error_handler`` registers.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse, Response

from inkwell.content import service as content
from inkwell.core.db import Database
from inkwell.ghost_api.errors import NO_CACHE, BadRequestError, GhostError, error_response
from inkwell.ghost_api.serializers.context import GHOST_VERSION
from inkwell.render import RenderOptions
from inkwell.settings import Settings

PREFIX = "/ghost/api/admin"
# The versioned prefixes older clients (v2-v4, canary) put before the resource.
VERSIONED_PREFIXES = tuple(f"/ghost/api/{v}/admin" for v in ("v2", "v3", "v4", "canary"))

HEADERS = {
    "Cache-Control": NO_CACHE,
    "Content-Version": f"v{GHOST_VERSION}",
    "Vary": "Accept-Version, Origin, Accept-Encoding",
}


def answer(body: dict[str, Any], status: int = 200) -> JSONResponse:
    """A JSON answer with the Admin API's headers."""
    return JSONResponse(body, status_code=status, headers=HEADERS)


def no_content() -> Response:
    """Ghost's answer to a delete: 204, no body."""
    return Response(status_code=204, headers=HEADERS)


async def read_json(request: Request) -> Any:
    """The request's JSON body; BadRequestError when it is not JSON."""
    raw = await request.body()
    try:
        return json.loads(raw or b"null")
    except ValueError as exc:
        raise BadRequestError(
            "The request body is not valid JSON.", context=f"JSON error at {exc}"
        ) from None


def database(request: Request) -> Database:
    """The application's database."""
    found: Database = request.app.state.database
    return found


def settings_of(request: Request) -> Settings:
    """The application's settings."""
    found: Settings = request.app.state.settings
    return found


async def render_options(session: Any, settings: Settings) -> RenderOptions:
    """How this site renders a post's HTML (with the sizes of its own images)."""
    site = await content.load_settings_cached(session)
    return content.render_options(site, settings.site_url)


def _ghost_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GhostError)
    return error_response(exc, {"Content-Version": HEADERS["Content-Version"]})


def install_error_handler(app: FastAPI) -> None:
    """Answer every GhostError in Ghost's error shape (once per application)."""
    if GhostError not in app.exception_handlers:
        app.add_exception_handler(GhostError, _ghost_error)
