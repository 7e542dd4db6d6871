"""Feeds over HTTP, parsed by feedparser and checked field by field against the seeded posts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import feedparser
from httpx import AsyncClient
from lxml import html as lxml_html

from tests.site.conftest import AddPost

PUBLISHED = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


async def parsed(client: AsyncClient, path: str) -> Any:
    response = await client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content, response_headers=dict(response.headers))
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


async def rich_post(add_post: AddPost, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "title": "Tuning SQLite",
        "slug": "tuning",
        "source": "First paragraph with [a link](/about/).\n\nSecond paragraph.",
        "published_at": PUBLISHED,
        "tags": ["Databases", "#internal", "Python"],
        "custom_excerpt": "Four pragmas.",
        "feature_image": "/content/images/disk.png",
    }
    fields.update(overrides)
    return await add_post(**fields)


async def test_rss_content_type_and_cache(client: AsyncClient) -> None:
    response = await client.get("/rss/")
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=0"


async def test_rss_channel(client: AsyncClient, add_post: AddPost) -> None:
    await rich_post(add_post)
    feed = await parsed(client, "/rss/")
    assert feed.version == "rss20"
    assert feed.feed.title == "Inkwell"
    assert feed.feed.link == "http://blog.test/"
    assert feed.feed.generator == "Inkwell 0.1"
    assert feed.feed.image.href == "http://blog.test/favicon.png"


async def test_rss_item_fields(client: AsyncClient, add_post: AddPost) -> None:
    post = await rich_post(add_post)
    entry = (await parsed(client, "/rss/")).entries[0]
    assert entry.title == "Tuning SQLite"
    assert entry.link == "http://blog.test/blog/2026/03/tuning/"
    assert entry.id == post.id
    assert entry.guidislink is False
    assert [t.term for t in entry.tags] == ["Databases", "Python"]
    assert entry.author == "Test Author"
    assert entry.published_parsed[:6] == (2026, 3, 5, 9, 0, 0)
    assert entry.summary == "Four pragmas."
    assert entry.media_content[0]["url"] == "http://blog.test/content/images/disk.png"


async def test_rss_content_is_the_post_html_with_absolute_urls(
    client: AsyncClient, add_post: AddPost
) -> None:
    await rich_post(add_post)
    content = (await parsed(client, "/rss/")).entries[0].content[0].value
    body = lxml_html.fragment_fromstring(content, create_parent="div")
    assert body.xpath("./a/@href | .//a/@href") == ["http://blog.test/about/"]
    first = body[0]
    assert (first.tag, first.get("src"), first.get("alt")) == (
        "img",
        "http://blog.test/content/images/disk.png",
        "Tuning SQLite",
    )
    assert "Second paragraph." in body.text_content()


async def test_rss_guid_keeps_an_imported_guid(client: AsyncClient, add_post: AddPost) -> None:
    await rich_post(add_post, guid="https://old.example/?p=42")
    assert (await parsed(client, "/rss/")).entries[0].id == "https://old.example/?p=42"


async def test_rss_leaves_out_drafts(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(title="Public")
    await add_post(title="Private", status="draft")
    titles = [e.title for e in (await parsed(client, "/rss/")).entries]
    assert titles == ["Public"]


async def test_rss_pages_hold_fifteen_items(client: AsyncClient, add_post: AddPost) -> None:
    for _ in range(16):
        await add_post()
    assert len((await parsed(client, "/rss/")).entries) == 15
    assert len((await parsed(client, "/rss/2/")).entries) == 1


async def test_rss_past_the_last_page_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post()
    assert (await client.get("/rss/2/")).status_code == 404


async def test_rss_page_one_redirects(client: AsyncClient) -> None:
    response = await client.get("/rss/1/")
    assert response.status_code == 301
    assert response.headers["location"] == "/rss/"


async def test_feed_redirects_to_rss(client: AsyncClient) -> None:
    response = await client.get("/feed/")
    assert response.status_code == 301
    assert response.headers["location"] == "/rss/"
    assert response.headers["cache-control"] == "public, max-age=31536000"


async def test_tag_rss_holds_the_tags_posts(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(title="In", tags=["python"])
    await add_post(title="Out", tags=["css"])
    feed = await parsed(client, "/tag/python/rss/")
    assert feed.feed.title == "python - Inkwell"
    assert [e.title for e in feed.entries] == ["In"]


async def test_internal_tag_rss_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(tags=["#secret"])
    assert (await client.get("/tag/hash-secret/rss/")).status_code == 404


async def test_author_rss_holds_their_posts(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(title="Theirs")
    feed = await parsed(client, "/author/test-author/rss/")
    assert feed.feed.title == "Test Author - Inkwell"
    assert [e.title for e in feed.entries] == ["Theirs"]


async def test_unknown_author_rss_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/author/nobody/rss/")).status_code == 404


async def test_atom_feed(client: AsyncClient, add_post: AddPost) -> None:
    await rich_post(add_post)
    response = await client.get("/atom.xml")
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = await parsed(client, "/atom.xml")
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.title == "Tuning SQLite"
    assert entry.link == "http://blog.test/blog/2026/03/tuning/"
    assert [t.term for t in entry.tags] == ["Databases", "Python"]
    assert entry.author == "Test Author"


async def test_json_feed(client: AsyncClient, add_post: AddPost) -> None:
    post = await rich_post(add_post)
    response = await client.get("/feed.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/feed+json; charset=utf-8"
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "http://blog.test/feed.json"
    item = feed["items"][0]
    assert item["id"] == post.id
    assert item["url"] == "http://blog.test/blog/2026/03/tuning/"
    assert item["title"] == "Tuning SQLite"
    assert item["tags"] == ["Databases", "Python"]
    assert item["image"] == "http://blog.test/content/images/disk.png"
    assert 'href="http://blog.test/about/"' in item["content_html"]


async def test_rss_page_zero_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/rss/0/")).status_code == 404


async def test_an_archive_feed_without_posts_is_not_found(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(status="draft", tags=["quiet"])
    assert (await client.get("/tag/quiet/rss/")).status_code == 404
