"""Readers' routes under ``/comments/auth``: the sign-in page, the emailed link, who is signed
in, signing out. HTTP only: each handler reads the request, calls accounts' modules in one
transaction, and answers with a page, a redirect or JSON. Sign-in with a provider is in
``oauth_routes``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse, RedirectResponse, Response

from inkwell.accounts import magic_links, reader_pages, reader_policy, reader_sessions, reader_web
from inkwell.accounts.providers import reader_providers
from inkwell.accounts.reader_http import (
    address,
    embedding_origin,
    errors,
    from_this_site,
    site_url,
    wants_json,
    with_cors,
)
from inkwell.accounts.reader_policy import ReaderPolicy
from inkwell.accounts.reader_returns import allowed_origin, safe_return
from inkwell.content import service as content
from inkwell.core.db import Database

router = APIRouter(prefix="/comments/auth", include_in_schema=False)
SIGNIN = "/comments/auth/signin"
MAX_FORM = 16 * 1024
FORGED = "This form did not come from this site. Open the sign-in page and try again."
EMAIL_OFF = "Signing in by email is turned off."


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _return_to(request: Request, policy: ReaderPolicy, target: str | None) -> str:
    return safe_return(target, site_url=site_url(request), allowed=policy.allowed_origins)


@router.get("/signin")
async def signin_page(request: Request, return_to: str = "", origin: str = "") -> Response:
    """The providers the owner turned on and the email form (no cookie is set here)."""
    async with _database(request).session() as session:
        policy = await reader_policy.current(request.app, session)
        return await _signin(request, session, policy, return_to, origin)


async def _signin(
    request: Request,
    session: AsyncSession,
    policy: ReaderPolicy,
    return_to: str | None,
    origin: str | None,
    *,
    status_code: int = 200,
    **values: Any,
) -> Response:
    target = _return_to(request, policy, return_to)
    opener = allowed_origin(origin, site_url=site_url(request), allowed=policy.allowed_origins)
    query = urlencode({"return_to": target, **({"origin": opener} if opener else {})})
    providers = reader_providers(request.app.state.settings) if policy.social_login else []
    values.setdefault("email", "")
    return await reader_pages.render(
        request,
        session,
        "signin.html",
        status_code=status_code,
        providers=providers,
        magic_link=policy.magic_link,
        return_to=target,
        query=query,
        **values,
    )


@router.get("/providers")
async def providers(request: Request) -> Response:
    """For the widget: the sign-in methods on offer."""
    async with _database(request).session() as session:
        policy = await reader_policy.current(request.app, session)
    found = reader_providers(request.app.state.settings) if policy.social_login else []
    body = {
        "providers": [{"key": p.key, "name": p.name, "start_url": p.start_url} for p in found],
        "magic_link": policy.magic_link,
        "signin_url": SIGNIN,
    }
    return with_cors(JSONResponse(body), embedding_origin(request, policy))


@router.options("/{path:path}")
async def preflight(request: Request, path: str) -> Response:
    """CORS preflight for the widget on an allowed site (the Authorization header)."""
    async with _database(request).session() as session:
        policy = await reader_policy.current(request.app, session)
    return with_cors(Response(status_code=204), embedding_origin(request, policy))


@router.get("/me")
async def me(request: Request) -> Response:
    """The signed-in reader as JSON, or 401."""
    async with _database(request).session() as session:
        policy = await reader_policy.current(request.app, session)
        reader = await reader_web.current_reader(session, request)
    cors = embedding_origin(request, policy)
    if reader is None:
        return with_cors(errors("Not signed in.", 401), cors)
    body = {
        "reader": {
            "id": reader.id,
            "name": reader.name,
            "avatar": reader.avatar_url,
            "website": reader.website,
            "provider": reader.provider,
            "email_verified": reader.email_verified,
        }
    }
    return with_cors(JSONResponse(body), cors)


@router.post("/signout")
async def signout(request: Request, return_to: str = "") -> Response:
    """End this reader's session (cookie or header) and forget the cookie."""
    async with _database(request).session(write=True) as session:
        policy = await reader_policy.current(request.app, session)
        cors = embedding_origin(request, policy)
        if not reader_web.uses_header(request) and not from_this_site(request):
            return with_cors(errors(FORGED, 403), cors)
        await reader_sessions.revoke(session, reader_web.sent_token(request))
        target = _return_to(request, policy, return_to)
    response: Response
    if wants_json(request) or reader_web.uses_header(request) or not return_to:
        response = with_cors(JSONResponse({"signed_out": True}), cors)
    else:
        response = reader_pages.private(RedirectResponse(target, status_code=303))
    reader_web.clear_cookie(response, request)
    return response


async def _sent_fields(request: Request) -> dict[str, str]:
    if int(request.headers.get("content-length") or 0) > MAX_FORM:
        return {}
    if wants_json(request):
        try:
            data = await request.json()
        except ValueError:
            return {}
        return (
            {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
        )
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/email")
async def email_link(request: Request) -> Response:
    """Mail a sign-in link; the same answer whether or not the address is known."""
    as_json = wants_json(request)
    async with _database(request).session(write=True) as session:
        policy = await reader_policy.current(request.app, session)
        cors = embedding_origin(request, policy)
        if not (from_this_site(request) or (as_json and cors)):
            return with_cors(errors(FORGED, 403), cors)
        fields = await _sent_fields(request)
        if as_json and not fields:
            return with_cors(errors("Send a JSON object with an email.", 400), cors)
        email = fields.get("email", "").strip()
        target = _return_to(request, policy, fields.get("return_to"))
        if not policy.magic_link:
            return with_cors(errors(EMAIL_OFF, 403, "email"), cors)
        try:
            await magic_links.request_link(
                session,
                email,
                address=address(request),
                site_url=site_url(request),
                site_title=(await content.load_settings_cached(session)).title,
                return_to=target,
            )
        except magic_links.EmailRefused as exc:
            if as_json:
                return with_cors(errors(str(exc), 400, "email"), cors)
            return await _signin(
                request,
                session,
                policy,
                target,
                None,
                status_code=400,
                email=email[:191],
                field_error=str(exc),
            )
        except magic_links.TooManyRequests as exc:
            if as_json:
                response: Response = with_cors(errors(str(exc), 429), cors)
            else:
                response = await _signin(
                    request, session, policy, target, None, status_code=429, error=str(exc)
                )
            response.headers["Retry-After"] = str(exc.retry_after_seconds)
            return response
        sent = (
            f"If {email.lower()} can receive mail, a sign-in link is on its way. "
            "It works once, for 30 minutes."
        )
        if as_json:
            return with_cors(JSONResponse({"sent": True, "message": sent}, status_code=202), cors)
        return await reader_pages.message(
            request, session, "Check your email", sent, link=(target, "Back")
        )


async def _email_off(request: Request, session: AsyncSession) -> Response:
    # A link mailed before the owner switched emailed links off works no more.
    return await reader_pages.message(
        request, session, "Request refused", EMAIL_OFF, status_code=403, alert=True
    )


async def _expired(request: Request, session: AsyncSession) -> Response:
    return await reader_pages.message(
        request,
        session,
        "Link expired",
        str(magic_links.LinkInvalid()),
        status_code=410,
        alert=True,
        link=(SIGNIN, "Ask for a new link"),
    )


@router.get("/email/{token}")
async def email_confirm(request: Request, token: str, return_to: str = "") -> Response:
    """The page behind the emailed link: a button signs in (opening the link alone does not)."""
    async with _database(request).session() as session:
        policy = await reader_policy.current(request.app, session)
        if not policy.magic_link:
            return await _email_off(request, session)
        pending = await magic_links.pending(session, token)
        if pending is None:
            return await _expired(request, session)
        target = _return_to(request, policy, return_to)
        action = f"/comments/auth/email/{token}?" + urlencode({"return_to": target})
        return await reader_pages.render(
            request, session, "confirm.html", title="Sign in", pending=pending, action=action
        )


@router.post("/email/{token}")
async def email_signin(request: Request, token: str, return_to: str = "") -> Response:
    """Use the emailed link: sign in, set the cookie, go back where the reader was."""
    async with _database(request).session(write=True) as session:
        if not from_this_site(request):
            return await reader_pages.message(
                request, session, "Request refused", FORGED, status_code=403, alert=True
            )
        policy = await reader_policy.current(request.app, session)
        if not policy.magic_link:
            return await _email_off(request, session)
        fields = await _sent_fields(request)
        try:
            reader = await magic_links.sign_in(session, token, name=fields.get("name", ""))
        except magic_links.LinkInvalid:
            return await _expired(request, session)
        target = _return_to(request, policy, return_to)
        return await reader_pages.signed_in(request, session, reader, return_to=target)
