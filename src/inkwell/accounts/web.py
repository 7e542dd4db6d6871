"""The HTTP door of accounts, for the admin and any other feature's staff-only routes.

- ``require_staff`` / ``StaffDep``: the signed-in staff member, or (not signed in) a 303 to
  ``/admin/signin?next=<path>`` for a page, a 401 JSON ``{"error": ...}`` for anything else;
- ``csrf_token(request)``: the token every form of the admin carries as the hidden field
  ``csrf_token`` (scripts send it as the ``X-CSRF-Token`` header; pages also put it in
  ``<meta name="csrf-token">``);
- ``client_address(request)``: the client's address under ``INKWELL_TRUSTED_PROXIES``, on any
  path.

The ``AdminGuard`` middleware (``accounts.guard``) resolves the session, refuses state-changing
requests without a valid token and sets the security headers on every ``/admin/`` response;
what it found is kept in the request's scope under ``SCOPE_KEY`` for the functions here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse, RedirectResponse, Response

from inkwell.accounts import sessions
from inkwell.accounts.permissions import PermissionDenied
from inkwell.accounts.sessions import MAX_AGE, Current, Staff
from inkwell.content import service as content
from inkwell.core.client_address import TrustedProxies
from inkwell.core.client_address import client_address as address_of

SCOPE_KEY = "inkwell.accounts"
SESSION_COOKIE = "inkwell_session"
PRESESSION_COOKIE = "inkwell_csrf"
COOKIE_PATH = "/admin"
# The same session cookie is set a second time for Ghost's Admin API, which accepts the admin's
# session as Ghost's does; never for "/": public pages would become personal and uncacheable.
API_COOKIE_PATH = "/ghost/api/admin"
SESSION_COOKIE_PATHS = (COOKIE_PATH, API_COOKIE_PATH)
# Set beside the session for the whole site: it only says "a staff member reads here", so that
# analytics leaves the owner's own visits out. It carries no secret (anyone may set it to be
# left out of the numbers), and a request with a cookie is never served from the page cache.
STAFF_MARKER_COOKIE = "inkwell_staff"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SIGNIN_PATH = "/admin/signin"


@dataclass
class AdminContext:
    """What the guard learnt about one ``/admin/`` request."""

    client_address: str = ""
    current: Current | None = None
    # The sign-in form's token before there is a session (a double-submit cookie).
    presession: str | None = None
    new_presession: str | None = None
    secure_cookies: bool = False
    extra_cookies: list[str] = field(default_factory=list)


class SignInRequired(Exception):
    """Raised by ``require_staff`` when no one is signed in."""


def admin_context(request: Request) -> AdminContext:
    """The guard's findings for this request (an empty context outside ``/admin/``)."""
    context = request.scope.get(SCOPE_KEY)
    if context is None:
        context = request.scope[SCOPE_KEY] = AdminContext()
    assert isinstance(context, AdminContext)
    return context


def current_staff(request: Request) -> Staff | None:
    """The signed-in staff member, or None."""
    current = admin_context(request).current
    return None if current is None else current.staff


async def session_staff(request: Request) -> Staff | None:
    """The staff member signed in by this request's session cookie, on any path.

    Under ``/admin/`` the guard already resolved it; elsewhere (Ghost's Admin API accepts the
    admin's session too) the cookie is looked up here. None without a valid session.
    """
    found = current_staff(request)
    if found is not None:
        return found
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    database = request.app.state.database
    async with database.session() as session:
        current = await sessions.lookup(session, token)
    if current is None:
        return None
    if sessions.needs_touch(current):
        # Use of the API keeps the session alive, as use of the admin does.
        async with database.session(write=True) as session:
            await sessions.touch(session, current.staff.session_id)
    return current.staff


async def require_staff(request: Request) -> Staff:
    """The signed-in staff member; raises SignInRequired (a redirect or a 401) otherwise."""
    staff = current_staff(request)
    if staff is None:
        raise SignInRequired
    return staff


StaffDep = Annotated[Staff, Depends(require_staff)]
"""The signed-in staff member, for a route of the admin."""


def csrf_token(request: Request) -> str:
    """The CSRF token for forms and scripts of this page (the session's once signed in)."""
    context = admin_context(request)
    if context.current is not None:
        return context.current.csrf_token
    if context.presession is None:
        context.presession = context.new_presession = secrets.token_urlsafe(32)
    return context.presession


def client_address(request: Request) -> str:
    """The client's address (see ``core.client_address``) under ``INKWELL_TRUSTED_PROXIES``.

    The guard computed it for ``/admin/``; on any other path (the comments API, the plain
    comment form) it is worked out here, so that no caller gets "" for a known client.
    """
    found = admin_context(request).client_address
    if found:
        return found
    return address_of(request, _trusted(tuple(request.app.state.settings.trusted_proxies)))


@lru_cache(maxsize=4)
def _trusted(entries: tuple[str, ...]) -> TrustedProxies:
    return TrustedProxies.parse(entries)


def safe_next(target: str | None, default: str = "/admin/") -> str:
    """``target`` when it is a path on this site, else ``default``: never an open redirect."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ord(c) < 0x21 or c in "\\" for c in target):
        return default
    return target


def wants_page(request: Request) -> bool:
    """True when the request is a browser's page load rather than a script's call."""
    if request.method not in ("GET", "HEAD") or request.url.path.startswith("/admin/api/"):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "application/json" not in accept


def signin_redirect(request: Request) -> Response:
    """A 303 to the sign-in page, coming back to this page afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{SIGNIN_PATH}?next={quote(here, safe='/')}", status_code=303)


async def handle_sign_in_required(request: Request, _exc: Exception) -> Response:
    """SignInRequired as a response: the sign-in page for a page load, else a 401."""
    if wants_page(request):
        return signin_redirect(request)
    return JSONResponse({"error": "Sign in first."}, status_code=401)


async def invite_by_email(
    request: Request, session: AsyncSession, staff: Staff, email: str, role: str
) -> str | None:
    """Invite ``email`` as ``role`` and mail them the link, in ``session``'s transaction.

    Returns what to tell the inviter when the mail went to the outbox (else None). Raises
    UserInputError or PermissionDenied (nothing stored), or MailError: the caller's
    transaction must then roll back, so that no invitation exists that no one received.
    """
    from inkwell.accounts import emails, links

    token = await links.invite(session, staff, email, role)
    mailer = request.app.state.mailer
    delivery = await emails.send_invitation(
        mailer,
        to=email.strip(),
        site_url=request.app.state.settings.site_url,
        site_title=(await content.load_settings_cached(session)).title,
        token=token,
        role=role,
        inviter=staff.name,
    )
    return emails.outbox_notice(mailer, delivery)


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    """Put the session token in HttpOnly, SameSite=Lax cookies (Secure under https), one for
    ``/admin`` and one for ``/ghost/api/admin``.

    The cookie outlives a closed browser, as Ghost's does; the server still ends the session
    after ``sessions.IDLE`` without a request."""
    for path in SESSION_COOKIE_PATHS:
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=int(MAX_AGE.total_seconds()),
            path=path,
            httponly=True,
            samesite="lax",
            secure=admin_context(request).secure_cookies,
        )
    response.set_cookie(
        STAFF_MARKER_COOKIE,
        "1",
        max_age=int(MAX_AGE.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=admin_context(request).secure_cookies,
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    """Remove the session cookie, for the admin and for the Admin API alike (and the marker)."""
    for name, path in [(SESSION_COOKIE, p) for p in SESSION_COOKIE_PATHS] + [
        (STAFF_MARKER_COOKIE, "/")
    ]:
        response.delete_cookie(
            name,
            path=path,
            httponly=True,
            samesite="lax",
            secure=admin_context(request).secure_cookies,
        )


__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "STAFF_MARKER_COOKIE",
    "AdminContext",
    "PermissionDenied",
    "SignInRequired",
    "Staff",
    "StaffDep",
    "client_address",
    "csrf_token",
    "current_staff",
    "invite_by_email",
    "require_staff",
    "safe_next",
    "session_staff",
]
