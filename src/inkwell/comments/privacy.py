"""Commenters' privacy rights: export or delete everything an email address wrote, and the
anonymising of a deleted reader account's comments.

- ``export(session, email)``: every comment written with that address, as a JSON-ready dict;
- ``forget_email(session, email)``: each such comment loses its writer (name "Deleted reader",
  no email, website, address hash, edit token or account) and is removed as a moderator
  removes one: a comment others replied to stays as an empty tombstone so the replies keep
  their place, the others go;
- ``forget_reader(session, reader_id)``: a deleted account's comments lose their writer but
  keep their text (the reader asked to close the account, not to unsay the conversation);
  run by the ``comments.forget_reader`` job on ``reader.deleted``.

Addresses are compared lower-cased. Every change emits the comment events, so cached post pages
drop. The emailed links that lead here are made by ``comments.privacy_links``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import moderation
from inkwell.comments.models import Comment, CommentThread
from inkwell.core import events, jobs
from inkwell.core.time import iso_millis, utcnow

logger = logging.getLogger("inkwell.comments.privacy")

DELETED_NAME = "Deleted reader"
FORGET_READER_JOB = "comments.forget_reader"
READER_DELETED = "reader.deleted"


async def comments_of(session: AsyncSession, email: str) -> list[Comment]:
    """Every comment written with ``email`` (any status), oldest first."""
    query = (
        select(Comment)
        .where(func.lower(Comment.author_email) == email.strip().lower())
        .order_by(Comment.created_at, Comment.id)
    )
    return list((await session.execute(query)).scalars())


async def export(session: AsyncSession, email: str) -> dict[str, Any]:
    """Everything ``email`` wrote, with where each comment stands (JSON-ready)."""
    found = await comments_of(session, email)
    threads = await _threads(session, {c.thread_id for c in found})
    return {
        "email": email.strip().lower(),
        "exported_at": iso_millis(utcnow()),
        "comments": [_exported(comment, threads[comment.thread_id]) for comment in found],
    }


def _exported(comment: Comment, thread: CommentThread) -> dict[str, Any]:
    return {
        "id": comment.id,
        "post_id": thread.post_id,
        "page_url": thread.url,
        "parent_id": comment.parent_id,
        "status": comment.status,
        "name": comment.author_name,
        "email": comment.author_email,
        "website": comment.author_website,
        "body": comment.body,
        "html": comment.html,
        "notify_replies": comment.notify_replies,
        "likes": comment.like_count,
        "created_at": iso_millis(comment.created_at),
        "edited_at": _iso(comment),
    }


def _iso(comment: Comment) -> str | None:
    return None if comment.edited_at is None else iso_millis(comment.edited_at)


async def forget_email(session: AsyncSession, email: str) -> int:
    """Anonymise and empty every comment ``email`` wrote; how many there were."""
    found = await comments_of(session, email)
    for comment in found:
        _anonymise(comment)
    await session.flush()
    # As a moderator's removal: a comment others answered stays as an empty tombstone.
    await moderation.remove(session, [comment.id for comment in found])
    return len(found)


async def forget_reader(session: AsyncSession, reader_id: str) -> int:
    """Anonymise the comments of the reader account ``reader_id``, keeping their text."""
    query = select(Comment).where(Comment.reader_id == reader_id)
    found = list((await session.execute(query)).scalars())
    threads = await _threads(session, {c.thread_id for c in found})
    for comment in found:
        _anonymise(comment)
        _emit(session, "comment.edited", comment, threads[comment.thread_id])
    await session.flush()
    return len(found)


def _anonymise(comment: Comment) -> None:
    comment.author_name = DELETED_NAME
    comment.author_email = None
    comment.author_website = None
    comment.address_hash = None
    comment.edit_token_hash = None
    comment.notify_replies = False
    comment.reader_id = None
    comment.user_id = None


async def _threads(session: AsyncSession, ids: set[str]) -> dict[str, CommentThread]:
    if not ids:
        return {}
    query = select(CommentThread).where(CommentThread.id.in_(ids))
    return {thread.id: thread for thread in (await session.execute(query)).scalars()}


def _emit(session: AsyncSession, name: str, comment: Comment, thread: CommentThread) -> None:
    events.emit(
        session,
        name,
        comment.id,
        post_id=thread.post_id,
        thread_id=thread.id,
        comment_id=comment.id,
        parent_id=comment.parent_id,
        status=comment.status,
    )


async def forget_reader_job(context: jobs.JobContext, args: Mapping[str, Any]) -> None:
    """Job: anonymise the comments of a deleted reader account (idempotent)."""
    async with context.database.session(write=True) as session:
        count = await forget_reader(session, str(args["reader_id"]))
    logger.info("anonymised %d comment(s) of a deleted reader account", count)


def _reader_deleted(found: events.Event) -> None:
    reader_id = found.data.get("reader_id") or found.subject_id
    if not reader_id:
        return
    try:
        jobs.enqueue_now(FORGET_READER_JOB, reader_id=str(reader_id))
    except (jobs.NoRunner, jobs.UnknownJob):
        # A process that runs no jobs (a command that deleted a reader): say so plainly.
        logger.warning(
            "no job runner here: the comments of deleted reader %s were not anonymised",
            reader_id,
        )


events.subscribe(READER_DELETED, _reader_deleted)

JOBS = {FORGET_READER_JOB: forget_reader_job}
