"""The Akismet-compatible check, against a stand-in for its comment-check on 127.0.0.1: asked
only when a key is set; "true" files the comment as spam; any failure holds it as pending
(never lost, never a 500)."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import akismet as akismet_module
from inkwell.comments import service
from inkwell.comments.models import Comment, CommentSetting
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.conftest import OpenApi, guest, widget_token
from tests.comments.fake_akismet import FakeAkismet, closed_port_url

pytestmark = pytest.mark.usefixtures("open_rules")
LOCAL = ("127.0.0.1",)  # INKWELL_FETCH_ALLOWED_HOSTS: the stand-in runs on loopback


@pytest.fixture
async def keyed(akismet: FakeAkismet, configure) -> FakeAkismet:
    """The check switched on: a key, and the stand-in as its endpoint."""
    await configure(akismet_key="test-key", akismet_url=akismet.url)
    return akismet


async def _post(
    session: AsyncSession, post: Post, body: str = "A fine post.", **fields: Any
) -> service.Posted:
    allowed = fields.pop("allowed", LOCAL)
    fields.setdefault("commenter", guest(email="ada@example.org", website="https://ada.example"))
    fields.setdefault("form_token", await service.issue_form_token(session))
    submission = service.Submission(
        body=body, post_id=post.id, address="192.0.2.1", user_agent="Browser/1", **fields
    )
    return await service.post_comment(
        session, submission, site_url="http://blog.test", fetch_allowed_hosts=allowed
    )


async def test_without_a_key_no_request_is_made(
    session: AsyncSession, post: Post, akismet: FakeAkismet, configure
) -> None:
    await configure(akismet_url=akismet.url)
    assert (await _post(session, post)).status == "approved"
    assert akismet.received == []


async def test_not_spam_lets_the_comment_through(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    assert (await _post(session, post)).status == "approved"
    assert len(keyed.received) == 1


async def test_the_check_is_sent_the_comment_in_akismets_fields(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    await _post(session, post, "Hello **there**", referrer="http://blog.test/a/")
    [form] = keyed.received
    assert form["api_key"] == "test-key"  # in the body, never in a URL that could be logged
    assert form["blog"] == "http://blog.test"
    assert (form["user_ip"], form["user_agent"]) == ("192.0.2.1", "Browser/1")
    assert form["referrer"] == "http://blog.test/a/"
    assert (form["comment_type"], form["comment_content"]) == ("comment", "Hello **there**")
    assert (form["comment_author"], form["comment_author_email"]) == ("Ada", "ada@example.org")
    assert form["comment_author_url"] == "https://ada.example"


async def test_spam_says_spam_files_the_comment_as_spam(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    keyed.answer = "true"
    posted = await _post(session, post)
    assert (posted.status, posted.held_reason) == ("spam", "the spam check says spam")


async def test_spam_wins_over_a_rule_that_only_holds(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    keyed.answer = "true"
    assert (await _post(session, post, form_token=None)).status == "spam"


async def test_a_server_error_holds_the_comment(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    keyed.status = 500
    posted = await _post(session, post)
    assert (posted.status, posted.held_reason) == (
        "pending",
        "the spam check could not be reached",
    )
    assert await session.get(Comment, posted.comment.id) is not None


async def test_an_unclear_answer_holds_the_comment(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    keyed.answer = "invalid"  # Akismet's answer to a bad key
    posted = await _post(session, post)
    assert (posted.status, posted.held_reason) == ("pending", "the spam check gave no clear answer")


async def test_an_unreachable_service_holds_the_comment(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(akismet_key="test-key", akismet_url=closed_port_url())
    posted = await _post(session, post)
    assert (posted.status, posted.held_reason) == (
        "pending",
        "the spam check could not be reached",
    )


async def test_a_service_too_slow_to_answer_holds_the_comment(
    session: AsyncSession, post: Post, keyed: FakeAkismet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(akismet_module, "TIME_LIMIT", 0.2)  # rather than waiting ten seconds
    keyed.delay = 2.0
    posted = await _post(session, post)
    assert (posted.status, posted.held_reason) == (
        "pending",
        "the spam check could not be reached",
    )


async def test_a_loopback_endpoint_not_allowed_is_not_contacted(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    # core.fetch refuses loopback unless INKWELL_FETCH_ALLOWED_HOSTS names it.
    posted = await _post(session, post, allowed=())
    assert posted.status == "pending" and keyed.received == []


async def test_a_honeypot_catch_asks_no_one(
    session: AsyncSession, post: Post, keyed: FakeAkismet
) -> None:
    assert (await _post(session, post, honeypot="x")).status == "spam"
    assert keyed.received == []


async def test_an_endpoint_with_a_trailing_slash_works(
    session: AsyncSession, post: Post, akismet: FakeAkismet, configure
) -> None:
    await configure(akismet_key="test-key", akismet_url=akismet.url + "/")
    assert (await _post(session, post)).status == "approved"
    assert len(akismet.received) == 1


@pytest.mark.parametrize("url", ["ftp://akismet.example", "rest.akismet.com", "https://"])
async def test_an_endpoint_that_is_not_an_http_address_is_refused(configure, url: str) -> None:
    with pytest.raises(service.CommentSettingsError) as caught:
        await configure(akismet_url=url)
    assert caught.value.field == "akismet_url"


async def test_an_endpoint_stored_before_the_rule_falls_back_to_akismets(
    session: AsyncSession,
) -> None:
    # An older version stored whatever the admin's field held, a blank one included.
    session.add(CommentSetting(key="akismet_url", value=""))
    session.add(CommentSetting(key="max_links", value=1))
    await session.flush()
    loaded = await service.read_settings(session)
    assert (loaded.akismet_url, loaded.max_links) == ("https://rest.akismet.com", 1)


# --- over HTTP ------------------------------------------------------------------------------


async def _api_post(http: AsyncClient, post: Post) -> Any:
    """Post as the widget does: with the form token the thread's read handed out."""
    token = await widget_token(http, post)
    body = {"post_id": post.id, "body": "Through the API.", "name": "Ada", "form_token": token}
    return await http.post("/api/comments", json=body)


async def test_the_api_holds_a_comment_when_the_service_is_down(
    open_api: OpenApi, post: Post, configure, database: Database
) -> None:
    await configure(akismet_key="test-key", akismet_url=closed_port_url())
    async with open_api(fetch_allowed_hosts=LOCAL) as http:
        answer = await _api_post(http, post)
    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    async with database.session() as session:
        row = (await session.execute(select(Comment))).scalar_one()
    assert row.held_reason == "the spam check could not be reached"


async def test_the_api_files_spam_and_tells_the_site_address(
    open_api: OpenApi, post: Post, keyed: FakeAkismet, database: Database
) -> None:
    keyed.answer = "true"
    async with open_api(fetch_allowed_hosts=LOCAL) as http:
        answer = await _api_post(http, post)
    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    assert keyed.received[0]["blog"] == "http://blog.test"
    assert keyed.received[0]["user_ip"] == "127.0.0.1"
    async with database.session() as session:
        assert (await session.execute(select(Comment.status))).scalar_one() == "spam"
