"""Comments in a given state for the moderation tests: a thread under a post (or another
site's page) and comments written straight into it, pending, approved or spam as a test needs.

Posting's own rules are tested with ``comments.service.post_comment``; moderation tests need
comments already in each status, which only moderation itself could otherwise produce.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.models import Comment, CommentThread
from inkwell.content.service import Post
from tests.factories import make_post

_numbers = itertools.count(1)
START = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


async def make_thread(
    session: AsyncSession, post: Post | None = None, *, url: str | None = None
) -> CommentThread:
    """The thread of ``post`` (a new published post when neither it nor ``url`` is given)."""
    if post is None and url is None:
        post = await make_post(session)
    thread = CommentThread(post_id=post.id if post else None, url=url, title=None)
    session.add(thread)
    await session.flush()
    return thread


async def make_comment(
    session: AsyncSession,
    thread: CommentThread,
    *,
    status: str = "pending",
    parent: Comment | None = None,
    name: str | None = None,
    email: str | None = "reader@example.org",
    address: str = "192.0.2.10",
    reader_id: str | None = None,
    body: str | None = None,
    held_reason: str | None = None,
) -> Comment:
    """A comment in ``thread``; each one a minute after the one before."""
    number = next(_numbers)
    text = body or f"A thought on the article, number {number}."
    comment = Comment(
        thread_id=thread.id,
        parent_id=parent.id if parent else None,
        author_name=name or f"Reader {number}",
        author_email=email,
        body=text,
        html=f"<p>{text}</p>",
        status=status,
        held_reason=held_reason,
        created_at=START + timedelta(minutes=number),
        approved_at=START if status == "approved" else None,
        address_hash=hashlib.sha256(address.encode()).hexdigest(),
        reader_id=reader_id,
    )
    session.add(comment)
    await session.flush()
    return comment
