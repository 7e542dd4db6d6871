"""Comments on the post page: server-rendered, a plain form, counts on listings, cached pages
dropped only when that post's comments change."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from httpx import AsyncClient
from lxml import html as lxml_html

from inkwell.comments import service
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.conftest import guest, submit
from tests.factories import make_post
from tests.test_http_caching import served_from_cache

Configure = Callable[..., Awaitable[service.CommentSettings]]


async def path_of(api: AsyncClient, slug: str) -> str:
    """The post's path, as the home page links it."""
    home = (await api.get("/")).text
    return next(u for u in home.split('"') if u.endswith(f"/{slug}/")).removeprefix(
        "http://blog.test"
    )


async def comment_on(database: Database, post: Post, body: str, **fields: Any) -> str:
    async with database.session() as session:
        posted = await submit(session, post, body, **fields)
    return posted.comment.id


def tree(text: str) -> Any:
    return lxml_html.fromstring(text)


def cls(element: Any, name: str) -> list[Any]:
    """Elements under ``element`` with the class ``name``."""
    return list(
        element.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
    )


@pytest.mark.usefixtures("open_rules")
async def test_approved_comments_are_in_the_page(
    api: AsyncClient, database: Database, post: Post
) -> None:
    first = await comment_on(database, post, "Well *argued*.", commenter=guest("Grace"))
    page = tree((await api.get(await path_of(api, post.slug))).text)
    item = page.get_element_by_id(f"comment-{first}")
    assert cls(item, "ikc-name")[0].text_content() == "Grace"
    assert cls(item, "ikc-body")[0].xpath(".//em")[0].text == "argued"
    assert page.get_element_by_id("comments-title").text_content() == "1 comment"


@pytest.mark.usefixtures("open_rules")
async def test_replies_are_nested_under_their_parent(
    api: AsyncClient, database: Database, post: Post
) -> None:
    parent = await comment_on(database, post, "A question?")
    reply = await comment_on(database, post, "An answer.", parent_id=parent)
    page = tree((await api.get(await path_of(api, post.slug))).text)
    nested = page.xpath(f'//li[@id="comment-{parent}"]/ol/li')
    assert [li.get("id") for li in nested] == [f"comment-{reply}"]


async def test_held_comment_is_not_in_the_page(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    await configure(moderation="all", min_submit_seconds=0)
    held = await comment_on(database, post, "Waiting here.")
    text = (await api.get(await path_of(api, post.slug))).text
    assert f"comment-{held}" not in text
    assert "Waiting here." not in text


async def test_page_has_a_plain_form_to_the_form_route(api: AsyncClient, post: Post) -> None:
    page = tree((await api.get(await path_of(api, post.slug))).text)
    form = page.xpath('//section[@id="comments"]//form')[0]
    assert form.get("method") == "post"
    assert form.get("action") == "/comments/form"
    names = {field.get("name") for field in form.xpath(".//input | .//textarea")}
    assert {"post_id", "form_token", "name", "email", "website", "body", "honeypot"} <= names
    for field in form.xpath('.//input[not(@type="hidden")] | .//textarea'):
        if field.get("name") != "honeypot":
            labelled = field.xpath("ancestor::label") or page.xpath(
                f'//label[@for="{field.get("id")}"]'
            )
            assert labelled, field.get("name")


async def test_page_loads_the_widget_for_this_post(api: AsyncClient, post: Post) -> None:
    page = tree((await api.get(await path_of(api, post.slug))).text)
    script = page.xpath("//script[@data-post-id]")[0]
    assert script.get("data-post-id") == post.id
    assert script.get("src") == service.widget_script_url()
    assert script.get("async") is not None


async def test_reading_a_post_sets_no_cookie(api: AsyncClient, post: Post) -> None:
    response = await api.get(await path_of(api, post.slug))
    assert "set-cookie" not in response.headers


async def test_closed_thread_says_so_and_has_no_form(
    api: AsyncClient, database: Database, post: Post
) -> None:
    async with database.session() as session:
        await service.set_thread_open(session, post.id, False)
    page = tree((await api.get(await path_of(api, post.slug))).text)
    assert page.xpath('//section[@id="comments"]//form') == []
    assert cls(page, "ikc-closed")[0].text_content().strip()


async def test_guests_off_leaves_only_the_comment_box(
    api: AsyncClient, post: Post, configure: Configure
) -> None:
    await configure(guests=False)
    page = tree((await api.get(await path_of(api, post.slug))).text)
    assert page.xpath('//section[@id="comments"]//input[@name="name"]') == []


async def test_pages_have_no_comments_unless_the_setting_says_so(
    api: AsyncClient, database: Database, configure: Configure
) -> None:
    async with database.session() as session:
        await make_post(session, title="About us", slug="about-us", type="page")
    assert 'id="comments"' not in (await api.get("/about-us/")).text
    await configure(on_pages=True)
    assert 'id="comments"' in (await api.get("/about-us/")).text


@pytest.mark.usefixtures("open_rules")
async def test_home_page_shows_comment_counts(
    api: AsyncClient, database: Database, post: Post
) -> None:
    await comment_on(database, post, "One.")
    await comment_on(database, post, "Two.", commenter=guest("Bea"))
    page = tree((await api.get("/")).text)
    count = cls(page, "post-card-comments")[0]
    assert count.text_content() == "2 comments"
    assert count.get("href").endswith(f"/{post.slug}/#comments")


@pytest.mark.usefixtures("open_rules")
async def test_cached_post_page_drops_when_its_comments_change(
    api: AsyncClient, database: Database, post: Post
) -> None:
    path = await path_of(api, post.slug)
    await api.get(path)
    assert await served_from_cache(api, path)
    new = await comment_on(database, post, "Fresh.")
    assert not await served_from_cache(api, path)
    assert f"comment-{new}" in (await api.get(path)).text
    assert await served_from_cache(api, path)
