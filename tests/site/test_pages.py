"""Static pages at ``/{slug}/``."""

from __future__ import annotations

from httpx import AsyncClient

from tests.site.conftest import AddPost, by_class, parse, text_of


async def test_page_is_served_at_its_slug(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(type="page", title="About this site", slug="about", source="Who writes here.")
    response = await client.get("/about/")
    assert response.status_code == 200
    tree = parse(response.text)
    assert text_of(tree.xpath("//h1")) == ["About this site"]
    assert text_of(by_class(tree, "gh-content")) == ["Who writes here."]


async def test_page_shows_no_date_nor_neighbours(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(title="A post")
    await add_post(type="page", slug="about")
    tree = parse((await client.get("/about/")).text)
    assert tree.xpath("//main//time") == []
    assert by_class(tree, "post-nav") == []
    assert "page-template" in tree.xpath("//body/@class")[0]


async def test_page_is_not_listed_on_home(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(type="page", title="Colophon", slug="colophon")
    assert "Colophon" not in (await client.get("/")).text


async def test_draft_page_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(type="page", slug="draft-page", status="draft")
    assert (await client.get("/draft-page/")).status_code == 404


async def test_page_without_trailing_slash_redirects(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(type="page", slug="about")
    response = await client.get("/about")
    assert response.status_code == 301
    assert response.headers["location"] == "/about/"


async def test_post_slug_alone_is_not_a_page(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="just-a-post")
    assert (await client.get("/just-a-post/")).status_code == 404


async def test_page_is_not_found_at_a_post_permalink(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(type="page", slug="about")
    assert (await client.get("/blog/2026/03/about/")).status_code == 404
