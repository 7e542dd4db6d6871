"""The reader's session over HTTP: the ``inkwell_reader`` cookie and the ``Reader`` header.

The cookie (HttpOnly, SameSite=Lax, path ``/``, Secure under an https site URL) is set only
once a reader signs in: reading a page never sets one. The widget embedded on another site,
where this site's cookie is a third-party one, sends ``Authorization: Reader <token>`` instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from inkwell.accounts import reader_policy, reader_sessions
from inkwell.accounts.readers import ReaderView, view_of

COOKIE = "inkwell_reader"
HEADER_SCHEME = "reader"


def secure_cookies(request: Request) -> bool:
    """True when the site is served over https (its cookies are then Secure)."""
    return urlsplit(str(request.app.state.settings.site_url)).scheme == "https"


def sent_token(request: Request) -> str | None:
    """The reader token this request carries: the ``Reader`` header first, else the cookie."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == HEADER_SCHEME and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE) or None


def uses_header(request: Request) -> bool:
    """True when the request authenticates with the header (no cookie, so no CSRF risk)."""
    scheme = request.headers.get("authorization", "").partition(" ")[0]
    return scheme.lower() == HEADER_SCHEME


async def current_reader(session: AsyncSession, request: Request) -> ReaderView | None:
    """The signed-in reader of this request (cookie or header), or None."""
    found = await reader_sessions.lookup(session, sent_token(request))
    if found is None:
        return None
    if reader_sessions.needs_touch(found):
        async with request.app.state.database.session(write=True) as writing:
            await reader_sessions.touch(writing, found.session_id)
    policy = await reader_policy.current(request.app, session)
    return view_of(found.reader, gravatar=policy.gravatar)


def set_cookie(response: Response, request: Request, token: str) -> None:
    """Sign this browser in: the session token in the reader cookie."""
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(reader_sessions.MAX_AGE.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )


def clear_cookie(response: Response, request: Request) -> None:
    """Sign this browser out (the cookie goes)."""
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookies(request)
    )
