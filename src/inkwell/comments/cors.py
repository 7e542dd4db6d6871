"""Cross-origin access to the comments API for the sites the owner allowed (``allowed_origins``).

No credentials: an embedded widget signs readers in with ``Authorization: Reader <token>``,
never with this site's cookie, so a page elsewhere cannot act with a reader's cookie.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from inkwell.comments.settings import CommentSettings

ALLOW_METHODS = "GET, POST, PATCH, DELETE, OPTIONS"
ALLOW_HEADERS = "Content-Type, Authorization, X-Edit-Token"
MAX_AGE = "600"


def allowed_origin(request: Request, settings: CommentSettings) -> str | None:
    """The request's ``Origin`` when it may read the answer, else None."""
    origin = request.headers.get("origin", "").rstrip("/").lower()
    if origin and origin in settings.allowed_origins:
        return origin
    return None


def add_cors(response: Response, request: Request, settings: CommentSettings) -> Response:
    """Let an allowed origin read ``response`` (and caches know the answer varies)."""
    response.headers.append("Vary", "Origin")
    origin = allowed_origin(request, settings)
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "Retry-After"
    return response


def preflight(request: Request, settings: CommentSettings) -> Response:
    """The answer to an ``OPTIONS`` preflight: allowed origins get the methods and headers."""
    response = Response(status_code=204)
    add_cors(response, request, settings)
    if "Access-Control-Allow-Origin" in response.headers:
        response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
        response.headers["Access-Control-Max-Age"] = MAX_AGE
    return response
