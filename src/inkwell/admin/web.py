"""What every admin page shares: the templates, fingerprinted assets, the page frame (navigation,
the CSRF token, one-line notices) and the route class that turns refusals into pages.

Notices travel in the query string of the redirect after a POST (Post/Redirect/Get) as a key of
``NOTICES``, never as free text, so a link cannot make the admin say something it did not.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from inkwell.accounts.service import PermissionDenied, Staff, can
from inkwell.accounts.web import csrf_token
from inkwell.admin import display
from inkwell.content.service import PostNotFound, TagNotFound

logger = logging.getLogger("inkwell.admin")

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_PREFIX = "/admin/static/"

NOTICES = {
    "saved": "Saved.",
    "created": "Created.",
    "published": "Published.",
    "scheduled": "Scheduled.",
    "unpublished": "Unpublished: the post is a draft again.",
    "deleted": "Deleted.",
    "uploaded": "Uploaded.",
    "restored": "Revision restored; the version before it is kept in the history.",
    "bulk": "Done.",
    "invited": "Invitation sent.",
    "invited-outbox": "No mail server is set up: the invitation was written to the outbox folder "
    "(INKWELL_OUTBOX_DIR) instead of being sent. Pass the link on yourself.",
    "settings": "Settings saved.",
    "password": "Password changed.",
    "signed-out": "Every other session is signed out.",
    "link-created": "Preview link created.",
    "link-revoked": "Preview link revoked.",
    "transferred": "Ownership transferred.",
    "integration-created": "Integration created: give its keys to the script or app that uses it.",
    "content-key-regenerated": "New Content API key made: the old one no longer works.",
    "admin-key-regenerated": "New Admin API key made: the old one no longer works.",
    "webhook-added": "Webhook added.",
    "webhook-deleted": "Webhook deleted.",
    "approved": "Approved: shown to readers.",
    "marked-spam": "Marked as spam: hidden from readers.",
    "removed": "Removed.",
    "comment-edited": "Comment saved.",
    "blocked": "Commenter blocked: they can no longer comment.",
    "unblocked": "Block lifted.",
    "comments-switch": "Comment setting for this post saved.",
    "stats-key-revoked": "Stats API key revoked: it no longer works.",
}


@dataclass(frozen=True)
class NavItem:
    """One entry of the admin's main navigation, shown when ``permission`` is held."""

    label: str
    href: str
    section: str
    permission: str | None = None


NAVIGATION = (
    NavItem("Dashboard", "/admin/", "dashboard"),
    NavItem("Posts", "/admin/posts/", "posts"),
    NavItem("Pages", "/admin/pages/", "pages", "pages.manage"),
    NavItem("Comments", "/admin/comments/", "comments", "comments.moderate"),
    NavItem("Analytics", "/admin/analytics", "analytics", "analytics.view"),
    NavItem("Tags", "/admin/tags/", "tags", "tags.manage"),
    NavItem("Media", "/admin/media/", "media", "media.upload"),
    NavItem("Staff", "/admin/staff/", "staff", "staff.view"),
    NavItem("Settings", "/admin/settings/", "settings", "settings.manage"),
    NavItem("Redirects", "/admin/redirects/", "redirects", "redirects.manage"),
    NavItem("Integrations", "/admin/integrations/", "integrations", "settings.manage"),
)


@lru_cache(maxsize=64)
def _fingerprint(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:10]


def static_url(path: str) -> str:
    """``/admin/static/{path}?v=<hash>``: the hash changes with the file."""
    file = STATIC / path
    stat = file.stat()
    return f"{STATIC_PREFIX}{path}?v={_fingerprint(path, stat.st_mtime_ns, stat.st_size)}"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        # A typo in a template is a loud error in the tests, not a silently empty field.
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static_url"] = static_url
    env.filters["when"] = display.when
    env.filters["local_input"] = display.local_input
    env.filters["status_label"] = display.status_label
    return env


templates = _environment()


def navigation(staff: Staff) -> list[NavItem]:
    """The navigation entries ``staff`` may use."""
    return [item for item in NAVIGATION if item.permission is None or can(staff, item.permission)]


def page(
    request: Request,
    staff: Staff,
    template: str,
    *,
    section: str,
    title: str,
    status_code: int = 200,
    nav_counts: dict[str, int] | None = None,
    **context: Any,
) -> HTMLResponse:
    """An admin page: ``template`` inside the frame (navigation, notice, CSRF token).

    ``nav_counts`` puts a number next to a navigation entry (by section): what waits there."""
    notice = NOTICES.get(request.query_params.get("done", ""))
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "done"]
    request_path = request.url.path + ("?" + urlencode(kept) if kept else "")
    html = templates.get_template(template).render(
        staff=staff,
        csrf_token=csrf_token(request),
        nav=navigation(staff),
        nav_counts=nav_counts or {},
        section=section,
        title=title,
        notice=notice,
        request_path=request_path,
        can=lambda permission, post=None: can(staff, permission, post=post),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def see_other(path: str, *, done: str | None = None, **query: str) -> RedirectResponse:
    """303 to ``path`` (the GET after a POST), with a notice key and other query values."""
    params = {**({"done": done} if done else {}), **{k: v for k, v in query.items() if v}}
    if not path.startswith("/admin/") or path.startswith("//"):
        path = "/admin/"  # only ever back into the admin: never an open redirect
    joiner = "&" if "?" in path else "?"
    target = path + (joiner + urlencode(params) if params else "")
    return RedirectResponse(target, status_code=303)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/admin/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def error_response(request: Request, status_code: int, message: str) -> Response:
    """A refusal as JSON for scripts, as a small admin page for browsers."""
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status_code)
    titles = {400: "Not understood", 403: "Not allowed", 404: "Not found", 409: "Changed elsewhere"}
    html = templates.get_template("error.html").render(
        title=titles.get(status_code, "Something went wrong"), message=message
    )
    return HTMLResponse(html, status_code=status_code)


def _malformed(exc: RequestValidationError) -> tuple[int, str]:
    """A status and one sentence for a request whose path, query or form FastAPI refused.

    A malformed id in the path is a page that does not exist (404); anything else is a 400
    naming the parameter. The value sent is never repeated back."""
    errors = exc.errors()
    first = errors[0] if errors else {}
    loc = [str(part) for part in first.get("loc", ())]
    where, name = (loc[0], loc[-1]) if len(loc) > 1 else ("request", "body")
    if where == "path":
        return 404, f"Nothing here: {name} in this address is not a valid id."
    reason = str(first.get("msg", "is not valid")).rstrip(".")
    return 400, f"The {where} parameter {name} is refused: {reason[:1].lower() + reason[1:]}."


class AdminRoute(APIRoute):
    """An admin route: a refused permission is a 403 page, a missing post or tag a 404 page,
    a malformed path, query or form a 404 or 400 page (never FastAPI's JSON dump)."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        """The usual handler, with refusals answered as pages (or JSON for the API)."""
        handler = super().get_route_handler()

        async def admin_handler(request: Request) -> Response:
            try:
                response: Response = await handler(request)
            except PermissionDenied as exc:
                text = str(exc)
                return error_response(request, 403, text[:1].upper() + text[1:] + ".")
            except (PostNotFound, TagNotFound) as exc:
                return error_response(request, 404, str(exc))
            except RequestValidationError as exc:
                return error_response(request, *_malformed(exc))
            return response

        return admin_handler
