"""The home page and its pagination."""

from __future__ import annotations

from datetime import UTC, datetime

from httpx import AsyncClient

from tests.site.conftest import AddPost, SetSite, by_class, parse, text_of


async def test_home_is_html_with_cache_header(client: AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=0"


async def test_home_lists_published_posts_newest_first(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(title="Older one")
    await add_post(title="Newer one")
    tree = parse((await client.get("/")).text)
    titles = text_of(by_class(tree, "post-card-title"))
    assert titles == ["Newer one", "Older one"]


async def test_post_card_shows_excerpt_date_reading_time_and_tag(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(
        title="Card",
        custom_excerpt="A custom summary.",
        tags=["Python", "#internal"],
        published_at=datetime(2026, 3, 5, tzinfo=UTC),
    )
    tree = parse((await client.get("/")).text)
    card = by_class(tree, "post-card")[0]
    assert text_of(by_class(card, "post-card-excerpt")) == ["A custom summary."]
    assert card.xpath(".//time/@datetime") == ["2026-03-05T00:00:00+00:00"]
    assert text_of(by_class(card, "post-card-reading-time")) == ["1 min read"]
    assert text_of(by_class(card, "post-card-tag")) == ["Python"]


async def test_post_card_excerpt_falls_back_to_plaintext(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(title="Plain", source="The first words of the body.")
    tree = parse((await client.get("/")).text)
    assert text_of(by_class(tree, "post-card-excerpt")) == ["The first words of the body."]


async def test_post_card_shows_feature_image(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(feature_image="/content/images/cover.png")
    tree = parse((await client.get("/")).text)
    assert (
        by_class(tree, "post-card-image")[0].get("src")
        == "http://blog.test/content/images/cover.png"
    )


async def test_drafts_and_scheduled_posts_are_not_listed(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post(title="Visible")
    await add_post(title="A draft", status="draft")
    await add_post(title="Coming soon", status="scheduled")
    text = (await client.get("/")).text
    assert "Visible" in text
    assert "A draft" not in text
    assert "Coming soon" not in text


async def test_internal_tags_never_show(client: AsyncClient, add_post: AddPost) -> None:
    await add_post(tags=["#hidden-thing"])
    assert "hidden-thing" not in (await client.get("/")).text


async def test_empty_site_still_has_a_home_page(client: AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert "No posts yet" in response.text


async def test_page_one_redirects_home(client: AsyncClient) -> None:
    response = await client.get("/page/1/")
    assert response.status_code == 301
    assert response.headers["location"] == "/"


async def test_second_page_lists_older_posts(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(posts_per_page=2)
    for n in range(3):
        await add_post(title=f"Post {n}")
    tree = parse((await client.get("/page/2/")).text)
    assert text_of(by_class(tree, "post-card-title")) == ["Post 0"]


async def test_pagination_links_carry_rel_prev_and_next(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(posts_per_page=1)
    for _ in range(3):
        await add_post()
    tree = parse((await client.get("/page/2/")).text)
    assert tree.xpath("//a[@rel='prev']/@href")[0] == "http://blog.test/"
    assert tree.xpath("//a[@rel='next']/@href")[0] == "http://blog.test/page/3/"
    assert tree.xpath("//link[@rel='prev']/@href") == ["http://blog.test/"]
    assert tree.xpath("//link[@rel='next']/@href") == ["http://blog.test/page/3/"]


async def test_last_page_has_no_next_link(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(posts_per_page=1)
    await add_post()
    await add_post()
    tree = parse((await client.get("/page/2/")).text)
    assert tree.xpath("//a[@rel='next']") == []
    assert tree.xpath("//link[@rel='next']") == []


async def test_page_past_the_last_is_a_themed_404(
    client: AsyncClient, add_post: AddPost, set_site: SetSite
) -> None:
    await set_site(posts_per_page=1)
    await add_post()
    response = await client.get("/page/2/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="site-header"' in response.text


async def test_page_zero_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/page/0/")).status_code == 404


async def test_page_that_is_not_a_number_is_not_found(client: AsyncClient) -> None:
    assert (await client.get("/page/two/")).status_code == 404


async def test_navigation_comes_from_settings(client: AsyncClient, set_site: SetSite) -> None:
    await set_site(navigation=[{"label": "Notes", "url": "/tag/notes/"}])
    tree = parse((await client.get("/")).text)
    links = tree.xpath("//nav[@aria-label='Main']//a")
    assert [(a.text, a.get("href")) for a in links] == [("Notes", "http://blog.test/tag/notes/")]


async def test_secondary_navigation_is_in_the_footer(
    client: AsyncClient, set_site: SetSite
) -> None:
    await set_site(secondary_navigation=[{"label": "Privacy", "url": "/privacy/"}])
    tree = parse((await client.get("/")).text)
    assert tree.xpath("//nav[@aria-label='Secondary']//a/text()") == ["Privacy"]


async def test_footer_has_feed_link_and_powered_by(client: AsyncClient) -> None:
    tree = parse((await client.get("/")).text)
    footer = tree.xpath("//body/footer")[0]
    assert footer.xpath(".//a/@href").count("http://blog.test/rss/") == 1
    assert "Powered by Inkwell" in footer.text_content()


async def test_logo_replaces_the_title_text(client: AsyncClient, set_site: SetSite) -> None:
    await set_site(logo="/content/images/logo.png", title="Logo Site")
    tree = parse((await client.get("/")).text)
    logo = by_class(tree, "site-brand")[0].xpath(".//img")[0]
    assert logo.get("src") == "http://blog.test/content/images/logo.png"
    assert logo.get("alt") == "Logo Site"


async def test_accent_colour_is_a_css_custom_property(
    client: AsyncClient, set_site: SetSite
) -> None:
    await set_site(accent_color="#aa3300")
    assert "--accent: #aa3300" in (await client.get("/")).text


async def test_lang_attribute_follows_locale(client: AsyncClient, set_site: SetSite) -> None:
    await set_site(locale="fr_CA")
    tree = parse((await client.get("/")).text)
    assert tree.get("lang") == "fr-CA"


async def test_page_has_landmarks_and_a_skip_link(client: AsyncClient) -> None:
    tree = parse((await client.get("/")).text)
    assert by_class(tree, "skip-link", "a")[0].get("href") == "#main"
    assert tree.xpath("//main[@id='main']")
    assert tree.xpath("/html/body/header") and tree.xpath("/html/body/footer")
    assert tree.xpath("//header//nav[@aria-label='Main']")


async def test_the_only_script_on_the_home_page_is_the_deferred_analytics_beacon(
    client: AsyncClient, add_post: AddPost
) -> None:
    await add_post()
    tree = parse((await client.get("/")).text)
    scripts = tree.xpath("//script[not(@type='application/ld+json')]")
    assert [(s.get("src", "").split("?")[0], s.get("defer")) for s in scripts] == [
        ("/js/stats.js", "defer")
    ]
    assert all(not (s.text or "").strip() for s in scripts)
