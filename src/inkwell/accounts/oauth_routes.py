"""Signing in with GitHub, Google or the configured OpenID Connect provider:
``/comments/auth/{provider}/start`` sends the browser to the provider, ``.../callback`` is where
it comes back. HTTP only: the protocol is ``oauth``, the in-flight state ``oauth_state``.

Whatever goes wrong (consent denied, a provider error, a forged or stale callback, a provider
that does not answer) ends on a page that says so with a fitting status, never a traceback.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import RedirectResponse, Response

from inkwell.accounts import oauth, oauth_state, reader_pages, reader_policy, readers
from inkwell.accounts.providers import Provider, configured
from inkwell.accounts.reader_http import site_url
from inkwell.accounts.reader_returns import allowed_origin, safe_return
from inkwell.accounts.reader_web import secure_cookies
from inkwell.core.db import Database
from inkwell.core.fetch import guarded_client

router = APIRouter(prefix="/comments/auth", include_in_schema=False)
SIGNIN = "/comments/auth/signin"
_ERROR_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,60}$")


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _provider(request: Request, key: str) -> Provider | None:
    return configured(request.app.state.settings).get(key)


def _http(request: Request) -> httpx.AsyncClient:
    return guarded_client(
        allowed_hosts=request.app.state.settings.fetch_allowed_hosts, time_limit=15.0
    )


async def _failed(
    request: Request,
    session: AsyncSession,
    failure: oauth.ProviderFailed,
    *,
    return_to: str = "/",
) -> Response:
    again = SIGNIN + "?" + urlencode({"return_to": return_to})
    response = await reader_pages.message(
        request,
        session,
        failure.title,
        failure.message,
        status_code=failure.status,
        alert=True,
        link=(again, "Try again"),
    )
    _forget_flight(response, request)
    return response


def _forget_flight(response: Response, request: Request) -> None:
    response.delete_cookie(
        oauth_state.COOKIE,
        path=oauth_state.PATH,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )


def _social_off() -> oauth.ProviderFailed:
    return oauth.ProviderFailed(
        "Social sign-in is off", "This site does not offer social sign-in.", 403
    )


def _unknown(key: str) -> oauth.ProviderFailed:
    return oauth.ProviderFailed(
        "Unknown sign-in provider", f"Signing in with {key[:40]!r} is not set up here.", 404
    )


@router.get("/{key}/start")
async def start(request: Request, key: str, return_to: str = "", origin: str = "") -> Response:
    """Send the browser to the provider's sign-in page (the state kept in a signed cookie)."""
    async with _database(request).session() as session:
        provider = _provider(request, key)
        if provider is None:
            return await _failed(request, session, _unknown(key))
        policy = await reader_policy.current(request.app, session)
        here = site_url(request)
        target = safe_return(return_to, site_url=here, allowed=policy.allowed_origins)
        if not policy.social_login:
            return await _failed(request, session, _social_off(), return_to=target)
        opener = allowed_origin(origin, site_url=here, allowed=policy.allowed_origins)
        flight = oauth.new_flight(provider, target, opener)
        try:
            async with _http(request) as http:
                url = await oauth.authorization_url(http, provider, flight, site_url=here)
        except oauth.ProviderFailed as failure:
            return await _failed(request, session, failure, return_to=target)
    response = reader_pages.private(RedirectResponse(url, status_code=303))
    response.set_cookie(
        oauth_state.COOKIE,
        oauth_state.dump(flight, provider.client_secret),
        max_age=oauth_state.MAX_AGE_SECONDS,
        path=oauth_state.PATH,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )
    return response


def _provider_error(provider: Provider, error: str) -> oauth.ProviderFailed:
    if error == "access_denied":
        return oauth.denied(provider)
    code = error if _ERROR_CODE.match(error) else "unknown"
    return oauth.ProviderFailed(
        "Sign-in failed",
        f"{provider.name} could not sign you in (it answered “{code}”). Try again later.",
        502,
    )


@router.get("/{key}/callback")
async def callback(
    request: Request, key: str, code: str = "", state: str = "", error: str = ""
) -> Response:
    """Where the provider sends the browser back: check, learn who it is, sign in."""
    async with _database(request).session(write=True) as session:
        provider = _provider(request, key)
        if provider is None:
            return await _failed(request, session, _unknown(key))
        # Switched off since this sign-in started: it does not finish either.
        if not (await reader_policy.current(request.app, session)).social_login:
            return await _failed(request, session, _social_off())
        try:
            flight = oauth_state.load(
                request.cookies.get(oauth_state.COOKIE), provider.client_secret, provider.key
            )
        except oauth_state.StateRefused as exc:
            stale = oauth.ProviderFailed(
                "Sign-in expired", f"This sign-in cannot be finished: {exc}. Start again.", 400
            )
            if error:
                stale = _provider_error(provider, error)
            return await _failed(request, session, stale)
        if error:
            failure = _provider_error(provider, error)
            return await _failed(request, session, failure, return_to=flight.return_to)
        if not oauth.state_matches(flight, state) or not code:
            forged = oauth.ProviderFailed(
                "Sign-in refused",
                "This sign-in answer does not belong to the sign-in started in this browser. "
                "Start again.",
                400,
            )
            return await _failed(request, session, forged, return_to=flight.return_to)
        try:
            async with _http(request) as http:
                who = await oauth.identity(http, provider, flight, code, site_url=site_url(request))
        except oauth.ProviderFailed as failure:
            return await _failed(request, session, failure, return_to=flight.return_to)
        reader = await readers.sign_up_or_in(session, who)
        response = await reader_pages.signed_in(
            request, session, reader, return_to=flight.return_to, origin=flight.origin
        )
    _forget_flight(response, request)
    return response
