"""The domain events content emits about posts and pages, and the data they carry.

Every post or page event carries the same data, so that subscribers (the tagged page cache,
later webhooks and search) need no query: ``type``, ``slug``, ``status``, ``published_at``
(ISO 8601 or None), the ``tags`` and ``authors`` slugs in order, and ``previous``, the same
keys before the change (``None`` when the post is new, and for ``*.deleted``, whose data is
the state just before deletion).

Which event fires follows the status transition: to published is ``published`` (``updated``
when it was published already), to scheduled is ``scheduled`` (or ``updated``), back to draft
from published or scheduled is ``unpublished``, and a new draft is ``added``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post
from inkwell.content.schemas import PostStatus
from inkwell.core import events

PostState = dict[str, Any]


def state_of(post: Post) -> PostState:
    """What post events tell about ``post``: slug, status, date, tag and author slugs in order."""
    return {
        "slug": post.slug,
        "status": str(post.status),
        "published_at": post.published_at.isoformat() if post.published_at else None,
        "tags": [link.tag.slug for link in post.tag_links],
        "authors": [link.author.slug for link in post.author_links],
    }


def action_for(previous_status: str | None, status: str) -> str:
    """The action (``published``, ``updated``...) of a change from one status to another."""
    if status == previous_status:
        return "updated"
    if status in (PostStatus.PUBLISHED, PostStatus.SCHEDULED):
        return str(status)
    return "added" if previous_status is None else "unpublished"


def emit_saved(session: AsyncSession, post: Post, previous: PostState | None) -> None:
    """Announce that ``post`` was created (``previous`` None) or changed from ``previous``."""
    state = state_of(post)
    action = action_for(None if previous is None else previous["status"], state["status"])
    events.emit(
        session,
        f"{post.type}.{action}",
        post.id,
        type=str(post.type),
        previous=previous,
        **state,
    )


def emit_deleted(session: AsyncSession, post: Post) -> None:
    """Announce that ``post`` is being deleted, with its state just before."""
    type_ = str(post.type)
    events.emit(session, f"{type_}.deleted", post.id, type=type_, previous=None, **state_of(post))
