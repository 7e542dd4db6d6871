"""Spam defences with no third party: honeypot, blocked words, the time-to-submit token,
maximum links and duplicates. Only the honeypot and blocked words file a comment as spam;
every other rule holds it as pending; a double submit is refused (409)."""

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
from tests.comments.conftest import guest, signed_in, submit, widget_token
from tests.factories import make_post

pytestmark = pytest.mark.usefixtures("open_rules")

LONG_TEXT = "Buy cheap watches at the shop down the road today."


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


# --- duplicates ----------------------------------------------------------------------------


async def test_the_same_comment_twice_in_a_thread_is_refused(
    session: AsyncSession, post: Post
) -> None:
    await submit(session, post, "Great post, thanks!", commenter=guest(email="ada@x.org"))
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, " great POST, thanks! ", commenter=guest(email="ada@x.org"))
    assert (caught.value.status, caught.value.field) == (409, "body")
    assert caught.value.message == "You already posted this comment here."
    assert await _stored(session) == 1


async def test_the_api_refuses_a_double_submit_with_409_naming_the_body(
    api: AsyncClient, post: Post
) -> None:
    token = await widget_token(api, post)
    comment = {"post_id": post.id, "body": "Twice over.", "name": "Ada", "form_token": token}
    assert (await api.post("/api/comments", json=comment)).json()["status"] == "approved"
    again = await api.post("/api/comments", json=comment)
    assert again.status_code == 409
    assert again.json()["errors"] == [
        {"message": "You already posted this comment here.", "field": "body"}
    ]


async def test_a_double_submit_of_a_held_comment_says_it_waits(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(moderation="all")
    await submit(session, post, "Great post, thanks!", commenter=guest(email="ada@x.org"))
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, "Great post, thanks!", commenter=guest(email="ada@x.org"))
    assert caught.value.message == (
        "You already posted this comment here: it is waiting for a moderator."
    )


async def test_a_guest_without_email_repeating_from_one_address_is_refused(
    session: AsyncSession, post: Post
) -> None:
    await submit(session, post, "Great post, thanks!")
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, "Great post, thanks!")
    assert caught.value.status == 409


async def test_the_same_long_text_on_another_post_is_held(
    session: AsyncSession, post: Post
) -> None:
    other = await make_post(session, title="Another post")
    await submit(session, post, LONG_TEXT)
    posted = await submit(session, other, LONG_TEXT)
    assert (posted.status, posted.held_reason) == ("pending", "the same text was posted before")


async def test_the_same_long_text_from_someone_else_is_held(
    session: AsyncSession, post: Post
) -> None:
    await submit(session, post, LONG_TEXT, commenter=guest(email="a@x.org"))
    posted = await submit(
        session, post, LONG_TEXT, commenter=guest("Bo", email="b@x.org"), address="192.0.2.99"
    )
    assert posted.status == "pending"


async def test_a_short_common_text_from_two_people_passes(
    session: AsyncSession, post: Post
) -> None:
    await submit(session, post, "Thanks!", commenter=guest(email="a@x.org"))
    posted = await submit(
        session, post, "Thanks!", commenter=guest("Bo", email="b@x.org"), address="192.0.2.99"
    )
    assert posted.status == "approved"


async def test_a_non_ascii_duplicate_in_another_case_is_refused(
    session: AsyncSession, post: Post
) -> None:
    await submit(session, post, "ÜBER GUT, DANKE", commenter=guest(email="a@x.org"))
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, "über gut, danke", commenter=guest(email="a@x.org"))
    assert caught.value.status == 409


# --- what each rule files as -----------------------------------------------------------------


async def test_a_held_comment_waits_in_the_queue_as_pending(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(max_links=0)
    posted = await submit(session, post, "See https://a.example")
    queued = await service.queue(session, status="pending")
    assert [item.id for item in queued.items] == [posted.comment.id]
    assert await _stored(session, "spam") == 0


# --- blocked commenters --------------------------------------------------------------------


async def test_a_commenter_blocked_by_email_is_refused_from_any_address(
    session: AsyncSession, post: Post
) -> None:
    first = await submit(session, post, "Words 1", commenter=guest(email="spam@x.org"))
    await service.block(session, first.comment.id, ["email"])
    with pytest.raises(service.CommentInputError) as caught:
        await submit(
            session, post, "Words 2", commenter=guest(email="SPAM@x.org"), address="198.51.100.9"
        )
    assert (caught.value.status, caught.value.message) == (
        403,
        "You can no longer comment on this site.",
    )
    assert await _stored(session) == 1


async def test_a_reader_blocked_by_account_is_refused(session: AsyncSession, post: Post) -> None:
    grace = await signed_in(session)
    first = await submit(session, post, "Words 1", commenter=grace)
    await service.block(session, first.comment.id, ["reader"])
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, "Words 2", commenter=grace, address="198.51.100.9")
    assert caught.value.status == 403


async def test_a_block_of_one_commenter_leaves_others_alone(
    session: AsyncSession, post: Post
) -> None:
    first = await submit(session, post, "Words 1", commenter=guest(email="spam@x.org"))
    await service.block(session, first.comment.id, ["email"])
    other = await submit(session, post, "Words 2", commenter=guest(email="friend@x.org"))
    assert other.status == "approved"
