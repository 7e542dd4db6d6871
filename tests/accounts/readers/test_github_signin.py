"""Signing in with GitHub (plain OAuth 2 and its user API) through the local GitHub-like server,
on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from inkwell.accounts import readers
from inkwell.core.db import Database
from tests.accounts.readers.conftest import (
    assert_refused,
    follow_provider,
    github_settings,
    query_of,
)
from tests.accounts.readers.fake_github import CLIENT_SECRET, FakeGitHub

START = "/comments/auth/github/start"


@pytest.fixture
async def site(make_site: Any, fake_github: FakeGitHub) -> Any:
    """An app whose GitHub sign-in goes to the fake."""
    async with make_site(**github_settings(fake_github)) as running:
        yield running


async def sign_in(site: Any) -> Any:
    """Sign in with GitHub; the callback's answer."""
    return await follow_provider(site.http, await site.http.get(START))


async def me(site: Any) -> dict[str, Any]:
    """Who ``/me`` says is signed in."""
    reader: dict[str, Any] = (await site.http.get("/comments/auth/me")).json()["reader"]
    return reader


async def test_start_sends_the_browser_to_githubs_authorize_page(
    site: Any, fake_github: FakeGitHub
) -> None:
    start = await site.http.get(START)
    assert start.headers["location"].startswith(fake_github.url + "/login/oauth/authorize?")
    asked = query_of(start.headers["location"])
    assert asked["code_challenge_method"] == "S256"
    assert "nonce" not in asked  # plain OAuth 2: no ID token to carry one


async def test_signing_in_with_github_names_the_reader_from_the_user_api(site: Any) -> None:
    assert (await sign_in(site)).status_code == 303
    found = await me(site)
    assert (found["provider"], found["name"]) == ("github", "Octo Cat")


async def test_githubs_blog_field_becomes_a_web_address(site: Any) -> None:
    await sign_in(site)
    assert (await me(site))["website"] == "https://octo.example"


async def test_the_primary_verified_email_is_the_readers(site: Any, database: Database) -> None:
    await sign_in(site)
    assert (await me(site))["email_verified"] is True
    async with database.session() as session:
        reader = await readers.get(session, (await me(site))["id"])
    assert reader is not None and reader.email == "octo@mail.example"


async def test_without_a_verified_email_the_reader_has_none(
    site: Any, fake_github: FakeGitHub
) -> None:
    fake_github.emails = [{"email": "octo@mail.example", "primary": True, "verified": False}]
    await sign_in(site)
    assert (await me(site))["email_verified"] is False


async def test_the_code_is_exchanged_with_the_pkce_verifier_and_the_secret(
    site: Any, fake_github: FakeGitHub
) -> None:
    await sign_in(site)
    sent = fake_github.token_requests[-1]
    assert sent["client_secret"] == CLIENT_SECRET
    assert len(sent["code_verifier"]) >= 43


async def test_denied_consent_on_github_is_explained(site: Any, fake_github: FakeGitHub) -> None:
    fake_github.deny = True
    denied = await sign_in(site)
    assert_refused(denied, 403, "You did not allow GitHub to tell us who you are")


async def test_a_code_github_does_not_know_is_refused(site: Any) -> None:
    start = await site.http.get(START)
    state = query_of(start.headers["location"])["state"]
    answer = await site.http.get(
        "/comments/auth/github/callback", params={"code": "made-up", "state": state}
    )
    assert_refused(answer, 400, "the sign-in code was not accepted")
