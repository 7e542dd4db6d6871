"""The accounts pages under ``/admin``: sign in, sign out, password reset, invitations.

HTTP only: each handler reads the form, calls the service in one write transaction, and
answers with a page or a redirect. CSRF and the security headers are the guard's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from inkwell.accounts import emails, links, pages, signin, staff
from inkwell.accounts.sessions import revoke
from inkwell.accounts.web import (
    SIGNIN_PATH,
    clear_session_cookie,
    client_address,
    current_staff,
    safe_next,
    set_session_cookie,
)
from inkwell.content import service as content
from inkwell.core import ratelimit
from inkwell.core.db import Database
from inkwell.core.mail import Mailer, MailError

router = APIRouter(include_in_schema=False)

# Reset requests: a page of 429s for an address that asks too often, and at most a few mails
# per hour to one address (the rest are dropped silently: the answer is the same).
RESET_ADDRESS_LIMIT, RESET_EMAIL_LIMIT = 10, 3
RESET_ADDRESS_WINDOW, RESET_EMAIL_WINDOW = timedelta(minutes=15), timedelta(hours=1)
Field = Annotated[str, Form()]


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _mailer(request: Request) -> Mailer:
    mailer: Mailer = request.app.state.mailer
    return mailer


def _site_url(request: Request) -> str:
    return str(request.app.state.settings.site_url)


def _agent(request: Request) -> str:
    return request.headers.get("user-agent", "")[:255]


def _signed_in_redirect(request: Request, token: str, target: str) -> Response:
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, token)
    return response


@router.get("/admin/signin")
async def signin_page(request: Request, next: str = "") -> Response:
    """The sign-in form (or, when signed in already, where the user was going)."""
    target = safe_next(next)
    if current_staff(request) is not None:
        return RedirectResponse(target, status_code=303)
    return pages.render(request, "signin.html", next=target, email="", error=None)


@router.post("/admin/signin")
async def signin_submit(
    request: Request,
    email: Field = "",
    password: Field = "",
    next: Field = "",
) -> Response:
    """Check the credentials; 303 to ``next`` with the session cookie, else the form again."""
    target = safe_next(next)
    already = current_staff(request)
    try:
        async with _database(request).session(write=True) as session:
            try:
                done = await signin.sign_in(
                    session,
                    email,
                    password,
                    client_address=client_address(request),
                    user_agent=_agent(request),
                )
            except signin.SignInRefused as exc:
                refused: Exception = exc  # the counted failure commits with the session
            else:
                if already is not None:  # signed in again (as someone else?): end the old one
                    await revoke(session, already.session_id)
                return _signed_in_redirect(request, done.token, target)
    except signin.TooManyAttempts as exc:
        response = pages.render(
            request, "signin.html", status_code=429, next=target, email=email, error=str(exc)
        )
        response.headers["Retry-After"] = str(exc.retry_after_seconds)
        return response
    return pages.render(
        request, "signin.html", status_code=401, next=target, email=email, error=str(refused)
    )


@router.post("/admin/signout")
async def signout(request: Request) -> Response:
    """End this browser's session."""
    who = current_staff(request)
    if who is not None:
        async with _database(request).session(write=True) as session:
            await revoke(session, who.session_id)
    response = RedirectResponse(SIGNIN_PATH, status_code=303)
    clear_session_cookie(response, request)
    return response


@router.get("/admin/reset")
async def reset_request_page(request: Request) -> Response:
    """The form asking for the email to send a reset link to."""
    return pages.render(request, "reset_request.html", email="", error=None, field_error=None)


@router.post("/admin/reset")
async def reset_request_submit(request: Request, email: Field = "") -> Response:
    """Send a reset link when the email is a staff member's; the same answer either way."""
    email = email.strip()
    if "@" not in email:
        return pages.render(
            request,
            "reset_request.html",
            status_code=400,
            email=email,
            error=None,
            field_error="Enter the email address you sign in with.",
        )
    address = client_address(request)
    mailer = _mailer(request)
    async with _database(request).session(write=True) as session:
        decision = await ratelimit.check(
            session,
            "reset.address",
            address,
            limit=RESET_ADDRESS_LIMIT,
            window=RESET_ADDRESS_WINDOW,
        )
        if not decision.allowed:
            response = pages.render(
                request,
                "reset_request.html",
                status_code=429,
                email=email,
                field_error=None,
                error="Too many reset requests from here. Try again later.",
            )
            response.headers["Retry-After"] = str(decision.retry_after_seconds)
            return response
        await ratelimit.record(session, "reset.address", address, window=RESET_ADDRESS_WINDOW)
        per_email = await ratelimit.check(
            session,
            "reset.email",
            email.lower(),
            limit=RESET_EMAIL_LIMIT,
            window=RESET_EMAIL_WINDOW,
        )
        token = await links.request_reset(session, email) if per_email.allowed else None
        if token is not None:
            await ratelimit.record(session, "reset.email", email.lower(), window=RESET_EMAIL_WINDOW)
            try:
                title = (await content.load_settings_cached(session)).title
                await emails.send_reset(
                    mailer, to=email, site_url=_site_url(request), site_title=title, token=token
                )
            except MailError:
                # Said the same way as success: the answer must not tell who has an account.
                # The operator finds the failure in the log (core.mail logs it).
                await session.rollback()
    return pages.render(
        request,
        "message.html",
        title="Check your email",
        message=(
            f"If {email} belongs to a staff account, a link to choose a new password is on its "
            "way. It works once, for one hour."
        ),
        notice=emails.outbox_notice(mailer),
        link=(SIGNIN_PATH, "Back to sign in"),
    )


def _expired(request: Request) -> Response:
    return pages.message_page(
        request,
        "Link expired",
        str(links.InvalidLink()),
        status_code=410,
        link=("/admin/reset", "Ask for a new reset link"),
    )


@router.get("/admin/reset/{token}")
async def reset_form(request: Request, token: str) -> Response:
    """The new-password form of a reset link (or why the link no longer works)."""
    async with _database(request).session() as session:
        valid = await links.reset_link_valid(session, token)
    if not valid:
        return _expired(request)
    return pages.render(request, "reset_form.html", token=token, error=None)


@router.post("/admin/reset/{token}")
async def reset_submit(request: Request, token: str, password: Field = "") -> Response:
    """Set the new password, sign out everywhere, and sign in here."""
    try:
        async with _database(request).session(write=True) as session:
            done = await links.complete_reset(
                session,
                token,
                password,
                client_address=client_address(request),
                user_agent=_agent(request),
            )
    except staff.UserInputError as exc:
        error = str(exc)[:1].upper() + str(exc)[1:] + "."
        return pages.render(request, "reset_form.html", status_code=400, token=token, error=error)
    except links.InvalidLink:
        return _expired(request)
    return _signed_in_redirect(request, done.token, "/admin/")


@router.get("/admin/invite/{token}")
async def invite_page(request: Request, token: str) -> Response:
    """The form that accepts an invitation: name and password."""
    async with _database(request).session() as session:
        invitation = await links.invitation(session, token)
    if invitation is None:
        return pages.message_page(
            request,
            "Invitation expired",
            "This invitation has expired or was already used. Ask for a new one.",
            status_code=410,
        )
    return pages.render(
        request, "invite.html", token=token, invitation=invitation, name="", error=None
    )


@router.post("/admin/invite/{token}")
async def invite_submit(
    request: Request, token: str, name: Field = "", password: Field = ""
) -> Response:
    """Create the invited account and sign it in."""
    try:
        async with _database(request).session(write=True) as session:
            invitation = await links.invitation(session, token)
            done = await links.accept_invitation(
                session,
                token,
                name=name,
                password=password,
                client_address=client_address(request),
                user_agent=_agent(request),
            )
    except links.InvalidLink:
        return pages.message_page(
            request,
            "Invitation expired",
            "This invitation has expired or was already used. Ask for a new one.",
            status_code=410,
        )
    except staff.UserInputError as exc:
        message = str(exc)[:1].upper() + str(exc)[1:] + "."
        is_name = "name" in str(exc)
        return pages.render(
            request,
            "invite.html",
            status_code=400,
            token=token,
            invitation=invitation,
            name=name,
            name_error=message if is_name else None,
            password_error=None if is_name else message,
        )
    return _signed_in_redirect(request, done.token, "/admin/")
