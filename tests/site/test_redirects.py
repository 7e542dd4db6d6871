"""Stored redirects over HTTP: custom ones, permalink changes, and their cached answers."""

from __future__ import annotations

from datetime import UTC, datetime

from httpx import AsyncClient

from inkwell.content import service
from inkwell.core.db import Database
from tests.site.conftest import AddPost
from tests.test_http_caching import statements


async def add(site_database: Database, source: str, target: str, status: int = 301) -> None:
    async with site_database.session() as session:
        await service.add_custom_redirect(session, source, target, status_code=status)


async def test_a_custom_redirect_to_a_path_keeps_the_query(
    client: AsyncClient, site_database: Database
) -> None:
    await add(site_database, "/old-about/", "/about/")
    response = await client.get("/old-about/?ref=mail")
    assert (response.status_code, response.headers["location"]) == (301, "/about/?ref=mail")


async def test_a_temporary_redirect_to_another_site(
    client: AsyncClient, site_database: Database
) -> None:
    await add(site_database, "/talk", "https://example.com/slides", status=302)
    response = await client.get("/talk")
    assert (response.status_code, response.headers["location"]) == (
        302,
        "https://example.com/slides",
    )


async def test_a_deleted_redirect_stops_answering_even_when_cached(
    client: AsyncClient, site_database: Database
) -> None:
    await add(site_database, "/promo/", "/about/")
    for path in ("/promo/", "/promo"):
        assert (await client.get(path)).status_code == 301
        with statements() as found:
            assert (await client.get(path)).status_code == 301
        assert found == []  # answered from the cache
    async with site_database.session() as session:
        await service.delete_redirect(session, "/promo/")
    assert (await client.get("/promo/")).status_code == 404
    assert (await client.get("/promo")).status_code == 404


async def test_after_a_permalink_change_the_old_url_answers_301_to_the_new_one(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    async with site_database.session() as session:
        await service.update_settings(session, {"permalink": "/{slug}/"}, site_url="http://b.test")
    await add_post(slug="travelling", published_at=datetime(2026, 5, 1, tzinfo=UTC))
    assert (await client.get("/travelling/")).status_code == 200  # cached under the old pattern
    async with site_database.session() as session:
        await service.update_settings(
            session, {"permalink": "/blog/{year}/{slug}/"}, site_url="http://b.test"
        )
    response = await client.get("/travelling/")
    assert response.status_code == 301
    assert response.headers["location"] == "/blog/2026/travelling/"
    assert (await client.get("/blog/2026/travelling/")).status_code == 200


async def test_an_old_url_follows_the_post_through_two_changes(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    post = await add_post(slug="wanderer")
    async with site_database.session() as session:
        first = service.path_of(post, await service.load_settings(session))
        await service.update_settings(session, {"permalink": "/{slug}/"}, site_url="http://b.test")
        await service.update_settings(
            session, {"permalink": "/posts/{slug}/"}, site_url="http://b.test"
        )
    response = await client.get(first)
    assert (response.status_code, response.headers["location"]) == (301, "/posts/wanderer/")
