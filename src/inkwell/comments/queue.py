"""The moderation queue: comments of one status, newest first, with the page each is under,
searchable by text, name and email; and the number waiting in each status.

A moderator who may only moderate some posts (an author: their own) passes ``post_ids``:
the queue and its counts then hold those posts' comments only.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.models import Comment, CommentThread
from inkwell.content import service as content

QUEUE_STATUSES = ("pending", "approved", "spam")
MAX_LIMIT = 200


@dataclass(frozen=True)
class QueueItem:
    """One comment as a moderator sees it: who wrote it (email too), where, and why it waits."""

    id: str
    thread_id: str
    parent_id: str | None
    status: str
    author_name: str
    author_email: str | None
    author_website: str | None
    reader_id: str | None
    body: str
    html: str
    held_reason: str | None
    created_at: datetime
    edited_at: datetime | None
    likes: int
    post_id: str | None
    page_title: str
    """The post's title, or the other site's page title (its address when it has none)."""
    page_url: str | None
    """The published post's path on this site, or the other site's page address; None for a
    post that is not published."""


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue and where it stands."""

    items: tuple[QueueItem, ...]
    status: str
    total: int
    page: int
    limit: int
    search: str | None

    @property
    def pages(self) -> int:
        """How many pages the queue has (at least one)."""
        return max(1, -(-self.total // self.limit))


def _check_status(status: str) -> None:
    if status not in QUEUE_STATUSES:
        raise ValueError(f"unknown status {status!r}; use one of {', '.join(QUEUE_STATUSES)}")


def _conditions(
    status: str, post_ids: Collection[str] | None, search: str | None
) -> list[ColumnElement[bool]]:
    """What a queued comment must satisfy: its status, the posts allowed, the search."""
    found: list[ColumnElement[bool]] = [Comment.status == status]
    if post_ids is not None:
        found.append(CommentThread.post_id.in_(list(post_ids)))
    if search:
        found.append(
            or_(
                Comment.body.icontains(search, autoescape=True),
                Comment.author_name.icontains(search, autoescape=True),
                Comment.author_email.icontains(search, autoescape=True),
            )
        )
    return found


async def queue(
    session: AsyncSession,
    status: str = "pending",
    page: int = 1,
    limit: int = 50,
    search: str | None = None,
    *,
    post_ids: Collection[str] | None = None,
) -> QueuePage:
    """One page of the comments in ``status`` (pending, approved or spam), newest first.

    ``search`` keeps comments whose text, name or email holds it (ignoring case). Raises
    ValueError for an unknown status or a page or limit below 1.
    """
    _check_status(status)
    if page < 1 or limit < 1:
        raise ValueError("page and limit start at 1")
    limit = min(limit, MAX_LIMIT)
    search = (search or "").strip() or None
    where = _conditions(status, post_ids, search)
    counting = select(func.count(Comment.id)).join(CommentThread).where(*where)
    total = (await session.execute(counting)).scalar_one()
    rows = select(Comment, CommentThread).join(CommentThread).where(*where)
    rows = rows.order_by(Comment.created_at.desc(), Comment.id.desc())
    found = (await session.execute(rows.limit(limit).offset((page - 1) * limit))).all()
    pairs = [(row[0], row[1]) for row in found]
    places = await _places(session, [thread for _, thread in pairs])
    items = tuple(_item(comment, thread, places) for comment, thread in pairs)
    return QueuePage(items, status, total, page, limit, search)


async def _places(
    session: AsyncSession, threads: Sequence[CommentThread]
) -> dict[str, tuple[str, str | None]]:
    """(title, public path or None) of each post the threads belong to, in one query."""
    post_ids = tuple({t.post_id for t in threads if t.post_id is not None})
    if not post_ids:
        return {}
    wanted = content.PostFilter(type=None, statuses=frozenset(), ids=post_ids, limit=None)
    posts = (await content.find_posts(session, wanted)).posts
    site = await content.load_settings_cached(session)
    return {
        post.id: (post.title, content.path_of(post, site) if post.status == "published" else None)
        for post in posts
    }


def _item(
    comment: Comment, thread: CommentThread, places: dict[str, tuple[str, str | None]]
) -> QueueItem:
    if thread.post_id is not None:
        title, url = places.get(thread.post_id, ("(a deleted post)", None))
    else:
        title, url = thread.title or thread.url or "", thread.url
    return QueueItem(
        id=comment.id,
        thread_id=comment.thread_id,
        parent_id=comment.parent_id,
        status=comment.status,
        author_name=comment.author_name,
        author_email=comment.author_email,
        author_website=comment.author_website,
        reader_id=comment.reader_id,
        body=comment.body,
        html=comment.html,
        held_reason=comment.held_reason,
        created_at=comment.created_at,
        edited_at=comment.edited_at,
        likes=comment.like_count,
        post_id=thread.post_id,
        page_title=title,
        page_url=url,
    )


async def queue_counts(
    session: AsyncSession, *, post_ids: Collection[str] | None = None
) -> dict[str, int]:
    """How many comments are pending, approved and spam (each key always present)."""
    query = select(Comment.status, func.count(Comment.id)).join(CommentThread)
    query = query.where(Comment.status.in_(QUEUE_STATUSES))
    if post_ids is not None:
        query = query.where(CommentThread.post_id.in_(list(post_ids)))
    found = {row[0]: row[1] for row in await session.execute(query.group_by(Comment.status))}
    return {status: int(found.get(status, 0)) for status in QUEUE_STATUSES}
