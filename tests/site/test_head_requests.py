"""HEAD answers every public GET route with the same status and headers, and no body."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from httpx import AsyncClient

from tests.site.conftest import AddPost

PATHS = [
    "/",
    "/blog/2026/03/head/",
    "/about/",
    "/tag/python/",
    "/author/test-author/",
    "/rss/",
    "/tag/python/rss/",
    "/author/test-author/rss/",
    "/atom.xml",
    "/feed.json",
    "/sitemap.xml",
    "/sitemap-posts.xml",
    "/sitemap-pages.xml",
    "/sitemap-tags.xml",
    "/sitemap-authors.xml",
    "/robots.txt",
    "/favicon.png",
    "/assets/code.css",
    "/assets/css/screen.css",
    "/no-such-page/",
    "/feed/",
]


@pytest.mark.parametrize("path", PATHS)
async def test_head_matches_get(client: AsyncClient, add_post: AddPost, path: str) -> None:
    await add_post(slug="head", tags=["python"], published_at=datetime(2026, 3, 5, tzinfo=UTC))
    await add_post(type="page", slug="about")
    got = await client.get(path)
    head = await client.head(path)
    assert head.status_code == got.status_code
    assert head.headers.get("content-type") == got.headers.get("content-type")
    assert head.content == b""


async def test_conditional_get_answers_304(client: AsyncClient) -> None:
    first = await client.get("/")
    again = await client.get("/", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
