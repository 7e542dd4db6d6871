"""Small HTTP helpers of the readers' routes: same-site checks, CORS for the widget embedded on
an allowed site, JSON errors, the client's address."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from inkwell.accounts.reader_policy import ReaderPolicy
from inkwell.accounts.reader_returns import allowed_origin, origin_of
from inkwell.core.client_address import TrustedProxies, client_address

CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Authorization, Content-Type"


def site_url(request: Request) -> str:
    """This site's address (``INKWELL_SITE_URL``)."""
    return str(request.app.state.settings.site_url)


def address(request: Request) -> str:
    """The client's address under ``INKWELL_TRUSTED_PROXIES``."""
    trusted = TrustedProxies.parse(request.app.state.settings.trusted_proxies)
    return client_address(request, trusted)


def from_this_site(request: Request) -> bool:
    """False for a request another site's page made the browser send (a forged form)."""
    fetched_from = request.headers.get("sec-fetch-site", "").lower()
    if fetched_from == "cross-site":
        return False
    if fetched_from == "same-origin":
        # A browser's own word (no page can set it); the Origin is "null" on a form posted
        # from a no-referrer page, such as the emailed link's.
        return True
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and request.method == "GET"):
        return True
    origin = origin.strip().lower()
    host = request.headers.get("host", "").lower()
    return origin == origin_of(site_url(request)) or (
        bool(host) and origin in (f"http://{host}", f"https://{host}")
    )


def embedding_origin(request: Request, policy: ReaderPolicy) -> str:
    """The request's ``Origin`` when it is another site allowed to embed comments, else ""."""
    origin = request.headers.get("origin", "")
    found = allowed_origin(origin, site_url=site_url(request), allowed=policy.allowed_origins)
    return found if found and found != origin_of(site_url(request)) else ""


def with_cors(response: Response, origin: str) -> Response:
    """``response`` readable by the widget on ``origin`` (no credentials: it sends a header)."""
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = "600"
    response.headers["Vary"] = "Origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def errors(message: str, status: int, field: str | None = None) -> JSONResponse:
    """The JSON error shape of the comments API: ``{"errors": [{"message", "field"}]}``."""
    return JSONResponse({"errors": [{"message": message, "field": field}]}, status_code=status)


def wants_json(request: Request) -> bool:
    """True when the request was sent as JSON (the widget), not as a form."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/json"
