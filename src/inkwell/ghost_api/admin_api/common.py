"""What every Admin API route shares: Ghost's response headers, the request body, the site.

Admin API answers are never cached (Ghost sends ``no-cache, private...``) and carry
``Content-Version``; refusals are ``GhostError`` values, answered in Ghost's error shape by the
handler the ghost_api feature installs.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from starlette.responses import JSONResponse, Response

from inkwell.content import service as content
from inkwell.core.db import Database
from inkwell.ghost_api.errors import (
    NO_CACHE,
    BadRequestError,
    RequestEntityTooLargeError,
    ValidationError,
)
from inkwell.ghost_api.serializers.context import GHOST_VERSION
from inkwell.render import RenderOptions
from inkwell.settings import Settings

PREFIX = "/ghost/api/admin"
# The versioned prefixes older clients (v2-v4, canary) put before the resource.
VERSIONED_PREFIXES = tuple(f"/ghost/api/{v}/admin" for v in ("v2", "v3", "v4", "canary"))

# Ghost's limit for a JSON body.
MAX_JSON_BYTES = 50 * 1024 * 1024

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
    """The request's JSON body; BadRequestError when it is not JSON, RequestEntityTooLargeError
    past ``MAX_JSON_BYTES`` (read no further: a huge body is never held in memory)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_JSON_BYTES:
        raise RequestEntityTooLargeError()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_JSON_BYTES:
            raise RequestEntityTooLargeError()
        chunks.append(chunk)
    raw = b"".join(chunks)
    try:
        body = json.loads(raw or b"null")
    except ValueError as exc:
        raise BadRequestError(
            "The request body is not valid JSON.", context=f"JSON error at {exc}"
        ) from None
    where = _unstorable_text(body, "")
    if where is not None:
        raise ValidationError(
            "Validation error, cannot save the request body.",
            property=where or "body",
            context="Text holds a NUL character or an unpaired surrogate (\\u0000, \\ud800), "
            "which cannot be stored.",
        )
    return body


def _unstorable_text(value: Any, path: str) -> str | None:
    """The path (``posts.0.title``) of the first string no database can store, if any.

    JSON may spell NUL and lone UTF-16 surrogates; PostgreSQL refuses NUL in text and
    neither database can encode a lone surrogate, so such a body would fail mid-write.
    """
    if isinstance(value, str):
        return None if _storable(value) else path
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        inner = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and not _storable(key):
            return inner
        found = _unstorable_text(item, inner)
        if found is not None:
            return found
    return None


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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


def filter_refused(exc: Exception) -> BadRequestError:
    """Ghost's answer to a filter naming a field or value that cannot be filtered on."""
    return BadRequestError("Error parsing filter", context=str(exc), property="filter")
