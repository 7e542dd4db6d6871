"""A post at its permalink: content, metadata shown, neighbours, and every way to reach it."""

from __future__ import annotations

from datetime import UTC, datetime

from httpx import AsyncClient

from inkwell.core import changes
from inkwell.settings import Settings
from inkwell.site import body
from tests.site.conftest import AddPost, SetSite, by_class, parse, text_of

CODE = "Some text.\n\n```python\ndef greet(name):\n    return name\n```\n"


async def test_post_is_served_at_its_permalink(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(
        title="Hello there", slug="hello-there", published_at=datetime(2026, 3, 5, tzinfo=UTC)
    )
    response = await client.get("/blog/2026/03/hello-there/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=0"
    assert text_of(parse(response.text).xpath("//h1")) == ["Hello there"]


async def test_post_body_is_shown(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(
        slug="body", source="A *distinct* sentence.", published_at=datetime(2026, 3, 5, tzinfo=UTC)
    )
    tree = parse((await client.get("/blog/2026/03/body/")).text)
    assert text_of(by_class(tree, "gh-content")) == ["A distinct sentence."]


async def test_code_blocks_are_highlighted(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="code", source=CODE, published_at=datetime(2026, 3, 5, tzinfo=UTC))
    tree = parse((await client.get("/blog/2026/03/code/")).text)
    pre = tree.xpath("//pre")[0]
    assert "highlight" in pre.get("class")
    assert pre.xpath(".//span[@class='k']/text()") == ["def", "return"]


async def test_highlighting_is_cached_between_requests(
    client: AsyncClient, add_post: AddPost, settings: Settings
) -> None:
    await add_post(slug="cached", source=CODE, published_at=datetime(2026, 3, 5, tzinfo=UTC))
    await client.get("/blog/2026/03/cached/")
    hits, misses = body.cache_info()
    changes.bump(settings.database_url)  # empty the response cache: the page is rendered again
    await client.get("/blog/2026/03/cached/")
    assert body.cache_info() == (hits + 1, misses)


async def test_code_and_tables_scroll_on_their_own(client: AsyncClient, add_post: AddPost) -> None:
    source = CODE + "\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    await add_post(slug="wide", source=source, published_at=datetime(2026, 3, 5, tzinfo=UTC))
    tree = parse((await client.get("/blog/2026/03/wide/")).text)
    assert tree.xpath("//pre/@tabindex") == ["0"]
    wrapper = tree.xpath("//table/..")[0]
    assert wrapper.get("class") == "kg-table-card-scroll"
    assert wrapper.get("tabindex") == "0"


async def test_feature_image_has_alt_and_caption(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(
        slug="pic",
        feature_image="/content/images/pic.png",
        feature_image_alt="A red kite",
        feature_image_caption='Photo by <a href="https://example.com/">me</a><script>x()</script>',
        published_at=datetime(2026, 3, 5, tzinfo=UTC),
    )
    tree = parse((await client.get("/blog/2026/03/pic/")).text)
    figure = by_class(tree, "article-image", "figure")[0]
    img = figure.xpath(".//img")[0]
    assert img.get("src") == "http://blog.test/content/images/pic.png"
    assert img.get("alt") == "A red kite"
    assert figure.xpath(".//figcaption/a/@href") == ["https://example.com/"]
    # The caption's script is gone; the only script is the comments widget, loaded by address.
    assert tree.xpath("//script[not(@type)][not(@src)]") == []


async def test_date_is_shown_in_the_site_time_zone(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(timezone="America/New_York")
    # 02:00 UTC on 1 April is still 31 March in New York: the permalink month follows too.
    await add_post(slug="tz", published_at=datetime(2026, 4, 1, 2, 0, tzinfo=UTC))
    tree = parse((await client.get("/blog/2026/03/tz/")).text)
    time = by_class(tree, "article-meta")[0].xpath(".//time")[0]
    assert time.get("datetime") == "2026-03-31T22:00:00-04:00"
    assert time.text == "31 Mar 2026"


async def test_reading_time_is_shown(client: AsyncClient, add_post: AddPost) -> None:
    words = " ".join(["word"] * 900)
    await add_post(slug="long", source=words, published_at=datetime(2026, 3, 5, tzinfo=UTC))
    tree = parse((await client.get("/blog/2026/03/long/")).text)
    reading = text_of(by_class(tree, "article-reading-time"))[0]
    assert reading.endswith("min read")
    assert int(reading.split()[0]) >= 3


async def test_authors_link_to_their_archives(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="by", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    tree = parse((await client.get("/blog/2026/03/by/")).text)
    links = by_class(tree, "article-authors")[0].xpath(".//a")
    assert [(a.text, a.get("href")) for a in links] == [
        ("Test Author", "http://blog.test/author/test-author/")
    ]


async def test_primary_tag_and_public_tags_are_shown(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(
        slug="tagged",
        tags=["#internal", "Databases", "Python"],
        published_at=datetime(2026, 3, 5, tzinfo=UTC),
    )
    tree = parse((await client.get("/blog/2026/03/tagged/")).text)
    assert text_of(by_class(tree, "article-tag")) == ["Databases"]
    assert text_of(by_class(tree, "article-tags")[0].xpath(".//a")) == ["Databases", "Python"]
    assert "internal" not in (await client.get("/blog/2026/03/tagged/")).text


async def test_previous_and_next_posts_are_linked(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(title="First", slug="first", published_at=datetime(2026, 3, 1, tzinfo=UTC))
    await add_post(title="Second", slug="second", published_at=datetime(2026, 3, 2, tzinfo=UTC))
    await add_post(title="Third", slug="third", published_at=datetime(2026, 3, 3, tzinfo=UTC))
    tree = parse((await client.get("/blog/2026/03/second/")).text)
    older = by_class(tree, "post-nav-prev")[0]
    newer = by_class(tree, "post-nav-next")[0]
    assert older.get("href") == "http://blog.test/blog/2026/03/first/"
    assert newer.get("href") == "http://blog.test/blog/2026/03/third/"


async def test_related_posts_share_tags(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(
        title="Same topic",
        slug="same",
        tags=["sqlite"],
        published_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    await add_post(
        title="Other topic",
        slug="other",
        tags=["css"],
        published_at=datetime(2026, 3, 2, tzinfo=UTC),
    )
    await add_post(
        title="Main", slug="main", tags=["sqlite"], published_at=datetime(2026, 3, 3, tzinfo=UTC)
    )
    tree = parse((await client.get("/blog/2026/03/main/")).text)
    related = tree.xpath("//section[@aria-labelledby='related-heading']")[0]
    assert text_of(by_class(related, "post-card-title")) == ["Same topic"]


async def test_draft_post_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="secret", status="draft", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    assert (await client.get("/blog/2026/03/secret/")).status_code == 404


async def test_scheduled_post_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="soon", status="scheduled", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    assert (await client.get("/blog/2026/03/soon/")).status_code == 404


async def test_missing_trailing_slash_redirects(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="slash", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    response = await client.get("/blog/2026/03/slash?ref=x")
    assert response.status_code == 301
    assert response.headers["location"] == "/blog/2026/03/slash/?ref=x"


async def test_amp_redirects_to_the_post(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="amped", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    response = await client.get("/blog/2026/03/amped/amp/")
    assert response.status_code == 301
    assert response.headers["location"] == "/blog/2026/03/amped/"


async def test_wrong_date_in_the_url_redirects_to_the_permalink(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(slug="dated", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    response = await client.get("/blog/2019/11/dated/")
    assert response.status_code == 301
    assert response.headers["location"] == "/blog/2026/03/dated/"


async def test_old_imported_path_redirects(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(
        slug="moved",
        redirect_from=["/2014/05/old-name.html"],
        published_at=datetime(2026, 3, 5, tzinfo=UTC),
    )
    response = await client.get("/2014/05/old-name.html")
    assert response.status_code == 301
    assert response.headers["location"] == "/blog/2026/03/moved/"


async def test_old_path_of_a_draft_is_not_found(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(slug="gone", status="draft", redirect_from=["/old-gone/"])
    assert (await client.get("/old-gone/")).status_code == 404


async def test_permalink_pattern_follows_site_settings(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(permalink="/{slug}/")
    await add_post(slug="short-url", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    assert (await client.get("/short-url/")).status_code == 200
    tree = parse((await client.get("/")).text)
    assert by_class(tree, "post-card-title")[0].xpath(".//a/@href") == [
        "http://blog.test/short-url/"
    ]


async def test_old_pattern_url_is_not_found_after_a_change(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(permalink="/{slug}/")
    await add_post(slug="elsewhere", published_at=datetime(2026, 3, 5, tzinfo=UTC))
    assert (await client.get("/blog/2026/03/elsewhere/")).status_code == 404


async def test_id_permalink_pattern(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(permalink="/p/{id}/")
    post = await add_post(slug="by-id")
    assert (await client.get(f"/p/{post.id}/")).status_code == 200
