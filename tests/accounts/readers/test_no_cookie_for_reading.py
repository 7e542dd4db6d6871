"""Reading sets no cookie: the comments API, the widget's script and the sign-in pages answer
without ``Set-Cookie`` until a reader actually signs in (the post page itself is checked in
tests/comments/test_post_page.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from inkwell.content.service import Post
from tests.accounts.readers.conftest import github_settings, set_cookies
from tests.accounts.readers.fake_github import FakeGitHub


@pytest.fixture
async def site(make_site: Any, fake_github: FakeGitHub) -> Any:
    """An app offering every sign-in method."""
    async with make_site(**github_settings(fake_github)) as running:
        yield running


@pytest.mark.parametrize(
    "path",
    [
        "/api/comments?post_id={post}",
        "/api/comments/counts?post_id={post}",
        "/js/comments.js",
        "/comments/auth/signin",
        "/comments/auth/providers",
        "/comments/auth/me",
    ],
)
async def test_reading_sets_no_cookie(site: Any, post: Post, path: str) -> None:
    response = await site.http.get(path.format(post=post.id))
    assert response.status_code in (200, 401), response.text
    assert set_cookies(response) == []


async def test_the_thread_read_by_url_sets_no_cookie(site: Any, post: Post) -> None:
    home = (await site.http.get("/")).text
    url = next(u for u in home.split('"') if u.endswith(f"/{post.slug}/"))
    response = await site.http.get("/api/comments", params={"url": url})
    assert response.status_code == 200, response.text
    assert set_cookies(response) == []
