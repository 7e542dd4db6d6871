"""The assembled app: cached pages, strong ETags, 304s, compression, invalidation by tag."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from inkwell.content.models import Post
from inkwell.core import events
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.factories import make_post


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements run inside the block (none for a page served from the cache)."""
    found: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        found.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield found
    finally:
        event.remove(Engine, "before_cursor_execute", count)


async def served_from_cache(client: AsyncClient, path: str) -> bool:
    with statements() as found:
        assert (await client.get(path)).status_code == 200
    return found == []


async def emit(database: Database, name: str, subject: str | None, **data: Any) -> None:
    async with database.session() as session:
        events.emit(session, name, subject, **data)


def post_data(post: Post, status: str = "published") -> dict[str, Any]:
    same = {"slug": post.slug, "status": status, "tags": [], "authors": []}
    return {"type": "post", **same, "previous": same}


@pytest.fixture
async def cached_post(client: AsyncClient, site_database: Database) -> tuple[Post, str]:
    """A published post whose page and the home page are in the cache."""
    async with site_database.session() as session:
        post = await make_post(session, slug="cached")
    home = await client.get("/")
    url = next(u for u in home.text.split('"') if u.endswith("/cached/"))
    path = url.removeprefix("http://blog.test")
    await client.get(path)
    return post, path


async def test_post_page_has_etag_last_modified_and_cache_control(
    client: AsyncClient, site_database: Database
) -> None:
    async with site_database.session() as session:
        await make_post(session, slug="cached")
    home = await client.get("/")
    post_url = next(u for u in home.text.split('"') if u.endswith("/cached/"))
    response = await client.get(post_url)
    assert response.status_code == 200
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith("GMT")
    assert response.headers["cache-control"] == "public, max-age=0"


async def test_conditional_get_of_a_page_is_a_bodiless_304(client: AsyncClient) -> None:
    etag = (await client.get("/")).headers["etag"]
    again = await client.get("/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


async def test_feeds_are_compressed_and_validated(client: AsyncClient) -> None:
    response = await client.get("/rss/", headers={"Accept-Encoding": "br"})
    assert response.headers["content-encoding"] == "br"
    assert response.text.startswith("<?xml")
    again = await client.get("/rss/", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


async def test_head_matches_get_without_a_body(client: AsyncClient) -> None:
    get = await client.get("/sitemap.xml", headers={"Accept-Encoding": "gzip"})
    head = await client.head("/sitemap.xml", headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-type"] == get.headers["content-type"]


async def test_a_saved_post_shows_up_on_the_next_request(
    client: AsyncClient, site_database: Database
) -> None:
    before = await client.get("/")
    async with site_database.session() as session:
        await make_post(session, title="Freshly written words")
    after = await client.get("/")
    assert "Freshly written words" not in before.text
    assert "Freshly written words" in after.text
    assert after.headers["etag"] != before.headers["etag"]


async def test_not_found_pages_are_never_stored(
    client: AsyncClient, site_database: Database
) -> None:
    assert (await client.get("/later/")).status_code == 404
    async with site_database.session() as session:
        await make_post(session, type="page", slug="later", title="Later page")
    assert (await client.get("/later/")).status_code == 200


async def test_a_cached_page_costs_no_database_query(
    client: AsyncClient, site_database: Database
) -> None:
    async with site_database.session() as session:
        await make_post(session)
    await client.get("/")
    assert await served_from_cache(client, "/")


async def test_a_reader_with_a_cookie_is_never_served_from_the_cache(
    client: AsyncClient, cached_post: tuple[Post, str]
) -> None:
    with statements() as found:
        response = await client.get("/", headers={"Cookie": "inkwell-session=abc"})
    assert response.status_code == 200 and found != []


async def test_a_readers_page_with_a_cookie_is_not_kept_for_others(
    client: AsyncClient, site_database: Database
) -> None:
    async with site_database.session() as session:
        await make_post(session)
    await client.get("/", headers={"Authorization": "Bearer abc"})
    assert not await served_from_cache(client, "/")


async def test_an_edited_draft_keeps_every_page(
    client: AsyncClient, site_database: Database, cached_post: tuple[Post, str]
) -> None:
    post, path = cached_post
    await emit(site_database, "post.updated", "draft-id", **post_data(post, status="draft"))
    assert await served_from_cache(client, "/")
    assert await served_from_cache(client, path)


async def test_an_edited_post_drops_its_page_and_the_listings(
    client: AsyncClient, site_database: Database, cached_post: tuple[Post, str]
) -> None:
    post, path = cached_post
    await emit(site_database, "post.updated", post.id, **post_data(post))
    assert not await served_from_cache(client, path)
    assert not await served_from_cache(client, "/")


@pytest.fixture
def comment_events() -> Iterator[None]:
    # The comments feature declares it on import; declaring again is harmless, and the
    # declaration stays (later tests post real comments).
    events.declare("comment.added")
    yield


async def test_a_comment_drops_its_posts_page_and_the_listings_counting_comments(
    client: AsyncClient,
    site_database: Database,
    cached_post: tuple[Post, str],
    comment_events: None,
) -> None:
    post, path = cached_post
    await emit(site_database, "comment.added", "c1", post_id=post.id)
    assert not await served_from_cache(client, path)
    assert not await served_from_cache(client, "/")  # the home page shows comment counts


async def test_changed_settings_drop_every_page(
    client: AsyncClient, site_database: Database, cached_post: tuple[Post, str]
) -> None:
    _, path = cached_post
    await emit(site_database, "settings.changed", None, keys=["title"])
    assert not await served_from_cache(client, "/")
    assert not await served_from_cache(client, path)


async def test_with_the_cache_off_pages_are_still_validated_and_compressed(
    settings: Settings, site_database: Database
) -> None:
    from httpx import ASGITransport

    from inkwell.app import create_app

    app = create_app(settings.model_copy(update={"response_cache": False}))
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://blog.test") as http:
            first = await http.get("/", headers={"Accept-Encoding": "gzip"})
            again = await http.get("/", headers={"If-None-Match": first.headers["etag"]})
    assert first.headers["content-encoding"] == "gzip"
    assert again.status_code == 304
