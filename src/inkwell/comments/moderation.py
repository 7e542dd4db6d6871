"""What moderators do to comments: approve, mark as spam, remove, edit, block the writer.

Every action takes ids and checks them all first: one unknown id refuses the whole batch
(``UnknownComments`` names them) and nothing changes. Each changed comment emits its event
(``comment.approved``, ``comment.spam``, ``comment.deleted``, ``comment.edited``) with the data
every comment event carries: ``post_id``, ``thread_id``, ``comment_id``, ``parent_id`` and
``status`` (after the change), plus ``previous_status``.

Removing a comment that still has replies keeps it as a tombstone (status ``deleted``, its
text gone) so the conversation under it stays readable; any other comment is deleted, and a
tombstone left with no reply goes with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import blocks
from inkwell.comments.blocks import BLOCK_KINDS
from inkwell.comments.models import Comment, CommentThread
from inkwell.comments.settings import load_cached as load_settings
from inkwell.comments.types import CommentInputError
from inkwell.core import events
from inkwell.core.time import utcnow
from inkwell.render.comment_text import render_comment


class ModerationError(CommentInputError):
    """A moderation request refused: ``message`` says why, ``field`` what it concerns."""


class UnknownComments(ModerationError):
    """Some ids name no comment (or a removed one): nothing was changed."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.ids = tuple(ids)
        listed = ", ".join(self.ids)
        message = (
            f"no comment has the id {listed}"
            if len(self.ids) == 1
            else f"no comments have the ids {listed}"
        )
        super().__init__("ids", message, 404)


@dataclass(frozen=True)
class _Found:
    comment: Comment
    post_id: str | None


async def _load(
    session: AsyncSession, ids: Iterable[str], *, tombstones: bool = False
) -> list[_Found]:
    """The comments ``ids`` (each once, in the order given) with their post ids.

    Raises UnknownComments for ids naming nothing, or a tombstone unless ``tombstones``."""
    wanted = list(dict.fromkeys(str(i).strip() for i in ids))
    if not wanted:
        raise ModerationError("ids", "name at least one comment", 400)
    query = select(Comment, CommentThread.post_id).join(CommentThread)
    rows = (await session.execute(query.where(Comment.id.in_(wanted)))).all()
    found = {row[0].id: _Found(row[0], row[1]) for row in rows}
    missing = [
        i
        for i in wanted
        if i not in found or (not tombstones and found[i].comment.status == "deleted")
    ]
    if missing:
        raise UnknownComments(missing)
    return [found[i] for i in wanted]


def _emit(session: AsyncSession, name: str, found: _Found, previous: str) -> None:
    comment = found.comment
    events.emit(
        session,
        name,
        comment.id,
        post_id=found.post_id,
        thread_id=comment.thread_id,
        comment_id=comment.id,
        parent_id=comment.parent_id,
        status=comment.status,
        previous_status=previous,
    )


async def _set_status(session: AsyncSession, ids: Iterable[str], status: str, event: str) -> int:
    changed = 0
    for found in await _load(session, ids):
        previous = found.comment.status
        if previous == status:
            continue
        found.comment.status = status
        if status == "approved" and found.comment.approved_at is None:
            found.comment.approved_at = utcnow()
        _emit(session, event, found, previous)
        changed += 1
    await session.flush()
    return changed


async def approve(session: AsyncSession, ids: Iterable[str]) -> int:
    """Approve the comments ``ids`` (shown to readers); how many changed status."""
    return await _set_status(session, ids, "approved", "comment.approved")


async def mark_spam(session: AsyncSession, ids: Iterable[str]) -> int:
    """File the comments ``ids`` as spam (hidden); how many changed status."""
    return await _set_status(session, ids, "spam", "comment.spam")


async def _reply_counts(session: AsyncSession, ids: Sequence[str]) -> dict[str, int]:
    query = select(Comment.parent_id, func.count(Comment.id)).where(Comment.parent_id.in_(ids))
    rows = (await session.execute(query.group_by(Comment.parent_id))).all()
    return {str(parent): int(count) for parent, count in rows}


async def _drop_empty_tombstone(session: AsyncSession, parent_id: str | None) -> None:
    """Delete the tombstone ``parent_id`` once no reply is left under it (and so on up)."""
    while parent_id is not None:
        parent = await session.get(Comment, parent_id)
        if parent is None or parent.status != "deleted":
            return
        if (await _reply_counts(session, [parent.id])).get(parent.id):
            return
        parent_id = parent.parent_id
        await session.delete(parent)
        await session.flush()


async def remove(session: AsyncSession, ids: Iterable[str]) -> int:
    """Remove the comments ``ids``; how many were removed (tombstones already are).

    A comment with replies becomes a tombstone keeping them; any other is deleted."""
    removed = 0
    for found in await _load(session, ids, tombstones=True):
        comment, previous = found.comment, found.comment.status
        if inspect(comment).was_deleted:
            continue  # an empty tombstone that went with the reply removed before it
        if (await _reply_counts(session, [comment.id])).get(comment.id):
            if previous == "deleted":
                continue
            comment.status, comment.body, comment.html = "deleted", "", ""
            comment.deleted_at = utcnow()
            await session.flush()
        else:
            comment.status = "deleted"
            await session.delete(comment)
            await session.flush()
            await _drop_empty_tombstone(session, comment.parent_id)
            if previous == "deleted":
                continue
        _emit(session, "comment.deleted", found, previous)
        removed += 1
    return removed


async def moderator_edit(session: AsyncSession, comment_id: str, body: str) -> None:
    """Replace a comment's text (a moderator's edit: no window, no token), rendered again.

    Raises UnknownComments, or ModerationError for an empty or over-long body."""
    (found,) = await _load(session, [comment_id])
    text = body.replace("\r\n", "\n").strip()
    limit = (await load_settings(session)).max_length
    if not text:
        raise ModerationError("body", "a comment cannot be empty", 422)
    if len(text) > limit:
        raise ModerationError("body", f"a comment is at most {limit:,} characters", 422)
    comment = found.comment
    if text == comment.body:
        return
    comment.body, comment.html, comment.edited_at = text, render_comment(text), utcnow()
    await session.flush()
    _emit(session, "comment.edited", found, comment.status)


async def block(session: AsyncSession, comment_id: str, kinds: Iterable[str] = BLOCK_KINDS) -> int:
    """Block the writer of ``comment_id`` by email, address hash and/or reader account (those
    the comment has); how many new blocks were made. Their comments stay as they are."""
    (found,) = await _load(session, [comment_id], tombstones=True)
    try:
        return await blocks.add_blocks(session, found.comment, kinds)
    except ValueError as exc:
        raise ModerationError("kinds", str(exc), 400) from None


async def unblock(
    session: AsyncSession, comment_id: str, kinds: Iterable[str] = BLOCK_KINDS
) -> int:
    """Lift the blocks matching the writer of ``comment_id``; how many were lifted."""
    (found,) = await _load(session, [comment_id], tombstones=True)
    try:
        return await blocks.lift_blocks(session, found.comment, kinds)
    except ValueError as exc:
        raise ModerationError("kinds", str(exc), 400) from None


async def remove_blocks(session: AsyncSession, block_ids: Iterable[str]) -> int:
    """Lift the blocks ``block_ids`` (from ``list_blocks``); how many were lifted.

    Raises ModerationError naming unknown ids, lifting nothing."""
    wanted = list(dict.fromkeys(block_ids))
    missing = await blocks.delete_blocks(session, wanted)
    if missing:
        raise ModerationError("ids", f"no block has the id {', '.join(missing)}", 404)
    return len(wanted)


async def comment_posts(session: AsyncSession, ids: Iterable[str]) -> dict[str, str | None]:
    """The post id (None for another site's page) of each comment ``ids``, tombstones too:
    what a caller checks permissions against before acting. Raises UnknownComments."""
    return {f.comment.id: f.post_id for f in await _load(session, ids, tombstones=True)}


async def all_pending_ids(session: AsyncSession) -> list[str]:
    """The ids of every pending comment, oldest first."""
    query = select(Comment.id).where(Comment.status == "pending")
    return list((await session.execute(query.order_by(Comment.created_at, Comment.id))).scalars())
