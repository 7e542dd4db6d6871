"""The no-JavaScript comment form (``POST /comments/form``): the same rules as the API; a
published comment goes back to its permalink, a held one gets a page saying so, refused input
re-shows the form with a precise message and everything typed, a rate limit sends Retry-After."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient, Response
from lxml import html as lxml_html
from sqlalchemy import func, select

from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.conftest import OpenApi
from tests.comments.fake_akismet import FakeAkismet
from tests.comments.test_post_page import path_of

pytestmark = pytest.mark.usefixtures("open_rules")


async def _send(http: AsyncClient, post: Post, **fields: str) -> Response:
    """Send the form as a browser would, from the post page and with the token it carries."""
    path = await path_of(http, post.slug)
    page = lxml_html.fromstring((await http.get(path)).text)
    [token] = page.xpath('//section[@id="comments"]//input[@name="form_token"]/@value')
    form = {"post_id": post.id, "form_token": token, "name": "Ada", "body": "Nice post."}
    headers = {"Referer": f"http://blog.test{path}"}
    return await http.post(service.FORM_PATH, data=form | fields, headers=headers)


async def _rows(database: Database) -> list[Comment]:
    async with database.session() as session:
        return list((await session.execute(select(Comment))).scalars())


def _form_of(answer: Response) -> Any:
    return lxml_html.fromstring(answer.text).xpath("//form")[0]


async def test_a_published_comment_redirects_to_its_permalink(
    api: AsyncClient, post: Post, database: Database
) -> None:
    answer = await _send(api, post, body="Well said.")
    [row] = await _rows(database)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{await path_of(api, post.slug)}#comment-{row.id}"
    assert (row.status, row.body) == ("approved", "Well said.")


async def test_the_permalink_shows_the_new_comment(api: AsyncClient, post: Post) -> None:
    answer = await _send(api, post, body="Well said.")
    path, _, anchor = answer.headers["location"].partition("#")
    page = lxml_html.fromstring((await api.get(path)).text)
    assert page.xpath(f'//*[@id="{anchor}"]')


async def test_a_held_comment_gets_a_page_saying_it_waits(
    api: AsyncClient, post: Post, configure, database: Database
) -> None:
    await configure(moderation="all")
    answer = await _send(api, post, body="Please *approve* me.")
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    page = lxml_html.fromstring(answer.text)
    assert "waiting for moderation" in page.xpath("string(//*[@role='status'])")
    assert page.xpath("//div[@class='ikc-body']//em/text()") == ["approve"]
    assert page.xpath("//a/@href") == [f"{await path_of(api, post.slug)}#comments"]
    assert [row.status for row in await _rows(database)] == ["pending"]


async def test_a_honeypot_catch_looks_held_to_the_sender(
    api: AsyncClient, post: Post, database: Database
) -> None:
    answer = await _send(api, post, honeypot="http://spam.example")
    assert answer.status_code == 200 and "waiting for moderation" in answer.text
    assert [row.status for row in await _rows(database)] == ["spam"]


async def test_a_bad_email_reshows_the_form_with_what_was_typed(
    api: AsyncClient, post: Post, database: Database
) -> None:
    typed = "My <b>long</b> thoughts\nover two lines."
    answer = await _send(api, post, body=typed, email="not-an-email", website="https://a.org")
    assert answer.status_code == 422
    page = lxml_html.fromstring(answer.text)
    assert page.xpath("string(//*[@role='alert'])") == "That is not an email address."
    form = _form_of(answer)
    assert form.xpath("string(.//textarea[@name='body'])").removeprefix("\n") == typed
    assert form.xpath(".//input[@name='email']/@value") == ["not-an-email"]
    assert form.xpath(".//input[@name='email']/@aria-invalid") == ["true"]
    assert form.xpath(".//input[@name='website']/@value") == ["https://a.org"]
    assert await _rows(database) == []


async def test_an_empty_body_reshows_the_form_naming_the_body(api: AsyncClient, post: Post) -> None:
    answer = await _send(api, post, body="   ", name="Grace")
    assert answer.status_code == 422
    assert "Write something before posting." in answer.text
    form = _form_of(answer)
    assert form.xpath(".//textarea/@aria-invalid") == ["true"]
    assert form.xpath(".//input[@name='name']/@value") == ["Grace"]


async def test_the_reshown_form_carries_a_token_that_works(
    api: AsyncClient, post: Post, database: Database
) -> None:
    refused = await _send(api, post, email="not-an-email")
    fields = {i.get("name"): i.get("value") or "" for i in _form_of(refused).xpath(".//input")}
    fields |= {"body": "Second try.", "email": "ada@example.org", "honeypot": ""}
    answer = await api.post(service.FORM_PATH, data=fields)
    assert answer.status_code == 303
    [row] = await _rows(database)
    assert row.held_reason is None


async def test_a_duplicate_reshows_the_form_with_409(api: AsyncClient, post: Post) -> None:
    await _send(api, post, body="The very same words.")
    answer = await _send(api, post, body="The very same words.")
    assert answer.status_code == 409 and "You already posted this comment here." in answer.text


async def test_a_rate_limit_reshows_the_form_with_retry_after(
    api: AsyncClient, post: Post, configure, database: Database
) -> None:
    await configure(per_address_per_hour=1)
    await _send(api, post, body="First.")
    answer = await _send(api, post, body="Second, kept.")
    assert answer.status_code == 429
    assert 3000 < int(answer.headers["retry-after"]) <= 3600
    assert "Too many comments in an hour" in answer.text
    assert _form_of(answer).xpath("string(.//textarea)").removeprefix("\n") == "Second, kept."
    assert len(await _rows(database)) == 1


async def test_an_unknown_post_is_404(api: AsyncClient, post: Post) -> None:
    answer = await api.post(service.FORM_PATH, data={"post_id": "nope", "body": "Hi", "name": "A"})
    assert answer.status_code == 404 and answer.text == "There is no such post to comment on."


async def test_json_sent_to_the_form_is_415(api: AsyncClient, post: Post) -> None:
    answer = await api.post(service.FORM_PATH, json={"post_id": post.id, "body": "Hi"})
    assert answer.status_code == 415


async def test_the_form_passes_the_site_address_and_fetch_settings_to_the_spam_check(
    open_api: OpenApi, post: Post, akismet: FakeAkismet, configure, database: Database
) -> None:
    await configure(akismet_key="test-key", akismet_url=akismet.url)
    async with open_api(fetch_allowed_hosts=("127.0.0.1",)) as http:
        path = await path_of(http, post.slug)
        answer = await _send(http, post, body="Checked by the service.")
    assert answer.status_code == 303  # the check was reached and said "false"
    [form] = akismet.received
    assert form["blog"] == "http://blog.test"
    assert form["referrer"] == f"http://blog.test{path}"
    async with database.session() as session:
        count = select(func.count()).select_from(Comment).where(Comment.status == "approved")
        assert (await session.execute(count)).scalar_one() == 1
