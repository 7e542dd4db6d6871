"""A signed-in reader's session: who ``/me`` says it is, signing out, the hand-off to the widget
on another allowed site (a token in the URL's fragment, sent back as a header), on SQLite and
PostgreSQL. Readers sign in here with GitHub (the local fake)."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import Response

from inkwell.accounts.reader_returns import HANDOFF_FRAGMENT
from inkwell.accounts.reader_web import COOKIE as READER_COOKIE
from inkwell.content.service import Post
from tests.accounts.readers.conftest import (
    Site,
    follow_provider,
    github_settings,
    reader_cookie_set,
    set_cookies,
)
from tests.accounts.readers.fake_github import FakeGitHub
from tests.comments.conftest import OPEN_RULES

FRIEND = "https://friend.example"
ME = "/comments/auth/me"


@pytest.fixture
async def site(make_site: Any, fake_github: FakeGitHub, configure: Any) -> Any:
    """An app with GitHub sign-in whose comments may be embedded on FRIEND."""
    await configure(allowed_origins=[FRIEND], **OPEN_RULES)
    async with make_site(**github_settings(fake_github)) as running:
        yield running


async def sign_in(site: Site, **params: str) -> Response:
    """Sign in with GitHub; the callback's answer."""
    start = await site.http.get("/comments/auth/github/start", params=params)
    return await follow_provider(site.http, start)


async def handed_token(site: Site) -> str:
    """Sign in from the widget on FRIEND: the token handed over in the fragment."""
    done = await sign_in(site, return_to=f"{FRIEND}/a-post/")
    location = done.headers["location"]
    assert location.startswith(f"{FRIEND}/a-post/#{HANDOFF_FRAGMENT}="), location
    return location.partition("=")[2]


def as_widget(token: str) -> dict[str, str]:
    """The headers the widget on FRIEND sends."""
    return {"Authorization": f"Reader {token}", "Origin": FRIEND}


async def test_me_without_a_session_is_401(site: Site) -> None:
    answer = await site.http.get(ME)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["message"] == "Not signed in."


async def test_me_names_the_signed_in_reader_without_their_email(site: Site) -> None:
    await sign_in(site)
    me = (await site.http.get(ME)).json()["reader"]
    assert me["name"] == "Octo Cat"
    assert "email" not in me
    assert "octo@mail.example" not in str(me)


async def test_me_is_never_cached(site: Site) -> None:
    await sign_in(site)
    assert (await site.http.get(ME)).headers["cache-control"] == "no-store"


async def test_signing_out_clears_the_cookie(site: Site) -> None:
    await sign_in(site)
    out = await site.http.post("/comments/auth/signout")
    assert out.json() == {"signed_out": True}
    [cleared] = [c for c in set_cookies(out) if c.startswith(f"{READER_COOKIE}=")]
    assert "max-age=0" in cleared.lower()
    assert (await site.http.get(ME)).status_code == 401


async def test_signing_out_ends_the_session_on_the_server(site: Site) -> None:
    await sign_in(site)
    token = site.http.cookies[READER_COOKIE]
    await site.http.post("/comments/auth/signout")
    site.http.cookies.set(READER_COOKIE, token, domain="blog.test")
    assert (await site.http.get(ME)).status_code == 401


async def test_signing_out_with_a_return_goes_back_there(site: Site) -> None:
    await sign_in(site)
    out = await site.http.post("/comments/auth/signout", params={"return_to": "/blog/"})
    assert (out.status_code, out.headers["location"]) == (303, "/blog/")


async def test_a_sign_out_forged_by_another_site_is_refused(site: Site) -> None:
    await sign_in(site)
    forged = await site.http.post(
        "/comments/auth/signout", headers={"Origin": "https://evil.example"}
    )
    assert forged.status_code == 403
    assert (await site.http.get(ME)).status_code == 200


async def test_the_widget_elsewhere_gets_a_token_in_the_fragment(site: Site) -> None:
    assert len(await handed_token(site)) >= 32


async def test_the_handed_token_signs_the_widget_in_with_cors(site: Site) -> None:
    token = await handed_token(site)
    site.http.cookies.clear()
    answer = await site.http.get(ME, headers=as_widget(token))
    assert answer.json()["reader"]["name"] == "Octo Cat"
    assert answer.headers["access-control-allow-origin"] == FRIEND


async def test_the_handed_token_is_not_the_cookies_session(site: Site) -> None:
    token = await handed_token(site)
    assert token != site.http.cookies[READER_COOKIE]


async def test_a_forged_token_is_refused(site: Site) -> None:
    token = await handed_token(site)
    site.http.cookies.clear()
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert (await site.http.get(ME, headers=as_widget(forged))).status_code == 401
    assert (await site.http.get(ME, headers=as_widget("x" * 500))).status_code == 401


async def test_signing_out_the_widget_ends_its_token(site: Site) -> None:
    token = await handed_token(site)
    site.http.cookies.clear()
    out = await site.http.post("/comments/auth/signout", headers=as_widget(token))
    assert out.json() == {"signed_out": True}
    assert (await site.http.get(ME, headers=as_widget(token))).status_code == 401


async def test_a_return_to_a_site_not_allowed_hands_nothing_over(site: Site) -> None:
    done = await sign_in(site, return_to="https://evil.example/steal")
    assert done.headers["location"] == "/"


async def test_the_popup_posts_the_token_to_the_allowed_opener(site: Site) -> None:
    done = await sign_in(site, origin=FRIEND, return_to=f"{FRIEND}/a-post/")
    assert done.status_code == 200
    assert f'data-origin="{FRIEND}"' in done.text
    assert 'data-token=""' not in done.text
    assert reader_cookie_set(done)


async def test_the_popup_on_this_site_gets_no_token(site: Site) -> None:
    done = await sign_in(site, origin="http://blog.test")
    assert 'data-token=""' in done.text


async def test_a_popup_for_an_origin_not_allowed_is_an_ordinary_sign_in(site: Site) -> None:
    done = await sign_in(site, origin="https://evil.example")
    assert (done.status_code, done.headers["location"]) == (303, "/")


async def test_the_widget_comments_as_the_reader_with_its_token(site: Site, post: Post) -> None:
    token = await handed_token(site)
    site.http.cookies.clear()
    posted = await site.http.post(
        "/api/comments",
        json={"post_id": post.id, "body": "Hello from elsewhere."},
        headers=as_widget(token),
    )
    assert posted.status_code == 201, posted.text
    assert posted.json()["author"]["name"] == "Octo Cat"


async def test_a_signed_in_reader_comments_when_guests_are_off(
    site: Site, post: Post, configure: Any
) -> None:
    await configure(guests=False)
    await sign_in(site)
    posted = await site.http.post("/api/comments", json={"post_id": post.id, "body": "Hi."})
    assert posted.status_code == 201, posted.text
    site.http.cookies.clear()
    guest = await site.http.post(
        "/api/comments", json={"post_id": post.id, "body": "Hi.", "name": "Guest"}
    )
    assert guest.status_code == 403, guest.text
