"""Which sign-in methods readers are offered: only the providers the operator configured, and
only the identities (guest, emailed link, social) the owner left on in the comment settings."""

from __future__ import annotations

from typing import Any

import pytest

from inkwell.accounts.providers import configured
from inkwell.settings import Settings
from tests.accounts.readers.conftest import (
    OidcProvider,
    assert_refused,
    follow_provider,
    github_settings,
    link_in,
    oidc_settings,
)
from tests.accounts.readers.fake_github import FakeGitHub

SIGNIN = "/comments/auth/signin"
GOOGLE = {"oauth_google_client_id": "g-id", "oauth_google_client_secret": "g-secret"}


async def offered(site: Any) -> list[str]:
    """The provider keys the widget is told about."""
    answer = (await site.http.get("/comments/auth/providers")).json()
    return [p["key"] for p in answer["providers"]]


async def test_no_provider_is_offered_when_none_is_configured(make_site: Any) -> None:
    async with make_site() as site:
        assert await offered(site) == []
        assert "Continue with" not in (await site.http.get(SIGNIN)).text


async def test_only_the_configured_provider_is_offered(
    make_site: Any, fake_github: FakeGitHub
) -> None:
    async with make_site(**github_settings(fake_github)) as site:
        assert await offered(site) == ["github"]
        page = (await site.http.get(SIGNIN)).text
    assert "Continue with GitHub" in page
    assert "Google" not in page


async def test_every_configured_provider_is_offered(
    make_site: Any, fake_github: FakeGitHub, oidc: OidcProvider
) -> None:
    settings = {**github_settings(fake_github), **GOOGLE, **oidc_settings(oidc)}
    async with make_site(**settings) as site:
        assert await offered(site) == ["github", "google", "oidc"]


@pytest.mark.parametrize(
    "half",
    [
        {"oauth_github_client_id": "id-only"},
        {"oauth_google_client_secret": "secret-only"},
        {"oidc_issuer": "https://id.example", "oidc_client_id": "no-secret"},
        {"oidc_client_id": "id", "oidc_client_secret": "secret"},
    ],
)
def test_a_half_configured_provider_is_not_offered(half: dict[str, str]) -> None:
    assert configured(Settings(**half)) == {}  # type: ignore[arg-type]


def test_providers_are_configured_by_the_documented_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in {
        "INKWELL_OAUTH_GITHUB_CLIENT_ID": "gh",
        "INKWELL_OAUTH_GITHUB_CLIENT_SECRET": "gh-secret",
        "INKWELL_OAUTH_GOOGLE_CLIENT_ID": "go",
        "INKWELL_OAUTH_GOOGLE_CLIENT_SECRET": "go-secret",
        "INKWELL_OIDC_ISSUER": "https://id.example/",
        "INKWELL_OIDC_CLIENT_ID": "oi",
        "INKWELL_OIDC_CLIENT_SECRET": "oi-secret",
        "INKWELL_OIDC_NAME": "Example ID",
    }.items():
        monkeypatch.setenv(name, value)
    found = configured(Settings())
    assert {key: p.client_id for key, p in found.items()} == {
        "github": "gh",
        "google": "go",
        "oidc": "oi",
    }
    assert (found["oidc"].name, found["oidc"].issuer) == ("Example ID", "https://id.example")


def test_google_is_found_at_its_real_issuer_by_default() -> None:
    google = configured(Settings(**GOOGLE))["google"]  # type: ignore[arg-type]
    assert google.issuer == "https://accounts.google.com"
    assert google.is_oidc


async def test_social_login_switched_off_offers_no_provider(
    make_site: Any, fake_github: FakeGitHub, configure: Any
) -> None:
    await configure(social_login=False)
    async with make_site(**github_settings(fake_github)) as site:
        assert await offered(site) == []
        assert "Continue with GitHub" not in (await site.http.get(SIGNIN)).text


async def test_social_login_switched_off_refuses_to_start(
    make_site: Any, fake_github: FakeGitHub, configure: Any
) -> None:
    await configure(social_login=False)
    async with make_site(**github_settings(fake_github)) as site:
        start = await site.http.get("/comments/auth/github/start")
    assert_refused(start, 403, "This site does not offer social sign-in.")


async def test_magic_link_switched_off_has_no_email_form(make_site: Any, configure: Any) -> None:
    await configure(magic_link=False)
    async with make_site() as site:
        assert (await site.http.get("/comments/auth/providers")).json()["magic_link"] is False
        page = (await site.http.get(SIGNIN)).text
    assert 'action="/comments/auth/email"' not in page
    assert "Signing in is turned off on this site." in page


async def test_magic_link_switched_off_refuses_to_mail_a_link(
    make_site: Any, mail_settings: dict[str, object], smtp_server: Any, configure: Any
) -> None:
    await configure(magic_link=False)
    async with make_site(**mail_settings) as site:
        answer = await site.http.post("/comments/auth/email", json={"email": "ada@mail.example"})
        await site.jobs_done()
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["message"] == "Signing in by email is turned off."
    assert smtp_server.messages == []


async def test_a_link_mailed_before_magic_links_were_switched_off_is_refused(
    make_site: Any, mail_settings: dict[str, object], smtp_server: Any, configure: Any
) -> None:
    async with make_site(**mail_settings) as site:
        await site.http.post("/comments/auth/email", data={"email": "ada@mail.example"})
        await site.jobs_done()
        await configure(magic_link=False)
        link = link_in(smtp_server.messages[-1])
        opened, used = await site.http.get(link), await site.http.post(link)
    assert_refused(opened, 403, "Signing in by email is turned off.")
    assert_refused(used, 403, "Signing in by email is turned off.")


async def test_a_sign_in_started_before_social_login_was_switched_off_is_refused(
    make_site: Any, fake_github: FakeGitHub, configure: Any
) -> None:
    async with make_site(**github_settings(fake_github)) as site:
        start = await site.http.get("/comments/auth/github/start")
        await configure(social_login=False)
        finished = await follow_provider(site.http, start)
    assert_refused(finished, 403, "This site does not offer social sign-in.")
