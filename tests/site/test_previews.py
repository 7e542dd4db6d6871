"""``/p/{token}/``: a draft shown through its secret link, never indexed nor cached."""

from __future__ import annotations

from httpx import AsyncClient

from inkwell.content import service
from inkwell.core.db import Database
from tests.site.conftest import AddPost, parse


async def preview_path(site_database: Database, post_id: str) -> tuple[str, str]:
    async with site_database.session() as session:
        link, path = await service.create_preview_link(session, post_id)
    return link.id, path


async def test_a_draft_is_shown_through_its_link(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    post = await add_post(title="Not out yet", status="draft", published_at=None)
    _, path = await preview_path(site_database, post.id)
    response = await client.get(path)
    assert response.status_code == 200
    tree = parse(response.text)
    assert tree.xpath("//h1")[0].text_content().strip() == "Not out yet"
    assert tree.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"]


async def test_a_preview_says_noindex_no_referrer_and_no_store(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    post = await add_post(status="draft")
    _, path = await preview_path(site_database, post.id)
    response = await client.get(path)
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "no-store" in response.headers["cache-control"]


async def test_a_preview_is_never_served_from_the_cache(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    post = await add_post(title="Draft one", status="draft")
    link_id, path = await preview_path(site_database, post.id)
    assert (await client.get(path)).status_code == 200
    async with site_database.session() as session:
        await service.revoke_preview_link(session, post.id, link_id)
    # A revoke changes no cache tag: only a response never stored is gone at once.
    assert (await client.get(path)).status_code == 404


async def test_an_unknown_token_is_not_found(client: AsyncClient) -> None:
    response = await client.get("/p/" + "x" * 43 + "/")
    assert response.status_code == 404


async def test_a_scheduled_post_can_be_previewed(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    post = await add_post(title="Coming soon", status="scheduled")
    _, path = await preview_path(site_database, post.id)
    assert "Coming soon" in (await client.get(path)).text


async def test_the_preview_route_leaves_an_id_permalink_pattern_working(
    client: AsyncClient, add_post: AddPost, site_database: Database
) -> None:
    async with site_database.session() as session:
        await service.update_settings(session, {"permalink": "/p/{id}/"}, site_url="http://b.test")
    post = await add_post(slug="by-id")
    assert (await client.get(f"/p/{post.id}/")).status_code == 200
