"""The fallback resolver's redirects are cached like pages, and dropped with their post."""

from __future__ import annotations

from httpx import AsyncClient

from inkwell.content import service
from inkwell.core.db import Database
from tests.factories import make_post
from tests.test_http_caching import statements


async def test_an_old_path_redirect_is_answered_from_the_cache(
    client: AsyncClient, site_database: Database
) -> None:
    async with site_database.session() as session:
        await make_post(session, slug="moved", redirect_from=["/2019/05/moved.html"])
    first = await client.get("/2019/05/moved.html")
    with statements() as found:
        again = await client.get("/2019/05/moved.html")
    assert first.status_code == again.status_code == 301
    assert again.headers["location"] == first.headers["location"]
    assert found == []


async def test_deleting_the_post_drops_its_cached_old_path_redirect(
    client: AsyncClient, site_database: Database
) -> None:
    async with site_database.session() as session:
        post = await make_post(session, slug="moved", redirect_from=["/2019/05/moved.html"])
    assert (await client.get("/2019/05/moved.html")).status_code == 301
    async with site_database.session() as session:
        await service.delete_post(session, post.id)
    assert (await client.get("/2019/05/moved.html")).status_code == 404


async def test_a_missing_trailing_slash_redirect_is_cached_until_the_post_goes(
    client: AsyncClient, site_database: Database
) -> None:
    async with site_database.session() as session:
        page = await make_post(session, type="page", slug="colophon", tags=[])
    assert (await client.get("/colophon")).headers["location"].endswith("/colophon/")
    with statements() as found:
        assert (await client.get("/colophon")).status_code == 301
    assert found == []
    async with site_database.session() as session:
        await service.delete_post(session, page.id)
    assert (await client.get("/colophon")).status_code == 404
