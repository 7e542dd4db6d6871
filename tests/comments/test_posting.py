"""Posting a comment: what is checked before anything is stored, and what is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.content.service import Post
from inkwell.core.events import Event
from tests.comments.conftest import guest, submit
from tests.factories import make_post

pytestmark = pytest.mark.usefixtures("open_rules")


async def _stored(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Comment))).scalar_one())


async def _refused(session: AsyncSession, post: Post, body: str = "Fine.", **fields: object):
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, body, **fields)
    assert await _stored(session) == 0
    return caught.value


async def test_a_comment_is_stored_with_its_rendered_html(
    session: AsyncSession, post: Post
) -> None:
    posted = await submit(session, post, "Nice **work**")
    row = await session.get(Comment, posted.comment.id)
    assert row is not None
    assert (row.body, row.html) == ("Nice **work**", "<p>Nice <strong>work</strong></p>")


async def test_the_client_address_is_stored_only_as_a_salted_hash(
    session: AsyncSession, post: Post
) -> None:
    posted = await submit(session, post, address="198.51.100.7")
    row = await session.get(Comment, posted.comment.id)
    assert row is not None and row.address_hash is not None
    assert "198.51.100.7" not in row.address_hash and len(row.address_hash) == 64


async def test_the_edit_token_is_stored_only_as_a_hash(session: AsyncSession, post: Post) -> None:
    posted = await submit(session, post)
    row = await session.get(Comment, posted.comment.id)
    assert row is not None and posted.edit_token
    assert row.edit_token_hash not in (None, posted.edit_token)


async def test_an_empty_body_is_refused(session: AsyncSession, post: Post) -> None:
    error = await _refused(session, post, "   \n ")
    assert (error.field, error.status) == ("body", 422)


async def test_a_body_over_the_length_setting_is_refused(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(max_length=50)
    error = await _refused(session, post, "x" * 51)
    assert error.field == "body" and "50" in error.message


async def test_a_missing_name_is_refused(session: AsyncSession, post: Post) -> None:
    error = await _refused(session, post, commenter=guest(""))
    assert error.field == "name"


async def test_a_name_over_100_characters_is_refused(session: AsyncSession, post: Post) -> None:
    error = await _refused(session, post, commenter=guest("n" * 101))
    assert error.field == "name" and "100" in error.message


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "a b@example.org", "<a@b.org>"])
async def test_a_bad_email_is_refused(session: AsyncSession, post: Post, email: str) -> None:
    error = await _refused(session, post, commenter=guest(email=email))
    assert error.field == "email"


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "ftp://example.org", "example.org", 'https://x.org/"a']
)
async def test_a_bad_website_is_refused(session: AsyncSession, post: Post, website: str) -> None:
    error = await _refused(session, post, commenter=guest(website=website))
    assert error.field == "website"


async def test_an_unknown_post_is_404(session: AsyncSession, post: Post) -> None:
    with pytest.raises(service.CommentInputError) as caught:
        submission = service.Submission(body="Hi", commenter=guest(), post_id="nope")
        await service.post_comment(session, submission)
    assert (caught.value.status, caught.value.field) == (404, "post_id")


async def test_a_draft_takes_no_comments(session: AsyncSession) -> None:
    draft = await make_post(session, status="draft", published_at=None)
    error = await _refused(session, draft)
    assert error.status == 404


async def test_a_page_takes_comments_only_when_pages_are_on(
    session: AsyncSession, configure
) -> None:
    page = await make_post(session, type="page")
    await session.commit()
    assert (await _refused(session, page)).status == 403
    await session.commit()
    await configure(on_pages=True)
    assert (await submit(session, page)).status == "approved"


async def test_a_reply_to_a_comment_of_another_post_is_refused(
    session: AsyncSession, post: Post
) -> None:
    other = await make_post(session)
    elsewhere = await submit(session, other)
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, parent_id=elsewhere.comment.id)
    assert caught.value.field == "parent_id"


async def test_a_reply_to_a_deleted_comment_is_refused(session: AsyncSession, post: Post) -> None:
    first = await submit(session, post)
    await service.delete_own_comment(session, first.comment.id, edit_token=first.edit_token)
    with pytest.raises(service.CommentInputError) as caught:
        await submit(session, post, "Answer", parent_id=first.comment.id)
    assert caught.value.field == "parent_id"


async def test_a_reply_to_an_unknown_comment_is_refused(session: AsyncSession, post: Post) -> None:
    error = await _refused(session, post, parent_id="missing")
    assert error.field == "parent_id"


async def test_a_closed_post_refuses_comments(session: AsyncSession, post: Post) -> None:
    await service.set_thread_open(session, post.id, False)
    error = await _refused(session, post)
    assert error.status == 403 and "closed" in error.message


async def test_comments_closed_site_wide_refuse_comments(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(enabled=False)
    assert (await _refused(session, post)).status == 403


async def test_threads_close_after_the_auto_close_days(session: AsyncSession, configure) -> None:
    from inkwell.core.time import utcnow

    # An explicit date: the factory's dates step a day per post, so late in a run they are future.
    old = await make_post(session, published_at=utcnow() - timedelta(days=3))
    await session.commit()
    await configure(auto_close_days=1)
    error = await _refused(session, old)
    assert error.status == 403 and "1 days" in error.message


async def test_a_post_switched_open_stays_open_past_auto_close(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(auto_close_days=1)
    await service.set_thread_open(session, post.id, True)
    assert (await submit(session, post)).status == "approved"


async def test_a_recent_post_is_open_under_auto_close(session: AsyncSession, configure) -> None:
    from inkwell.core.time import utcnow

    fresh = await make_post(session, published_at=utcnow() - timedelta(hours=1))
    await session.commit()
    await configure(auto_close_days=30)
    assert (await service.thread_state(session, fresh.id)).open


async def test_guests_are_refused_when_guest_comments_are_off(
    session: AsyncSession, post: Post, configure
) -> None:
    await configure(guests=False)
    error = await _refused(session, post)
    assert error.status == 403 and "Sign in" in error.message


async def test_posting_emits_added_and_approved_with_the_event_data(
    database, post: Post, heard: list[Event]
) -> None:
    async with database.session() as session:
        posted = await submit(session, post)
        await session.commit()
    kinds = [event.name for event in heard if event.name.startswith("comment.")]
    assert kinds == ["comment.added", "comment.approved"]
    data = heard[-1].data
    assert data["post_id"] == post.id and data["comment_id"] == posted.comment.id
    assert data["parent_id"] is None and data["status"] == "approved" and data["thread_id"]


async def test_a_reply_asks_for_reply_mails_only_with_an_email(
    session: AsyncSession, post: Post
) -> None:
    with_mail = await submit(
        session, post, commenter=guest(email="ada@example.org"), notify_replies=True
    )
    without = await submit(session, post, "Other words", notify_replies=True)
    rows = [await session.get(Comment, p.comment.id) for p in (with_mail, without)]
    assert [row.notify_replies for row in rows if row] == [True, False]
