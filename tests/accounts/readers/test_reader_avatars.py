"""A signed-in reader's avatar: generated on this site by default, Gravatar's only once the
owner turns it on (how avatars are drawn is tests/accounts/test_avatars.py's), on SQLite and
PostgreSQL."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from inkwell.content.service import Post
from tests.accounts.readers.conftest import Site, follow_provider, github_settings
from tests.accounts.readers.fake_github import FakeGitHub
from tests.comments.conftest import OPEN_RULES

GRAVATAR = "https://www.gravatar.com/avatar/"


@pytest.fixture
async def site(make_site: Any, fake_github: FakeGitHub, configure: Any) -> Any:
    """An app with GitHub sign-in, comments shown at once."""
    await configure(**OPEN_RULES)
    async with make_site(**github_settings(fake_github)) as running:
        yield running


async def signed_in(site: Site, **params: str) -> Any:
    """Sign in with GitHub; the callback's answer."""
    start = await site.http.get("/comments/auth/github/start", params=params)
    return await follow_provider(site.http, start)


async def comment(site: Site, post: Post) -> None:
    """Comment on ``post`` as the signed-in reader, with the form token the widget gets."""
    thread = (await site.http.get("/api/comments", params={"post_id": post.id})).json()
    body = {"post_id": post.id, "body": "Hello.", "form_token": thread["meta"]["form_token"]}
    posted = await site.http.post("/api/comments", json=body)
    assert posted.json()["status"] == "approved", posted.text


async def my_avatar(site: Site) -> str:
    """The avatar ``/me`` gives the signed-in reader."""
    avatar: str = (await site.http.get("/comments/auth/me")).json()["reader"]["avatar"]
    return avatar


async def test_a_readers_avatar_is_generated_here_by_default(site: Site) -> None:
    await signed_in(site)
    assert (await my_avatar(site)).startswith("/avatars/identicon/")


async def test_a_readers_avatar_is_gravatars_once_the_owner_turns_it_on(
    site: Site, configure: Any
) -> None:
    await configure(gravatar=True)
    await signed_in(site)
    assert (await my_avatar(site)).startswith(GRAVATAR)


async def test_the_sign_in_popup_shows_the_same_avatar_as_me(site: Site, configure: Any) -> None:
    await configure(gravatar=True)
    done = await signed_in(site, origin="http://blog.test")
    found = re.search(r'data-reader="([^"]+)"', done.text)
    assert found, done.text
    summary = json.loads(html.unescape(found.group(1)))
    assert summary["avatar"] == await my_avatar(site)


async def test_a_readers_comment_shows_no_gravatar_by_default(site: Site, post: Post) -> None:
    await signed_in(site)
    await comment(site, post)
    thread = (await site.http.get("/api/comments", params={"post_id": post.id})).text
    assert "gravatar" not in thread
    assert "/avatars/identicon/" in thread


async def test_a_readers_comment_shows_gravatar_once_turned_on(
    site: Site, post: Post, configure: Any
) -> None:
    await signed_in(site)
    await comment(site, post)
    await configure(gravatar=True)
    [shown] = (await site.http.get("/api/comments", params={"post_id": post.id})).json()["comments"]
    assert shown["author"]["avatar"].startswith(GRAVATAR)
