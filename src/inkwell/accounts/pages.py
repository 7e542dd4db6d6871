"""The accounts pages' templates (sign-in, reset, invitation, messages) and their stylesheet."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
ASSETS_PATH = "/admin/assets/accounts"


@cache
def environment() -> Environment:
    """The Jinja2 environment of the accounts pages (autoescaped)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(
    request: Request, template: str, *, status_code: int = 200, **values: Any
) -> HTMLResponse:
    """``template`` rendered with ``values``, the CSRF token and the stylesheet's URL."""
    from inkwell.accounts.web import csrf_token

    html = (
        environment()
        .get_template(template)
        .render(csrf_token=csrf_token(request), assets=ASSETS_PATH, **values)
    )
    return HTMLResponse(html, status_code=status_code)


def message_page(
    request: Request,
    title: str,
    message: str,
    *,
    status_code: int = 200,
    link: tuple[str, str] | None = None,
) -> HTMLResponse:
    """A small page that says one thing (a refusal, a link that expired, "mail sent")."""
    return render(
        request, "message.html", status_code=status_code, title=title, message=message, link=link
    )


async def handle_permission_denied(request: Request, exc: Exception) -> Response:
    """PermissionDenied as a 403 (an HTML page for a browser, JSON for a script)."""
    from inkwell.accounts.web import wants_page

    message = str(exc)[:1].upper() + str(exc)[1:] + "."
    if wants_page(request) or "text/html" in request.headers.get("accept", ""):
        return message_page(request, "Not allowed", message, status_code=403)
    return JSONResponse({"error": message}, status_code=403)
