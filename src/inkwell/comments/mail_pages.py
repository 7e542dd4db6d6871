"""The small pages behind the links in comment emails: confirm, done, refused.

They carry a secret token in their path, so they are never cached or indexed, send no
Referer onwards (the token would leak to the next site), load nothing from elsewhere and
cannot be framed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import HTMLResponse

from inkwell.comments.emails import TEMPLATES
from inkwell.content import service as content

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


async def render(
    request: Request,
    session: AsyncSession,
    template: str,
    *,
    title: str,
    status_code: int = 200,
    **values: Any,
) -> HTMLResponse:
    """``template`` as a page of this site, with the headers every such page needs."""
    site = await content.load_settings_cached(session)
    html = (
        _environment()
        .get_template(template)
        .render(
            title=title,
            site_title=site.title,
            site_url=request.app.state.settings.site_url,
            **values,
        )
    )
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


async def notice(
    request: Request,
    session: AsyncSession,
    title: str,
    message: str,
    *,
    status_code: int = 200,
    error: bool = False,
    link: tuple[str, str] | None = None,
    form: tuple[str, str] | None = None,
) -> HTMLResponse:
    """A page that says one thing (done, refused, expired), maybe with a link or a button."""
    return await render(
        request,
        session,
        "notice.html",
        title=title,
        status_code=status_code,
        message=message,
        status="error" if error else "ok",
        link=link,
        form=form,
    )


def masked(email: str) -> str:
    """``email`` with most of its local part hidden (``j…@example.org``)."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"
