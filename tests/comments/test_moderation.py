"""Moderation actions on SQLite and PostgreSQL: approve, spam, remove (tombstones), edit, and
the event each change emits; one unknown id refuses the batch with nothing changed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service
from inkwell.comments.models import Comment
from inkwell.core import events
from tests.comments.moderation_fixtures import make_comment, make_thread


async def status_of(session: AsyncSession, comment_id: str) -> str | None:
    found = await session.scalar(select(Comment.status).where(Comment.id == comment_id))
    return None if found is None else str(found)


def emitted(session: AsyncSession, name: str) -> list[dict[str, object]]:
    return [dict(e.data) for e in events.queued(session) if e.name == name]


async def test_approve_shows_pending_comments_and_counts_only_changes(
    session: AsyncSession,
) -> None:
    thread = await make_thread(session)
    waiting = await make_comment(session, thread)
    shown = await make_comment(session, thread, status="approved")
    assert await service.approve(session, [waiting.id, shown.id]) == 1
    assert await status_of(session, waiting.id) == "approved"
    assert waiting.approved_at is not None


async def test_approve_emits_the_comment_event_contract(session: AsyncSession) -> None:
    thread = await make_thread(session)
    parent = await make_comment(session, thread, status="approved")
    reply = await make_comment(session, thread, parent=parent)
    await service.approve(session, [reply.id])
    assert emitted(session, "comment.approved") == [
        {
            "post_id": thread.post_id,
            "thread_id": thread.id,
            "comment_id": reply.id,
            "parent_id": parent.id,
            "status": "approved",
            "previous_status": "pending",
        }
    ]


async def test_mark_spam_hides_a_comment_and_emits_comment_spam(session: AsyncSession) -> None:
    thread = await make_thread(session)
    comment = await make_comment(session, thread, status="approved")
    assert await service.mark_spam(session, [comment.id]) == 1
    assert await status_of(session, comment.id) == "spam"
    assert [d["status"] for d in emitted(session, "comment.spam")] == ["spam"]


async def test_an_unknown_id_refuses_the_whole_batch(session: AsyncSession) -> None:
    thread = await make_thread(session)
    comment = await make_comment(session, thread)
    with pytest.raises(service.UnknownComments) as refused:
        await service.approve(session, [comment.id, "0" * 24])
    assert refused.value.ids == ("0" * 24,)
    assert str(refused.value) == f"no comment has the id {'0' * 24}"
    assert await status_of(session, comment.id) == "pending"
    assert emitted(session, "comment.approved") == []


async def test_no_ids_is_refused(session: AsyncSession) -> None:
    with pytest.raises(service.ModerationError, match="at least one comment"):
        await service.remove(session, [])


async def test_removing_a_comment_without_replies_deletes_it(session: AsyncSession) -> None:
    thread = await make_thread(session)
    comment = await make_comment(session, thread, status="spam")
    assert await service.remove(session, [comment.id]) == 1
    assert await status_of(session, comment.id) is None
    assert emitted(session, "comment.deleted")[0]["previous_status"] == "spam"


async def test_removing_a_comment_with_replies_keeps_a_tombstone_and_the_replies(
    session: AsyncSession,
) -> None:
    thread = await make_thread(session)
    parent = await make_comment(session, thread, status="approved", body="Original words")
    reply = await make_comment(session, thread, status="approved", parent=parent)
    assert await service.remove(session, [parent.id]) == 1
    stored = await session.get(Comment, parent.id)
    assert stored is not None
    assert (stored.status, stored.body, stored.html) == ("deleted", "", "")
    assert stored.deleted_at is not None
    assert await status_of(session, reply.id) == "approved"
    assert [d["status"] for d in emitted(session, "comment.deleted")] == ["deleted"]


async def test_removing_the_last_reply_under_a_tombstone_removes_the_tombstone(
    session: AsyncSession,
) -> None:
    thread = await make_thread(session)
    parent = await make_comment(session, thread, status="approved")
    reply = await make_comment(session, thread, status="approved", parent=parent)
    await service.remove(session, [parent.id])
    assert await service.remove(session, [reply.id]) == 1
    assert await status_of(session, parent.id) is None


async def test_removing_a_parent_and_its_reply_together_leaves_nothing(
    session: AsyncSession,
) -> None:
    thread = await make_thread(session)
    parent = await make_comment(session, thread, status="approved")
    reply = await make_comment(session, thread, status="approved", parent=parent)
    assert await service.remove(session, [parent.id, reply.id]) == 2
    assert await status_of(session, parent.id) is None
    assert await status_of(session, reply.id) is None


async def test_a_tombstone_cannot_be_approved(session: AsyncSession) -> None:
    thread = await make_thread(session)
    parent = await make_comment(session, thread, status="approved")
    await make_comment(session, thread, status="approved", parent=parent)
    await service.remove(session, [parent.id])
    with pytest.raises(service.UnknownComments):
        await service.approve(session, [parent.id])


async def test_a_moderator_edit_renders_the_new_text_again(session: AsyncSession) -> None:
    thread = await make_thread(session)
    comment = await make_comment(session, thread, status="approved")
    await service.moderator_edit(session, comment.id, "Now with *emphasis* <script>x()</script>")
    assert comment.body == "Now with *emphasis* <script>x()</script>"
    assert "<em>emphasis</em>" in comment.html
    assert "<script" not in comment.html
    assert comment.edited_at is not None
    assert emitted(session, "comment.edited")[0]["comment_id"] == comment.id


async def test_an_empty_moderator_edit_is_refused_and_changes_nothing(
    session: AsyncSession,
) -> None:
    thread = await make_thread(session)
    comment = await make_comment(session, thread, body="Kept as it was")
    with pytest.raises(service.ModerationError) as refused:
        await service.moderator_edit(session, comment.id, "   ")
    assert refused.value.field == "body"
    assert comment.body == "Kept as it was"


async def test_an_over_long_moderator_edit_is_refused(session: AsyncSession) -> None:
    await service.update_settings(session, {"max_length": 20})
    thread = await make_thread(session)
    comment = await make_comment(session, thread)
    with pytest.raises(service.ModerationError, match="at most 20 characters"):
        await service.moderator_edit(session, comment.id, "x" * 21)


async def test_comment_posts_names_the_post_of_each_comment(session: AsyncSession) -> None:
    thread = await make_thread(session)
    elsewhere = await make_thread(session, url="https://friend.example/notes/")
    here = await make_comment(session, thread)
    there = await make_comment(session, elsewhere)
    found = await service.comment_posts(session, [here.id, there.id])
    assert found == {here.id: thread.post_id, there.id: None}


async def test_all_pending_ids_lists_only_pending_comments_oldest_first(
    session: AsyncSession,
) -> None:
    thread = await make_thread(session)
    first = await make_comment(session, thread)
    await make_comment(session, thread, status="approved")
    second = await make_comment(session, thread)
    assert await service.all_pending_ids(session) == [first.id, second.id]
