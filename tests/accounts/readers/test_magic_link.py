"""Signing in by emailed link, through the real local SMTP server, on SQLite and PostgreSQL:
the link works once, expires, cannot be guessed or altered, is rate limited, and only the
confirm page's button signs in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from inkwell.accounts import magic_links, tokens
from inkwell.accounts.models import OneTimeToken
from inkwell.accounts.reader_web import COOKIE as READER_COOKIE
from inkwell.core.db import Database
from inkwell.core.time import utcnow
from tests.accounts.readers.conftest import (
    Site,
    assert_refused,
    cookie_named,
    link_in,
    reader_cookie_set,
    set_cookies,
)
from tests.conftest import LocalSMTPServer

EMAIL = "ada@mail.example"


@pytest.fixture
async def site(make_site: Any, mail_settings: dict[str, object]) -> Any:
    """An app mailing through the local SMTP server."""
    async with make_site(**mail_settings) as running:
        yield running


async def ask(site: Site, email: str = EMAIL, **fields: str) -> Any:
    """Ask for a link with the sign-in page's form, and let the mail go."""
    answer = await site.http.post("/comments/auth/email", data={"email": email, **fields})
    await site.jobs_done()
    return answer


async def mailed_link(site: Site, smtp: LocalSMTPServer, **fields: str) -> str:
    """Ask for a link and read it from the mail that arrived."""
    await ask(site, **fields)
    return link_in(smtp.messages[-1])


async def test_the_link_arrives_by_mail(site: Site, smtp_server: LocalSMTPServer) -> None:
    answer = await ask(site)
    assert answer.status_code == 200
    assert f"If {EMAIL} can receive mail, a sign-in link is on its way." in answer.text
    [message] = smtp_server.messages
    assert message["To"] == EMAIL
    assert link_in(message).startswith("/comments/auth/email/")


async def test_the_link_carries_where_the_reader_was(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    link = await mailed_link(site, smtp_server, return_to="/blog/a-post/")
    assert link.endswith("?return_to=%2Fblog%2Fa-post%2F")


async def test_opening_the_link_shows_a_confirm_page_and_signs_no_one_in(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    page = await site.http.get(await mailed_link(site, smtp_server))
    assert page.status_code == 200
    assert f"You are signing in as <strong>{EMAIL}</strong>" in page.text
    assert '<button type="submit">Sign in</button>' in page.text
    assert set_cookies(page) == []
    assert page.headers["referrer-policy"] == "no-referrer"


async def test_opening_the_link_does_not_use_it(site: Site, smtp_server: LocalSMTPServer) -> None:
    link = await mailed_link(site, smtp_server)
    await site.http.get(link)  # a mail scanner opening it
    assert (await site.http.post(link)).status_code == 303


async def test_the_confirm_button_signs_in_and_returns_where_the_reader_was(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    done = await site.http.post(await mailed_link(site, smtp_server, return_to="/blog/a-post/"))
    assert done.status_code == 303
    assert done.headers["location"] == "/blog/a-post/"
    assert "httponly" in cookie_named(done, READER_COOKIE).lower()


async def test_the_signed_in_reader_is_the_verified_address(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    await site.http.post(await mailed_link(site, smtp_server))
    me = (await site.http.get("/comments/auth/me")).json()["reader"]
    assert (me["provider"], me["name"], me["email_verified"]) == ("email", "ada", True)


async def test_the_name_typed_on_the_confirm_page_is_kept(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    await site.http.post(await mailed_link(site, smtp_server), data={"name": "Ada Lovelace"})
    assert (await site.http.get("/comments/auth/me")).json()["reader"]["name"] == "Ada Lovelace"


async def test_a_link_works_once(site: Site, smtp_server: LocalSMTPServer) -> None:
    link = await mailed_link(site, smtp_server)
    await site.http.post(link)
    site.http.cookies.clear()
    assert_refused(await site.http.post(link), 410, "expired or was already used")
    assert_refused(await site.http.get(link), 410, "expired or was already used")


async def test_a_newer_link_replaces_the_older_one(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    older = await mailed_link(site, smtp_server)
    newer = await mailed_link(site, smtp_server)
    assert_refused(await site.http.post(older), 410, "Ask for a new one")
    assert (await site.http.post(newer)).status_code == 303


async def test_an_expired_link_is_refused(
    site: Site, smtp_server: LocalSMTPServer, database: Database
) -> None:
    link = await mailed_link(site, smtp_server)
    async with database.session(write=True) as session:
        await session.execute(
            update(OneTimeToken).values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert_refused(await site.http.post(link), 410, "expired or was already used")


async def test_a_link_lasts_half_an_hour(site: Site, database: Database) -> None:
    await ask(site)
    async with database.session() as session:
        [issued] = await tokens.pending(session, tokens.READER)
    assert issued.expires_at - issued.created_at == timedelta(minutes=30)


@pytest.mark.parametrize("change", ["last", "first", "extend", "truncate"])
async def test_an_altered_link_is_refused(
    site: Site, smtp_server: LocalSMTPServer, change: str
) -> None:
    link = (await mailed_link(site, smtp_server)).partition("?")[0]
    token = link.rsplit("/", 1)[1]
    flip = {"A": "B"}.get(token[-1], "A")
    altered = {
        "last": token[:-1] + flip,
        "first": ("A" if token[0] != "A" else "B") + token[1:],
        "extend": token + "x",
        "truncate": token[:-4],
    }[change]
    assert_refused(await site.http.post(f"/comments/auth/email/{altered}"), 410, "expired")
    assert (await site.http.post(link)).status_code == 303  # the real one still works


async def test_a_bad_address_is_refused_and_nothing_is_mailed(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    answer = await ask(site, "not-an-address")
    assert answer.status_code == 400
    assert "Enter a valid email address, such as name@example.com." in answer.text
    assert smtp_server.messages == []


async def test_the_widget_gets_json_errors(site: Site, smtp_server: LocalSMTPServer) -> None:
    answer = await site.http.post("/comments/auth/email", json={"email": ""})
    assert answer.status_code == 400
    assert answer.json() == {"errors": [{"message": "Enter your email address.", "field": "email"}]}


async def test_a_form_posted_from_another_site_is_refused(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    answer = await site.http.post(
        "/comments/auth/email", data={"email": EMAIL}, headers={"Origin": "https://evil.example"}
    )
    await site.jobs_done()
    assert answer.status_code == 403
    assert smtp_server.messages == []


async def test_the_confirm_button_pressed_from_another_site_is_refused(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    link = await mailed_link(site, smtp_server)
    forged = await site.http.post(link, headers={"Sec-Fetch-Site": "cross-site"})
    assert_refused(forged, 403, "This form did not come from this site.")
    assert (await site.http.post(link)).status_code == 303  # not used up by the forgery


async def test_too_many_requests_from_one_address_are_refused(site: Site) -> None:
    for n in range(magic_links.ADDRESS_LIMIT):
        assert (await ask(site, f"reader{n}@mail.example")).status_code == 200
    refused = await ask(site, "one-more@mail.example")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "Too many sign-in links were asked for from here." in refused.text


async def test_one_inbox_gets_only_a_few_links_and_the_answer_does_not_say_so(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    answers = [await ask(site) for _ in range(magic_links.EMAIL_LIMIT + 1)]
    assert len(smtp_server.messages) == magic_links.EMAIL_LIMIT
    assert answers[-1].status_code == 200
    assert answers[-1].text == answers[0].text


async def test_asking_for_a_link_sets_no_cookie(site: Site) -> None:
    assert not reader_cookie_set(await ask(site))


async def test_a_return_to_another_site_is_not_followed(
    site: Site, smtp_server: LocalSMTPServer
) -> None:
    link = await mailed_link(site, smtp_server, return_to="https://evil.example/")
    assert "evil" not in link
    assert (await site.http.post(link)).headers["location"] == "/"


async def test_the_widget_on_an_allowed_site_may_ask_for_a_link(
    site: Site, smtp_server: LocalSMTPServer, configure: Any
) -> None:
    await configure(allowed_origins=["https://friend.example"])
    answer = await site.http.post(
        "/comments/auth/email",
        json={"email": EMAIL},
        headers={"Origin": "https://friend.example"},
    )
    await site.jobs_done()
    assert answer.status_code == 202
    assert answer.headers["access-control-allow-origin"] == "https://friend.example"
    assert len(smtp_server.messages) == 1
