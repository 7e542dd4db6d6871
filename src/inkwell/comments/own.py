"""What a commenter may do to their own comment: edit or delete it within the edit window
(proved by the edit token their browser kept, or by their reader session), and like others'."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import spam
from inkwell.comments.models import Comment, CommentLike, CommentThread
from inkwell.comments.posting import audience_for, event_data, token_hash
from inkwell.comments.settings import CommentSettings, load_cached, secret
from inkwell.comments.threads import Target
from inkwell.comments.types import CommentInputError, CommentView
from inkwell.comments.validation import clean_body, plausible_id
from inkwell.comments.views import view_of
from inkwell.content import service as content
from inkwell.core import events
from inkwell.core.time import utcnow
from inkwell.render.comment_text import count_links, render_comment

_NOT_FOUND = "There is no such comment."


async def _comment(session: AsyncSession, comment_id: str) -> Comment:
    row = await session.get(Comment, comment_id) if plausible_id(comment_id) else None
    if row is None or row.status in ("deleted", "spam"):
        raise CommentInputError(None, _NOT_FOUND, 404)
    return row


async def _post_id(session: AsyncSession, row: Comment) -> str | None:
    thread = await session.get(CommentThread, row.thread_id)
    return thread.post_id if thread is not None else None


def _check_owner(
    row: Comment, settings: CommentSettings, edit_token: str | None, reader_id: str | None
) -> None:
    by_token = bool(edit_token) and row.edit_token_hash is not None
    if by_token and hmac.compare_digest(token_hash(edit_token or ""), row.edit_token_hash or ""):
        pass
    elif reader_id is None or row.reader_id != reader_id:
        raise CommentInputError("edit_token", "Only the comment's author can change it.", 403)
    window = timedelta(minutes=settings.edit_window_minutes)
    if utcnow() - row.created_at > window:
        minutes = settings.edit_window_minutes
        raise CommentInputError(
            None, f"A comment can be changed only in the {minutes} minutes after posting.", 403
        )


async def edit_comment(
    session: AsyncSession,
    comment_id: str,
    body: str,
    *,
    edit_token: str | None = None,
    reader_id: str | None = None,
    settings: CommentSettings | None = None,
) -> CommentView:
    """Replace the text of one's own comment; emits ``comment.edited``.

    The new text meets the same rules as a new one: a blocked word files it as spam, too
    many links hold it for a moderator.
    """
    settings = settings or await load_cached(session)
    row = await _comment(session, comment_id)
    _check_owner(row, settings, edit_token, reader_id)
    text = clean_body(body, settings)
    previous = row.status
    row.body, row.html, row.edited_at = text, render_comment(text), utcnow()
    word = spam.blocked_word(settings, text)
    if word is not None:
        row.status, row.held_reason = "spam", f"edited to contain the blocked word {word!r}"
    elif row.user_id is None and count_links(row.html) > settings.max_links:
        row.status, row.held_reason = (
            "pending",
            f"edited to hold more than {settings.max_links} links",
        )
    await session.flush()
    post_id = await _post_id(session, row)
    events.emit(
        session, "comment.edited", row.id, **event_data(row, post_id), previous_status=previous
    )
    post = await content.get_post(session, post_id) if post_id else None
    return view_of(row, audience_for(Target(post, None), settings))


async def delete_own_comment(
    session: AsyncSession,
    comment_id: str,
    *,
    edit_token: str | None = None,
    reader_id: str | None = None,
    settings: CommentSettings | None = None,
) -> None:
    """Delete one's own comment: its text goes, a placeholder keeps any replies in place."""
    settings = settings or await load_cached(session)
    row = await _comment(session, comment_id)
    _check_owner(row, settings, edit_token, reader_id)
    previous = row.status
    row.status, row.deleted_at, row.body, row.html = "deleted", utcnow(), "", ""
    await session.flush()
    post_id = await _post_id(session, row)
    events.emit(
        session, "comment.deleted", row.id, **event_data(row, post_id), previous_status=previous
    )


async def _liker_digest(session: AsyncSession, liker: str) -> str:
    if not liker:
        raise CommentInputError("liker", "Say who likes the comment.", 422)
    salt = await secret(session)
    return hashlib.sha256(f"{salt}\0like\0{liker}".encode()).hexdigest()


async def _count_likes(session: AsyncSession, row: Comment) -> int:
    query = select(func.count()).where(CommentLike.comment_id == row.id)
    row.like_count = int((await session.execute(query)).scalar_one())
    await session.flush()
    return row.like_count


async def like_comment(session: AsyncSession, comment_id: str, liker: str) -> int:
    """Like an approved comment, once per ``liker`` (a reader id or a browser's token); the
    comment's like count. Liking twice changes nothing."""
    row = await _comment(session, comment_id)
    if row.status != "approved":
        raise CommentInputError(None, _NOT_FOUND, 404)
    digest = await _liker_digest(session, liker)
    if await session.get(CommentLike, (row.id, digest)) is not None:
        return row.like_count
    try:
        async with session.begin_nested():
            session.add(CommentLike(comment_id=row.id, liker=digest))
            await session.flush()
    except IntegrityError:
        return row.like_count  # the same liker, racing: already counted
    count = await _count_likes(session, row)
    post_id = await _post_id(session, row)
    events.emit(session, "comment.liked", row.id, **event_data(row, post_id), likes=count)
    return count


async def unlike_comment(session: AsyncSession, comment_id: str, liker: str) -> int:
    """Take back ``liker``'s like; the comment's like count."""
    row = await _comment(session, comment_id)
    digest = await _liker_digest(session, liker)
    found = await session.execute(
        delete(CommentLike).where(CommentLike.comment_id == row.id, CommentLike.liker == digest)
    )
    if not getattr(found, "rowcount", 0):
        return row.like_count
    count = await _count_likes(session, row)
    post_id = await _post_id(session, row)
    events.emit(session, "comment.liked", row.id, **event_data(row, post_id), likes=count)
    return count
