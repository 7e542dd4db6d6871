"""The assembled app: cached pages, strong ETags, 304s, compression, invalidation on change."""

from __future__ import annotations

from httpx import AsyncClient

from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.factories import make_post


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
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    async with site_database.session() as session:
        await make_post(session)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    await client.get("/")
    event.listen(Engine, "before_cursor_execute", count)
    try:
        again = await client.get("/")
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert again.status_code == 200
    assert statements == []


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
