"""The Content API's answers: Ghost's compact JSON with Ghost's headers, cacheable by key.

Every public answer says ``Cache-Control: public, max-age=0`` (the ETag added in front of the
app makes revalidation cheap), may be read from any origin, and is kept by the response
cache under its URL (the key is in it) with tags that drop it when what it shows changes,
or when its key is regenerated or deleted (``api-key:<key id>``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from inkwell.core.http import declaration
from inkwell.ghost_api.serializers.context import GHOST_VERSION

CONTENT_VERSION = f"v{GHOST_VERSION}"
CACHE_PUBLIC = "public, max-age=0"
JSON = "application/json; charset=utf-8"
# What any Content API answer may show: posts and pages (``feed`` drops with any public one,
# and with tag and author edits), listings, settings.
CONTENT_TAGS = ("settings", "listing", "feed")
API_HEADERS = {
    "Content-Version": CONTENT_VERSION,
    "Vary": "Accept-Version",
    "Access-Control-Allow-Origin": "*",
}


def api_json(
    request: Request, body: dict[str, Any], *, key_tag: str | None, tags: Iterable[str] = ()
) -> Response:
    """``body`` as Ghost sends it, cacheable until one of ``tags`` (or the key's) drops."""
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    response = Response(data, headers={**API_HEADERS, "Cache-Control": CACHE_PUBLIC})
    response.headers["content-type"] = JSON
    if key_tag is not None:
        declaration.cacheable(request, (*CONTENT_TAGS, *tags, key_tag))
    return response


def preflight(request: Request) -> Response:
    """The answer to a browser's CORS preflight: any origin may read the Content API."""
    asked = request.headers.get("access-control-request-headers", "")
    headers = {
        **API_HEADERS,
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Max-Age": "86400",
    }
    if asked:
        headers["Access-Control-Allow-Headers"] = asked
    return Response(status_code=204, headers=headers)
