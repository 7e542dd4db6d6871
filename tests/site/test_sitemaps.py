"""Sitemaps and robots.txt, in Ghost's shape."""

from __future__ import annotations

from datetime import UTC, datetime

from httpx import AsyncClient
from lxml import etree

from tests.site.conftest import AddPost

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
CHANGED = datetime(2026, 4, 2, 8, 30, tzinfo=UTC)


async def xml(client: AsyncClient, path: str) -> etree._Element:
    response = await client.get(path)
    assert response.status_code == 200, path
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    return etree.fromstring(response.content)


async def test_index_lists_the_four_parts_with_lastmod(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(updated_at=CHANGED)
    root = await xml(client, "/sitemap.xml")
    locs = root.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert locs == [
        "http://blog.test/sitemap-pages.xml",
        "http://blog.test/sitemap-posts.xml",
        "http://blog.test/sitemap-authors.xml",
        "http://blog.test/sitemap-tags.xml",
    ]
    lastmods = root.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS)
    assert lastmods == ["2026-04-02T08:30:00.000Z"] * 4


async def test_posts_part_lists_published_posts(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="kept", published_at=datetime(2026, 3, 5, tzinfo=UTC), updated_at=CHANGED)
    await add_post(slug="draft", status="draft")
    root = await xml(client, "/sitemap-posts.xml")
    assert root.xpath("//s:url/s:loc/text()", namespaces=NS) == [
        "http://blog.test/blog/2026/03/kept/"
    ]
    assert root.xpath("//s:url/s:lastmod/text()", namespaces=NS) == ["2026-04-02T08:30:00.000Z"]


async def test_posts_part_lists_feature_images(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(feature_image="/content/images/a.png")
    root = await xml(client, "/sitemap-posts.xml")
    images = root.xpath(
        "//image:loc/text()",
        namespaces={"image": "http://www.google.com/schemas/sitemap-image/1.1"},
    )
    assert images == ["http://blog.test/content/images/a.png"]


async def test_pages_part_lists_home_and_pages(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(type="page", slug="about", updated_at=CHANGED)
    root = await xml(client, "/sitemap-pages.xml")
    assert root.xpath("//s:url/s:loc/text()", namespaces=NS) == [
        "http://blog.test/",
        "http://blog.test/about/",
    ]


async def test_tags_part_lists_public_tags_in_use(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(tags=["python", "#internal"], updated_at=CHANGED)
    await add_post(tags=["unreleased"], status="draft")
    root = await xml(client, "/sitemap-tags.xml")
    assert root.xpath("//s:url/s:loc/text()", namespaces=NS) == ["http://blog.test/tag/python/"]
    assert root.xpath("//s:url/s:lastmod/text()", namespaces=NS) == ["2026-04-02T08:30:00.000Z"]


async def test_authors_part_lists_authors_of_published_posts(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(updated_at=CHANGED)
    root = await xml(client, "/sitemap-authors.xml")
    assert root.xpath("//s:url/s:loc/text()", namespaces=NS) == [
        "http://blog.test/author/test-author/"
    ]
    assert root.xpath("//s:url/s:lastmod/text()", namespaces=NS) == ["2026-04-02T08:30:00.000Z"]


async def test_unknown_sitemap_part_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/sitemap-everything.xml")).status_code == 404


async def test_sitemap_stylesheet_is_served(client: AsyncClient) -> None:
    response = await client.get("/sitemap.xsl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xsl")


async def test_sitemaps_are_cached_for_an_hour(client: AsyncClient) -> None:
    assert (await client.get("/sitemap.xml")).headers["cache-control"] == "public, max-age=3600"


async def test_robots_txt(client: AsyncClient) -> None:
    response = await client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://blog.test/sitemap.xml" in lines
    assert "Disallow: /ghost/" in lines


async def test_index_dates_each_part_by_its_own_newest_change(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(updated_at=datetime(2026, 1, 1, tzinfo=UTC), tags=["#internal"])
    await add_post(updated_at=datetime(2025, 6, 1, tzinfo=UTC), tags=["python"])
    await add_post(type="page", slug="about", updated_at=CHANGED)
    root = await xml(client, "/sitemap.xml")
    lastmods = root.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS)
    # pages (the home page counts every change), posts, authors, tags (public tags only)
    assert lastmods == [
        "2026-04-02T08:30:00.000Z",
        "2026-01-01T00:00:00.000Z",
        "2026-01-01T00:00:00.000Z",
        "2025-06-01T00:00:00.000Z",
    ]
