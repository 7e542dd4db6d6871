"""Spam defences with no third party: honeypot, blocked words, the time-to-submit token and
maximum links. Only the honeypot and blocked words file a comment as spam; the other rules
hold it as pending (duplicates and blocks: test_refusals)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from httpx import AsyncClient
from itsdangerous import TimestampSigner
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.content.service import Post
from inkwell.core.time import utcnow
from tests.comments.conftest import guest, submit, widget_token

pytestmark = pytest.mark.usefixtures("open_rules")


async def _stored(session: AsyncSession, status: str | None = None) -> int:
    query = select(func.count()).select_from(Comment)
    if status is not None:
        query = query.where(Comment.status == status)
    return int((await session.execute(query)).scalar_one())


# --- honeypot ------------------------------------------------------------------------------


async def test_a_filled_honeypot_files_the_comment_as_spam(
    session: AsyncSession, post: Post
) -> None:
    posted = await submit(session, post, honeypot="http://spam.example")
    assert (posted.status, posted.held_reason) == (
        "spam",
        "the hidden honeypot field was filled in",
    )
    assert await _stored(session, "spam") == 1


async def test_a_honeypot_of_only_spaces_counts_as_empty(session: AsyncSession, post: Post) -> None:
    assert (await submit(session, post, honeypot="  ")).status == "approved"


async def test_the_api_answers_honeypot_spam_as_pending(api: AsyncClient, post: Post) -> None:
    # Telling a robot which rule caught it would teach it to dodge the rule.
    answer = await api.post(
        "/api/comments",
        json={"post_id": post.id, "body": "Hi", "name": "Bot", "honeypot": "filled"},
    )
    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    assert "honeypot" not in answer.text


# --- blocked words -------------------------------------------------------------------------


async def test_a_blocked_word_in_the_body_files_the_comment_as_spam(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(blocked_words=["Casino"])
    posted = await submit(session, post, "Visit my CASINO tonight")
    assert (posted.status, posted.held_reason) == ("spam", "contains the blocked word 'casino'")


async def test_a_blocked_word_in_the_name_files_the_comment_as_spam(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(blocked_words=["casino"])
    posted = await submit(session, post, "Nice post", commenter=guest("Casino King"))
    assert posted.status == "spam"


async def test_a_blocked_word_matches_whole_words_only(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(blocked_words=["ass"])
    assert (await submit(session, post, "A classic assessment.")).status == "approved"


# --- time to submit ------------------------------------------------------------------------


async def test_a_comment_sent_sooner_than_the_minimum_time_is_held(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(min_submit_seconds=60)
    posted = await submit(session, post)  # a token issued just now
    assert (posted.status, posted.held_reason) == (
        "pending",
        "sent too quickly after the form loaded",
    )


async def test_a_comment_sent_after_the_minimum_time_goes_through(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(min_submit_seconds=60)
    token = await service.issue_form_token(session, issued_at=utcnow() - timedelta(minutes=2))
    assert (await submit(session, post, form_token=token)).status == "approved"


async def test_a_comment_without_a_token_is_held(session: AsyncSession, post: Post) -> None:
    posted = await submit(session, post, form_token=None)
    assert (posted.status, posted.held_reason) == ("pending", "sent without a form token")


@pytest.mark.parametrize("token", ["made-up", "abc.def.ghi"])
async def test_a_forged_token_is_held(session: AsyncSession, post: Post, token: str) -> None:
    posted = await submit(session, post, form_token=token)
    assert (posted.status, posted.held_reason) == (
        "pending",
        "the form token is not one this site issued",
    )


async def test_a_token_signed_with_another_secret_is_held(
    session: AsyncSession, post: Post
) -> None:
    stranger = TimestampSigner("not this site's secret", salt="inkwell.comments.form")
    posted = await submit(session, post, form_token=stranger.sign("x").decode())
    assert posted.held_reason == "the form token is not one this site issued"


async def test_an_expired_token_is_held(session: AsyncSession, post: Post) -> None:
    token = await service.issue_form_token(session, issued_at=utcnow() - timedelta(days=31))
    posted = await submit(session, post, form_token=token)
    assert (posted.status, posted.held_reason) == (
        "pending",
        "the form was loaded more than 30 days before",
    )


async def test_a_json_client_without_the_token_is_held_not_refused(
    api: AsyncClient, post: Post, database
) -> None:
    answer = await api.post(
        "/api/comments", json={"post_id": post.id, "body": "From a script.", "name": "Ada"}
    )
    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    async with database.session() as session:
        row = (await session.execute(select(Comment))).scalar_one()
    assert (row.status, row.held_reason) == ("pending", "sent without a form token")


async def test_the_token_the_thread_read_hands_out_is_accepted(
    api: AsyncClient, post: Post
) -> None:
    token = await widget_token(api, post)
    answer = await api.post(
        "/api/comments",
        json={"post_id": post.id, "body": "Hello.", "name": "Ada", "form_token": token},
    )
    assert answer.status_code == 201 and answer.json()["status"] == "approved"


# --- links ---------------------------------------------------------------------------------


async def test_more_links_than_the_setting_hold_the_comment(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(max_links=1)
    posted = await submit(session, post, "See https://a.example and https://b.example")
    assert (posted.status, posted.held_reason) == ("pending", "more than 1 links")


async def test_links_up_to_the_setting_pass(session: AsyncSession, post: Post, configure) -> None:
    await configure(max_links=1)
    assert (await submit(session, post, "See https://a.example")).status == "approved"


# --- what each rule files as -----------------------------------------------------------------


async def test_a_held_comment_waits_in_the_queue_as_pending(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(max_links=0)
    posted = await submit(session, post, "See https://a.example")
    queued = await service.queue(session, status="pending")
    assert [item.id for item in queued.items] == [posted.comment.id]
    assert await _stored(session, "spam") == 0
