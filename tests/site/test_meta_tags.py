"""What pages put in ``<head>``: title, description, canonical, social cards, JSON-LD, feeds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient

from tests.site.conftest import AddPost, SetSite, meta_content, parse

POST_URL = "http://blog.test/blog/2026/03/seo/"
PUBLISHED = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)


def json_ld(tree: Any) -> dict[str, Any]:
    scripts = tree.xpath("//script[@type='application/ld+json']/text()")
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0])
    return data


async def seo_post(client: AsyncClient, add_post: AddPost, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "title": "Measuring twice",
        "slug": "seo",
        "published_at": PUBLISHED,
        "updated_at": datetime(2026, 3, 6, 10, 0, tzinfo=UTC),
        "custom_excerpt": "Why the second measurement matters.",
        "tags": ["Python", "#hidden", "Testing"],
        "feature_image": "/content/images/ruler.png",
    }
    fields.update(overrides)
    await add_post(**fields)
    response = await client.get("/blog/2026/03/seo/")
    assert response.status_code == 200
    return parse(response.text)


async def test_post_title_description_and_canonical(client: AsyncClient, add_post: AddPost) -> None:
    tree = await seo_post(client, add_post)
    assert tree.xpath("//title/text()") == ["Measuring twice"]
    assert meta_content(tree, "description") == ["Why the second measurement matters."]
    assert tree.xpath("//link[@rel='canonical']/@href") == [POST_URL]


async def test_post_opengraph_tags(client: AsyncClient, add_post: AddPost) -> None:
    tree = await seo_post(client, add_post)
    assert meta_content(tree, "og:site_name") == ["Inkwell"]
    assert meta_content(tree, "og:type") == ["article"]
    assert meta_content(tree, "og:title") == ["Measuring twice"]
    assert meta_content(tree, "og:description") == ["Why the second measurement matters."]
    assert meta_content(tree, "og:url") == [POST_URL]
    assert meta_content(tree, "og:image") == ["http://blog.test/content/images/ruler.png"]
    assert meta_content(tree, "article:published_time") == ["2026-03-05T09:30:00.000Z"]
    assert meta_content(tree, "article:modified_time") == ["2026-03-06T10:00:00.000Z"]
    assert meta_content(tree, "article:tag") == ["Python", "Testing"]


async def test_post_twitter_tags(client: AsyncClient, add_post: AddPost) -> None:
    tree = await seo_post(client, add_post)
    assert meta_content(tree, "twitter:card") == ["summary_large_image"]
    assert meta_content(tree, "twitter:title") == ["Measuring twice"]
    assert meta_content(tree, "twitter:description") == ["Why the second measurement matters."]
    assert meta_content(tree, "twitter:url") == [POST_URL]
    assert meta_content(tree, "twitter:image") == ["http://blog.test/content/images/ruler.png"]


async def test_twitter_card_is_summary_without_image(
    client: AsyncClient, add_post: AddPost
) -> None:
    tree = await seo_post(client, add_post, feature_image=None)
    assert meta_content(tree, "twitter:card") == ["summary"]
    assert meta_content(tree, "og:image") == []


async def test_post_json_ld_is_a_blog_posting(client: AsyncClient, add_post: AddPost) -> None:
    data = json_ld(await seo_post(client, add_post))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Measuring twice"
    assert data["url"] == POST_URL
    assert data["datePublished"] == "2026-03-05T09:30:00.000Z"
    assert data["dateModified"] == "2026-03-06T10:00:00.000Z"
    assert data["author"] == {
        "@type": "Person",
        "name": "Test Author",
        "url": "http://blog.test/author/test-author/",
    }
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Inkwell"
    assert data["image"]["url"] == "http://blog.test/content/images/ruler.png"
    assert data["description"] == "Why the second measurement matters."
    assert data["mainEntityOfPage"]["@id"] == POST_URL
    assert data["keywords"] == "Python, Testing"


async def test_post_overrides_are_used(client: AsyncClient, add_post: AddPost) -> None:
    tree = await seo_post(
        client,
        add_post,
        meta_title="Search title",
        meta_description="Search description.",
        og_title="Social title",
        og_description="Social description.",
        og_image="/content/images/og.png",
        twitter_title="Bird title",
        twitter_description="Bird description.",
        twitter_image="/content/images/bird.png",
    )
    assert tree.xpath("//title/text()") == ["Search title"]
    assert meta_content(tree, "description") == ["Search description."]
    assert meta_content(tree, "og:title") == ["Social title"]
    assert meta_content(tree, "og:description") == ["Social description."]
    assert meta_content(tree, "og:image") == ["http://blog.test/content/images/og.png"]
    assert meta_content(tree, "twitter:title") == ["Bird title"]
    assert meta_content(tree, "twitter:description") == ["Bird description."]
    assert meta_content(tree, "twitter:image") == ["http://blog.test/content/images/bird.png"]


async def test_canonical_url_override(client: AsyncClient, add_post: AddPost) -> None:
    tree = await seo_post(client, add_post, canonical_url="https://elsewhere.example/original/")
    assert tree.xpath("//link[@rel='canonical']/@href") == ["https://elsewhere.example/original/"]
    assert json_ld(tree)["mainEntityOfPage"]["@id"] == "https://elsewhere.example/original/"


async def test_json_ld_cannot_close_its_script(client: AsyncClient, add_post: AddPost) -> None:
    tree = await seo_post(client, add_post, title="A </script><b>bold</b> title")
    assert json_ld(tree)["headline"] == "A </script><b>bold</b> title"
    assert tree.xpath("//b") == []


async def test_feed_alternates_and_generator(client: AsyncClient) -> None:
    tree = parse((await client.get("/")).text)
    alternates = {
        link.get("type"): link.get("href") for link in tree.xpath("//link[@rel='alternate']")
    }
    assert alternates == {
        "application/rss+xml": "http://blog.test/rss/",
        "application/atom+xml": "http://blog.test/atom.xml",
        "application/feed+json": "http://blog.test/feed.json",
    }
    assert meta_content(tree, "generator") == ["Inkwell 0.1"]


async def test_home_meta_and_website_json_ld(client: AsyncClient, set_site: SetSite) -> None:
    await set_site(title="Field Notes", description="Notes from the field.", twitter="@notes")
    tree = parse((await client.get("/")).text)
    assert tree.xpath("//title/text()") == ["Field Notes"]
    assert meta_content(tree, "description") == ["Notes from the field."]
    assert tree.xpath("//link[@rel='canonical']/@href") == ["http://blog.test/"]
    assert meta_content(tree, "og:type") == ["website"]
    assert meta_content(tree, "twitter:site") == ["@notes"]
    data = json_ld(tree)
    assert data["@type"] == "WebSite"
    assert data["name"] == "Field Notes"
    assert data["url"] == "http://blog.test/"


async def test_second_home_page_has_its_own_canonical(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(posts_per_page=1)
    await add_post()
    await add_post()
    tree = parse((await client.get("/page/2/")).text)
    assert tree.xpath("//link[@rel='canonical']/@href") == ["http://blog.test/page/2/"]
    assert tree.xpath("//title/text()") == ["Inkwell (page 2)"]


async def test_tag_archive_meta_is_a_series(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(tags=["python"])
    tree = parse((await client.get("/tag/python/")).text)
    assert tree.xpath("//title/text()") == ["python - Inkwell"]
    assert tree.xpath("//link[@rel='canonical']/@href") == ["http://blog.test/tag/python/"]
    data = json_ld(tree)
    assert data["@type"] == "Series"
    assert data["name"] == "python"
    rss = tree.xpath("//link[@rel='alternate' and @href='http://blog.test/tag/python/rss/']")
    assert len(rss) == 1


async def test_author_archive_meta_is_a_profile_page(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post()
    tree = parse((await client.get("/author/test-author/")).text)
    assert meta_content(tree, "og:type") == ["profile"]
    data = json_ld(tree)
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["name"] == "Test Author"


async def test_static_page_meta(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(type="page", slug="about", title="About", custom_excerpt="Who we are.")
    tree = parse((await client.get("/about/")).text)
    assert tree.xpath("//link[@rel='canonical']/@href") == ["http://blog.test/about/"]
    assert meta_content(tree, "og:type") == ["website"]
    assert json_ld(tree)["@type"] == "Article"


async def test_every_page_kind_has_the_core_tags(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="core", tags=["python"], published_at=PUBLISHED)
    await add_post(type="page", slug="about")
    for path in ("/", "/blog/2026/03/core/", "/about/", "/tag/python/", "/author/test-author/"):
        tree = parse((await client.get(path)).text)
        assert tree.xpath("//title/text()"), path
        assert meta_content(tree, "description"), path
        assert tree.xpath("//link[@rel='canonical']/@href"), path
        for key in ("og:site_name", "og:type", "og:title", "og:description", "og:url"):
            assert meta_content(tree, key), (path, key)
        for key in ("twitter:card", "twitter:title", "twitter:description", "twitter:url"):
            assert meta_content(tree, key), (path, key)
        assert json_ld(tree)["@context"] == "https://schema.org"
