"""Changing a stored post: update it under a version check, publish, unpublish, schedule, delete.

The version is the ``updated_at`` the caller read. When the stored post has moved on since (an
editor in another tab, an import), the change is refused with ``ConflictError`` and nothing is
written, so no one silently overwrites someone else's edit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell import render
from inkwell.content.models import Post
from inkwell.content.post_events import emit_deleted, emit_saved, state_of
from inkwell.content.saving import SaveResult, next_version, save_post
from inkwell.content.schemas import PostInput, PostStatus
from inkwell.core.time import as_utc, utcnow


class PostNotFound(LookupError):
    """No post or page has this id."""

    def __init__(self, post_id: str) -> None:
        super().__init__(f"no post or page has the id {post_id}")
        self.post_id = post_id


class ConflictError(Exception):
    """The post changed since the caller read it: their change would overwrite another one."""

    def __init__(self, post: Post, expected: datetime) -> None:
        super().__init__(
            f"{post.type} {post.slug!r} was changed at {post.updated_at.isoformat()} since it "
            f"was read (at version {as_utc(expected).isoformat()}): read it again, then retry"
        )
        self.post_id = post.id
        self.current_updated_at = post.updated_at


class PublishingError(ValueError):
    """A status change that makes no sense (a schedule in the past); the message says why."""


async def _stored(session: AsyncSession, post_id: str) -> Post:
    post = await session.get(Post, post_id)
    if post is None:
        raise PostNotFound(post_id)
    return post


async def _claim(session: AsyncSession, post: Post, expected: datetime | None) -> None:
    """Refuse a stale ``expected`` version; else take the row so no other writer slips in."""
    if expected is None:
        return
    if post.updated_at != as_utc(expected):
        raise ConflictError(post, expected)
    # Compare-and-set in the database too: a writer that committed after our read loses.
    claimed = await session.execute(
        update(Post)
        .where(Post.id == post.id, Post.updated_at == as_utc(expected))
        .values(updated_at=post.updated_at)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 1) == 0:
        await session.refresh(post, ["updated_at"])
        raise ConflictError(post, expected)


async def update_post(
    session: AsyncSession,
    post_id: str,
    data: PostInput,
    options: render.RenderOptions,
    *,
    expected_updated_at: datetime | None,
) -> SaveResult:
    """Replace the post ``post_id`` with ``data`` if it is still at ``expected_updated_at``.

    ``None`` skips the check (imports, which own what they write). Raises PostNotFound, or
    ConflictError when the post changed since that version (nothing is written then).
    """
    post = await _stored(session, post_id)
    await _claim(session, post, expected_updated_at)
    same_post = data.model_copy(update={"id": post.id, "guid": data.guid or post.guid})
    return await save_post(session, same_post.model_copy(update={"updated_at": None}), options)


async def _set_status(
    session: AsyncSession,
    post_id: str,
    status: PostStatus,
    published_at: datetime | None,
    expected_updated_at: datetime | None,
) -> Post:
    post = await _stored(session, post_id)
    await _claim(session, post, expected_updated_at)
    previous = state_of(post)
    post.status = status
    post.published_at = published_at
    post.updated_at = next_version(post)
    await session.flush()
    emit_saved(session, post, previous)
    return post


async def publish_post(
    session: AsyncSession,
    post_id: str,
    *,
    at: datetime | None = None,
    expected_updated_at: datetime | None = None,
) -> Post:
    """Publish a post now (or backdated ``at``); a post dated before keeps its date."""
    post = await _stored(session, post_id)
    when = as_utc(at) if at is not None else (post.published_at or utcnow())
    if at is None and post.status == PostStatus.SCHEDULED:
        when = utcnow()  # published early: readers see it dated when it appeared
    return await _set_status(session, post_id, PostStatus.PUBLISHED, when, expected_updated_at)


async def schedule_post(
    session: AsyncSession,
    post_id: str,
    at: datetime,
    *,
    expected_updated_at: datetime | None = None,
) -> Post:
    """Schedule a post to appear at ``at``, which must lie in the future."""
    when = as_utc(at)
    if when <= utcnow():
        raise PublishingError(f"a post is scheduled for a time to come, not {when.isoformat()}")
    return await _set_status(session, post_id, PostStatus.SCHEDULED, when, expected_updated_at)


async def unpublish_post(
    session: AsyncSession, post_id: str, *, expected_updated_at: datetime | None = None
) -> Post:
    """Take a published or scheduled post back to draft (it keeps its date for next time)."""
    post = await _stored(session, post_id)
    return await _set_status(
        session, post_id, PostStatus.DRAFT, post.published_at, expected_updated_at
    )


async def delete_post(
    session: AsyncSession, post_id: str, *, expected_updated_at: datetime | None = None
) -> None:
    """Delete a post or page with its tag and author links and the old paths leading to it."""
    post = await _stored(session, post_id)
    await _claim(session, post, expected_updated_at)
    emit_deleted(session, post)
    await session.delete(post)
    await session.flush()


async def publish_due_posts(session: AsyncSession, now: datetime | None = None) -> list[str]:
    """Publish every post and page scheduled for ``now`` or earlier; the ids published.

    Each keeps its scheduled date. The status changes under ``WHERE status = 'scheduled'``, so
    when two processes (or two runs) race, exactly one publishes a post and announces it with
    ``post.published`` (dropping its cached pages, listings, feeds and sitemaps); the other
    finds the row gone and skips it.
    """
    when = as_utc(now) if now is not None else utcnow()
    due = await session.scalars(
        select(Post)
        .where(Post.status == PostStatus.SCHEDULED, Post.published_at <= when)
        .order_by(Post.published_at, Post.id)
    )
    published: list[str] = []
    for post in list(due):
        previous = state_of(post)
        changed = await session.execute(
            update(Post)
            .where(Post.id == post.id, Post.status == PostStatus.SCHEDULED)
            .values(status=PostStatus.PUBLISHED, updated_at=next_version(post))
            .execution_options(synchronize_session=False)
        )
        if getattr(changed, "rowcount", 0) != 1:
            continue  # another process published it first
        await session.refresh(post, ["status", "updated_at", "published_at"])
        emit_saved(session, post, previous)
        published.append(post.id)
    return published
