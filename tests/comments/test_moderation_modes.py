"""The moderation modes: post immediately, hold each new commenter's first comment (the
default), hold every comment. The other rules are off (``min_submit_seconds=0``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from inkwell.comments.settings import CommentSettings
from inkwell.content.service import Post
from tests.comments.conftest import guest, signed_in, submit

Configure = Callable[..., Awaitable[CommentSettings]]


@pytest.fixture
async def mode(configure: Configure) -> Callable[[str], Awaitable[CommentSettings]]:
    """Set the moderation mode, with the time-to-submit rule off."""

    async def set_mode(name: str) -> CommentSettings:
        return await configure(moderation=name, min_submit_seconds=0)

    return set_mode


def test_the_default_mode_holds_first_comments() -> None:
    assert CommentSettings().moderation == "first"


async def test_post_immediately_shows_a_new_commenter_at_once(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("none")
    posted = await submit(session, post, commenter=guest(email="new@example.org"))
    assert (posted.status, posted.held_reason) == ("approved", None)


async def test_first_mode_holds_a_new_guests_first_comment(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("first")
    posted = await submit(session, post, commenter=guest(email="new@example.org"))
    assert posted.status == "pending"
    assert posted.held_reason == "a new commenter's first comment"


async def test_first_mode_lets_an_approved_guests_next_comment_through(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("first")
    first = await submit(session, post, "My first words.", commenter=guest(email="ada@x.org"))
    await service.approve(session, [first.comment.id])
    # The same email in another case is the same commenter.
    second = await submit(session, post, "And more words.", commenter=guest(email="Ada@X.org"))
    assert second.status == "approved"


async def test_first_mode_keeps_holding_while_the_first_comment_waits(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("first")
    await submit(session, post, "My first words.", commenter=guest(email="ada@x.org"))
    second = await submit(session, post, "And more words.", commenter=guest(email="ada@x.org"))
    assert second.status == "pending"


async def test_first_mode_holds_a_guest_without_email_every_time(
    session: AsyncSession, post: Post, mode
) -> None:
    # Without an email or an account nothing ties two comments to one person.
    await mode("first")
    first = await submit(session, post, "My first words.")
    await service.approve(session, [first.comment.id])
    assert (await submit(session, post, "And more words.")).status == "pending"


async def test_first_mode_knows_a_signed_in_reader_by_account(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("first")
    reader = await signed_in(session)
    first = await submit(session, post, "My first words.", commenter=reader)
    assert first.status == "pending"
    await service.approve(session, [first.comment.id])
    assert (await submit(session, post, "And more words.", commenter=reader)).status == "approved"


async def test_first_mode_does_not_trust_another_readers_approval(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("first")
    first = await submit(session, post, "My first words.", commenter=await signed_in(session))
    await service.approve(session, [first.comment.id])
    other = await signed_in(session, subject="42")
    assert (await submit(session, post, "Someone else.", commenter=other)).status == "pending"


async def test_hold_all_holds_an_approved_commenters_next_comment(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("none")
    await submit(session, post, "My first words.", commenter=guest(email="ada@x.org"))
    await session.commit()
    await mode("all")
    posted = await submit(session, post, "And more words.", commenter=guest(email="ada@x.org"))
    assert (posted.status, posted.held_reason) == ("pending", "every comment waits for a moderator")


async def test_a_held_comment_is_pending_not_spam_and_not_shown(
    session: AsyncSession, post: Post, mode
) -> None:
    await mode("all")
    await submit(session, post, "Wait for me.")
    page = await service.list_thread(session, post_id=post.id)
    assert page.count == 0
    pending = await service.queue(session, status="pending")
    assert [item.status for item in pending.items] == ["pending"]


async def test_the_api_answers_a_held_comment_with_its_status(
    api: AsyncClient, post: Post, mode
) -> None:
    await mode("all")
    answer = await api.post(
        "/api/comments", json={"post_id": post.id, "body": "Hello there.", "name": "Ada"}
    )
    assert answer.status_code == 201
    assert answer.json()["status"] == "pending"
