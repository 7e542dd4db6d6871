"""Whether a thread takes new comments: the post's own switch, the site-wide switch, auto-close
after N days, and comments under pages only when the setting allows them; seen through the
service, the JSON API and the post page, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from httpx import AsyncClient, Response
from lxml import html as lxml_html
from sqlalchemy import func, select

from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.content.service import Post
from inkwell.core import events
from inkwell.core.db import Database
from inkwell.core.time import utcnow
from tests.comments.conftest import submit
from tests.factories import make_post

Configure = Callable[..., Awaitable[service.CommentSettings]]
pytestmark = pytest.mark.usefixtures("open_rules")


async def state(database: Database, post: Post) -> service.ThreadState:
    async with database.session() as session:
        return await service.thread_state(session, post.id)


async def switch(database: Database, post: Post, open: bool | None) -> None:
    async with database.session() as session:
        await service.set_thread_open(session, post.id, open)
        await session.commit()


async def post_comment(api: AsyncClient, post: Post) -> Response:
    return await api.post(
        "/api/comments", json={"post_id": post.id, "body": "Hello there.", "name": "Ada"}
    )


async def stored_comments(database: Database) -> int:
    async with database.session() as session:
        return int((await session.execute(select(func.count(Comment.id)))).scalar_one())


async def made_post(database: Database, **fields: object) -> Post:
    async with database.session() as session:
        made = await make_post(session, **fields)
        await session.commit()
    return made


# --- the post's own switch -------------------------------------------------------------------


async def test_a_new_post_takes_comments(database: Database, post: Post) -> None:
    assert await state(database, post) == service.ThreadState(True)


async def test_a_closed_post_says_why(database: Database, post: Post) -> None:
    await switch(database, post, False)
    assert await state(database, post) == service.ThreadState(
        False, "Comments are closed for this post."
    )


async def test_the_api_refuses_a_comment_on_a_closed_post_and_stores_nothing(
    api: AsyncClient, database: Database, post: Post
) -> None:
    await switch(database, post, False)
    answer = await post_comment(api, post)
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["message"] == "Comments are closed for this post."
    assert await stored_comments(database) == 0


async def test_a_closed_post_still_shows_its_comments(
    api: AsyncClient, database: Database, post: Post
) -> None:
    async with database.session() as session:
        await submit(session, post, "Said before the door closed.")
    await switch(database, post, False)
    answer = (await api.get("/api/comments", params={"post_id": post.id})).json()
    assert [c["html"] for c in answer["comments"]] == ["<p>Said before the door closed.</p>"]
    assert (answer["meta"]["open"], answer["meta"]["closed_reason"]) == (
        False,
        "Comments are closed for this post.",
    )


async def test_following_the_site_again_reopens_the_post(
    database: Database, post: Post, api: AsyncClient
) -> None:
    await switch(database, post, False)
    await switch(database, post, None)
    assert (await state(database, post)).open
    assert (await post_comment(api, post)).status_code == 201


async def test_the_switch_event_fires_only_on_a_change(
    database: Database, post: Post, heard: list[events.Event]
) -> None:
    await switch(database, post, False)
    await switch(database, post, False)
    changed = [e for e in heard if e.name == "comment.thread_changed"]
    assert [(e.data["post_id"], e.data["open"]) for e in changed] == [(post.id, False)]


async def test_switching_an_unknown_post_is_refused(database: Database) -> None:
    async with database.session() as session:
        with pytest.raises(service.CommentInputError, match="There is no such post"):
            await service.set_thread_open(session, "0" * 24, False)


# --- the site-wide switch ----------------------------------------------------------------------


async def test_the_site_switch_closes_every_post_even_one_switched_open(
    database: Database, post: Post, configure: Configure, api: AsyncClient
) -> None:
    await switch(database, post, True)
    await configure(enabled=False)
    assert await state(database, post) == service.ThreadState(
        False, "Comments are closed on this site."
    )
    answer = await post_comment(api, post)
    assert (answer.status_code, answer.json()["errors"][0]["message"]) == (
        403,
        "Comments are closed on this site.",
    )


async def test_the_post_page_says_comments_are_closed_and_has_no_form(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    await configure(enabled=False)
    home = (await api.get("/")).text
    path = next(u for u in home.split('"') if u.endswith(f"/{post.slug}/"))
    page = lxml_html.fromstring((await api.get(path)).text)
    assert page.xpath('//section[@id="comments"]//form') == []
    assert "Comments are closed on this site." in page.xpath('string(//section[@id="comments"])')


# --- auto-close --------------------------------------------------------------------------------


async def test_a_post_older_than_the_auto_close_days_is_closed(
    database: Database, configure: Configure, api: AsyncClient
) -> None:
    old = await made_post(database, published_at=utcnow() - timedelta(days=31))
    await configure(auto_close_days=30)
    assert await state(database, old) == service.ThreadState(
        False, "Comments close 30 days after publication."
    )
    assert (await post_comment(api, old)).status_code == 403


async def test_a_post_younger_than_the_auto_close_days_is_open(
    database: Database, configure: Configure
) -> None:
    recent = await made_post(database, published_at=utcnow() - timedelta(days=29))
    await configure(auto_close_days=30)
    assert (await state(database, recent)).open


async def test_no_auto_close_by_default(database: Database) -> None:
    ancient = await made_post(database, published_at=utcnow() - timedelta(days=3650))
    assert (await state(database, ancient)).open


async def test_a_post_switched_open_stays_open_past_auto_close(
    database: Database, configure: Configure, api: AsyncClient
) -> None:
    old = await made_post(database, published_at=utcnow() - timedelta(days=400))
    await configure(auto_close_days=30)
    await switch(database, old, True)
    assert (await state(database, old)).open
    assert (await post_comment(api, old)).status_code == 201


# --- pages -------------------------------------------------------------------------------------


@pytest.fixture
async def page(database: Database) -> Post:
    return await made_post(database, title="About us", slug="about-us", type="page")


async def test_a_page_with_comments_off_shows_no_comment_section(
    api: AsyncClient, page: Post
) -> None:
    html = lxml_html.fromstring((await api.get("/about-us/")).text)
    assert html.xpath('//section[@id="comments"]') == []
    assert html.xpath('//form[contains(@action, "comments")]') == []


async def test_the_api_refuses_a_comment_on_a_page_with_comments_off(
    api: AsyncClient, database: Database, page: Post
) -> None:
    answer = await post_comment(api, page)
    assert answer.status_code == 403
    assert answer.json()["errors"] == [
        {"message": "Comments are not enabled on pages of this site.", "field": "post_id"}
    ]
    assert await stored_comments(database) == 0


async def test_the_api_refuses_a_page_by_its_url_too(api: AsyncClient, page: Post) -> None:
    answer = await api.post(
        "/api/comments", json={"url": "/about-us/", "body": "Hello there.", "name": "Ada"}
    )
    assert (answer.status_code, answer.json()["errors"][0]["field"]) == (403, "url")


async def test_a_page_takes_comments_once_they_are_enabled_on_pages(
    api: AsyncClient, page: Post, configure: Configure
) -> None:
    await configure(on_pages=True)
    assert (await post_comment(api, page)).status_code == 201
    html = lxml_html.fromstring((await api.get("/about-us/")).text)
    assert html.xpath('//section[@id="comments"]//form')


async def test_a_draft_post_takes_no_comments(api: AsyncClient, database: Database) -> None:
    draft = await made_post(database, status="draft", published_at=None)
    answer = await post_comment(api, draft)
    assert (answer.status_code, answer.json()["errors"][0]["message"]) == (
        404,
        "There is no such post.",
    )
