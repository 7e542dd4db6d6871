"""Signing in with an OpenID Connect provider, end to end against a real one running locally
(oauth2-mock-server): discovery, PKCE, state, nonce and the ID token's checks, on SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from httpx import AsyncClient, Response

from inkwell.accounts.oauth_state import COOKIE as FLIGHT_COOKIE
from inkwell.accounts.reader_web import COOKIE as READER_COOKIE
from tests.accounts.readers.conftest import (
    OIDC_CLIENT_ID,
    SITE,
    OidcProvider,
    assert_refused,
    cookie_named,
    follow_provider,
    oidc_settings,
    query_of,
    reader_cookie_set,
)
from tests.compat.conftest import free_port

START = "/comments/auth/oidc/start"
CALLBACK = "/comments/auth/oidc/callback"


async def sign_in(http: AsyncClient, return_to: str = "/blog/") -> Response:
    """Start a sign-in and walk it through the provider back to our callback's answer."""
    start = await http.get(START, params={"return_to": return_to})
    return await follow_provider(http, start)


async def provider_answer(http: AsyncClient, **changes: str) -> Response:
    """Start a sign-in, let the provider answer, then call back with ``changes`` to its query."""
    start = await http.get(START)
    async with httpx.AsyncClient() as outside:
        authorized = await outside.get(start.headers["location"])
    answer = query_of(authorized.headers["location"])
    answer.update(changes)
    return await http.get(CALLBACK, params={k: v for k, v in answer.items() if v != "-"})


@pytest.fixture
async def site(make_site: Any, oidc: OidcProvider) -> Any:
    """An app whose generic OpenID Connect provider is the local one."""
    async with make_site(**oidc_settings(oidc)) as running:
        yield running


async def test_the_signin_page_offers_the_provider_by_its_configured_name(site: Any) -> None:
    page = await site.http.get("/comments/auth/signin")
    assert "Continue with Test ID" in page.text
    assert f'href="{START}?' in page.text


async def test_start_sends_the_browser_to_the_discovered_authorize_endpoint(
    site: Any, oidc: OidcProvider
) -> None:
    start = await site.http.get(START)
    assert start.status_code == 303
    assert start.headers["location"].startswith(oidc.issuer + "/authorize?")


async def test_start_asks_for_a_code_with_pkce_state_and_nonce(site: Any) -> None:
    asked = query_of((await site.http.get(START)).headers["location"])
    assert asked["response_type"] == "code"
    assert asked["client_id"] == OIDC_CLIENT_ID
    assert asked["redirect_uri"] == SITE + CALLBACK
    assert asked["code_challenge_method"] == "S256"
    assert len(asked["code_challenge"]) == 43
    assert len(asked["state"]) >= 32
    assert len(asked["nonce"]) >= 32
    assert set(asked["scope"].split()) == {"openid", "email", "profile"}


async def test_two_sign_ins_get_different_state_and_nonce(site: Any) -> None:
    first = query_of((await site.http.get(START)).headers["location"])
    second = query_of((await site.http.get(START)).headers["location"])
    assert first["state"] != second["state"]
    assert first["nonce"] != second["nonce"]
    assert first["code_challenge"] != second["code_challenge"]


async def test_start_keeps_the_sign_in_in_a_cookie_for_the_auth_paths_only(site: Any) -> None:
    start = await site.http.get(START)
    flight = cookie_named(start, FLIGHT_COOKIE).lower()
    assert "path=/comments/auth" in flight
    assert "httponly" in flight
    assert not reader_cookie_set(start)


async def test_signing_in_sets_the_reader_cookie_and_returns_where_the_reader_was(
    site: Any,
) -> None:
    done = await sign_in(site.http, return_to="/blog/a-post/")
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/blog/a-post/"
    cookie = cookie_named(done, READER_COOKIE).lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


async def test_the_signed_in_reader_is_who_the_id_token_names(site: Any) -> None:
    await sign_in(site.http)
    me = (await site.http.get("/comments/auth/me")).json()["reader"]
    assert me["name"] == "Grace Hopper"
    assert me["provider"] == "oidc"
    assert me["email_verified"] is True


async def test_signing_in_again_finds_the_same_reader(site: Any) -> None:
    await sign_in(site.http)
    first = (await site.http.get("/comments/auth/me")).json()["reader"]["id"]
    site.http.cookies.clear()
    await sign_in(site.http)
    assert (await site.http.get("/comments/auth/me")).json()["reader"]["id"] == first


async def test_the_finished_sign_in_forgets_its_in_flight_cookie(site: Any) -> None:
    done = await sign_in(site.http)
    assert "max-age=0" in cookie_named(done, FLIGHT_COOKIE).lower()


async def test_an_unverified_email_is_kept_as_unverified(site: Any, oidc: OidcProvider) -> None:
    oidc.misbehave("unverified-email")
    await sign_in(site.http)
    assert (await site.http.get("/comments/auth/me")).json()["reader"]["email_verified"] is False


async def test_a_tampered_state_is_refused(site: Any) -> None:
    answer = await provider_answer(site.http, state="x" * 43)
    assert_refused(answer, 400, "does not belong to the sign-in started in this browser")


async def test_a_missing_state_is_refused(site: Any) -> None:
    answer = await provider_answer(site.http, state="-")
    assert_refused(answer, 400, "does not belong to the sign-in started in this browser")


async def test_a_callback_without_a_sign_in_in_this_browser_is_refused(site: Any) -> None:
    answer = await site.http.get(CALLBACK, params={"code": "a-code", "state": "a-state"})
    assert_refused(answer, 400, "no sign-in is in progress in this browser")


async def test_a_forged_in_flight_cookie_is_refused(site: Any) -> None:
    site.http.cookies.set(FLIGHT_COOKIE, "forged.value", domain="blog.test")
    answer = await site.http.get(CALLBACK, params={"code": "a-code", "state": "a-state"})
    assert_refused(answer, 400, "expired or was altered")


async def test_a_replayed_callback_is_refused(site: Any) -> None:
    start = await site.http.get(START)
    async with httpx.AsyncClient() as outside:
        back = (await outside.get(start.headers["location"])).headers["location"]
    assert (await site.http.get(back.removeprefix(SITE))).status_code == 303
    site.http.cookies.clear()
    assert_refused(await site.http.get(back.removeprefix(SITE)), 400, "Start again")


@pytest.mark.parametrize("mode", ["wrong-nonce", "no-nonce"])
async def test_an_id_token_without_this_sign_ins_nonce_is_refused(
    site: Any, oidc: OidcProvider, mode: str
) -> None:
    oidc.misbehave(mode)
    assert_refused(await sign_in(site.http), 400, "its ID token did not pass the checks")


@pytest.mark.parametrize("mode", ["wrong-audience", "wrong-issuer", "expired"])
async def test_an_id_token_not_for_us_or_out_of_date_is_refused(
    site: Any, oidc: OidcProvider, mode: str
) -> None:
    oidc.misbehave(mode)
    assert_refused(await sign_in(site.http), 400, "its ID token did not pass the checks")


async def test_an_id_token_with_a_broken_signature_is_refused(
    site: Any, oidc: OidcProvider
) -> None:
    oidc.misbehave("tampered-id-token")
    assert_refused(await sign_in(site.http), 400, "its ID token did not pass the checks")


async def test_a_token_answer_without_an_id_token_is_refused(site: Any, oidc: OidcProvider) -> None:
    oidc.misbehave("no-id-token")
    assert_refused(await sign_in(site.http), 400, "no ID token came back")


async def test_a_code_the_provider_refuses_is_explained(site: Any, oidc: OidcProvider) -> None:
    oidc.misbehave("token-error")
    assert_refused(await sign_in(site.http), 400, "the sign-in code was not accepted")


async def test_denied_consent_says_the_reader_is_not_signed_in(
    site: Any, oidc: OidcProvider
) -> None:
    oidc.misbehave("deny")
    denied = await sign_in(site.http)
    assert_refused(denied, 403, "You did not allow Test ID to tell us who you are")
    assert "Sign-in cancelled" in denied.text


async def test_a_provider_error_is_named_in_a_human_message(site: Any) -> None:
    answer = await provider_answer(site.http, code="-", error="temporarily_unavailable")
    assert_refused(
        answer, 502, "Test ID could not sign you in (it answered “temporarily_unavailable”)"
    )


async def test_a_provider_error_that_is_not_a_code_is_not_echoed(site: Any) -> None:
    answer = await provider_answer(site.http, code="-", error="<script>alert(1)</script>")
    assert_refused(answer, 502, "it answered “unknown”")
    assert "<script>alert" not in answer.text


async def test_a_provider_that_does_not_answer_is_explained(
    make_site: Any, oidc: OidcProvider
) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    async with make_site(**oidc_settings(oidc, oidc_issuer=nowhere)) as down:
        start = await down.http.get(START)
    assert_refused(start, 502, "Test ID could not be reached")


async def test_google_signs_in_through_the_issuer_it_is_pointed_at(
    make_site: Any, oidc: OidcProvider
) -> None:
    google = {
        "oauth_google_client_id": OIDC_CLIENT_ID,
        "oauth_google_client_secret": "google-secret",
        "oauth_google_issuer": oidc.issuer,
        "fetch_allowed_hosts": "localhost,127.0.0.1",
    }
    async with make_site(**google) as running:
        start = await running.http.get("/comments/auth/google/start")
        assert query_of(start.headers["location"])["redirect_uri"] == (
            SITE + "/comments/auth/google/callback"
        )
        assert (await follow_provider(running.http, start)).status_code == 303
        me = (await running.http.get("/comments/auth/me")).json()["reader"]
    assert (me["provider"], me["name"]) == ("google", "Grace Hopper")


async def test_a_provider_that_is_not_configured_is_not_found(site: Any) -> None:
    start = await site.http.get("/comments/auth/github/start")
    assert_refused(start, 404, "is not set up here")


async def test_a_provider_on_an_address_not_allowed_is_not_contacted(
    make_site: Any, oidc: OidcProvider
) -> None:
    # By its address, not the issuer's name: discovery by that name may be remembered already.
    loopback = f"http://127.0.0.1:{oidc.port}"
    async with make_site(
        **oidc_settings(oidc, oidc_issuer=loopback, fetch_allowed_hosts="")
    ) as guarded:
        start = await guarded.http.get(START)
    assert_refused(start, 502, "Test ID could not be reached")


async def test_a_discovery_document_naming_another_issuer_is_refused(
    make_site: Any, oidc: OidcProvider
) -> None:
    # The provider calls itself http://localhost:PORT; asked as 127.0.0.1, it names another.
    async with make_site(**oidc_settings(oidc, oidc_issuer=f"http://127.0.0.1:{oidc.port}")) as odd:
        start = await odd.http.get(START)
    assert_refused(start, 400, "its discovery document names another issuer")
