"""Refused before anything is stored: a double submit (409) and a blocked commenter (403).
The same longer text posted elsewhere, or by someone else, is held rather than refused."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.content.service import Post
from tests.comments.conftest import guest, signed_in, submit, widget_token
from tests.factories import make_post

pytestmark = pytest.mark.usefixtures("open_rules")

LONG_TEXT = "Buy cheap watches at the shop down the road today."


async def _stored(session: AsyncSession) -> int:
    query = select(func.count()).select_from(Comment)
    return int((await session.execute(query)).scalar_one())


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
