"""The readers' sign-in pages, and how a finished sign-in answers the browser.

Every answer here is personal: ``Cache-Control: no-store``, and ``Referrer-Policy:
no-referrer`` because a sign-in link's page carries its token in the URL.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from inkwell.accounts import reader_policy, reader_returns, reader_sessions, reader_web
from inkwell.accounts.models import Reader
from inkwell.accounts.pages import environment
from inkwell.accounts.readers import view_of
from inkwell.content import service as content

ASSETS_PATH = "/comments/auth/assets"
PRIVATE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def private(response: Response) -> Response:
    """``response`` marked as personal: never cached, never a referrer."""
    response.headers.update(PRIVATE_HEADERS)
    return response


def site_url(request: Request) -> str:
    """This site's address (``INKWELL_SITE_URL``)."""
    return str(request.app.state.settings.site_url)


async def render(
    request: Request,
    session: AsyncSession,
    template: str,
    *,
    status_code: int = 200,
    **values: Any,
) -> Response:
    """``template`` of ``templates/readers`` with the site's title and the stylesheet's URL."""
    title = (await content.load_settings_cached(session)).title
    html = (
        environment()
        .get_template(f"readers/{template}")
        .render(site_title=title, site_home=site_url(request) + "/", assets=ASSETS_PATH, **values)
    )
    return private(HTMLResponse(html, status_code=status_code))


async def message(
    request: Request,
    session: AsyncSession,
    title: str,
    text: str,
    *,
    status_code: int = 200,
    alert: bool = False,
    link: tuple[str, str] | None = None,
    notice: str | None = None,
) -> Response:
    """A page that says one thing: a refusal, a link that expired, "check your email"."""
    return await render(
        request,
        session,
        "message.html",
        status_code=status_code,
        title=title,
        message=text,
        alert=alert,
        link=link,
        notice=notice,
    )


async def signed_in(
    request: Request, session: AsyncSession, reader: Reader, *, return_to: str, origin: str = ""
) -> Response:
    """Open the reader's session and answer: the cookie, then back where they came from.

    A popup (``origin`` set) gets the page that posts the result to its opener; a reader sent
    back to another allowed site gets a second session's token in the URL's fragment, since
    this site's cookie is a third-party one there.
    """
    token = await reader_sessions.create(session, reader.id)
    here = site_url(request)
    response: Response
    if origin:
        elsewhere = origin != reader_returns.origin_of(here)
        handed = await reader_sessions.create(session, reader.id) if elsewhere else ""
        # The avatar the widget shows at once is the one /me will give (Gravatar's if on).
        policy = await reader_policy.current(request.app, session)
        view = view_of(reader, gravatar=policy.gravatar)
        summary = {"id": view.id, "name": view.name, "avatar": view.avatar_url}
        response = await render(
            request,
            session,
            "done.html",
            title="Signed in",
            reader=view,
            reader_json=json.dumps(summary),
            origin=origin,
            token=handed,
            return_to=return_to,
        )
    elif reader_returns.is_elsewhere(return_to, here):
        handed = await reader_sessions.create(session, reader.id)
        response = private(
            RedirectResponse(reader_returns.with_handoff(return_to, handed), status_code=303)
        )
    else:
        response = private(RedirectResponse(return_to, status_code=303))
    reader_web.set_cookie(response, request, token)
    return response
