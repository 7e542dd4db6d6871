"""Who may moderate which comments, asked of the accounts service: editors and above every
comment; an author the comments under their own posts (a comment on another site's page is
under no one's post, so editors and above only); contributors none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.service import Staff, can, require
from inkwell.comments import service as comments
from inkwell.content import service as content


@dataclass(frozen=True)
class _NobodysPost:
    """A post no one on the staff wrote: who may moderate its comments may moderate all."""

    status: str = "published"
    authors: tuple[Any, ...] = ()


NOBODYS_POST = _NobodysPost()


def may_moderate(staff: Staff) -> bool:
    """Whether ``staff`` moderates any comments at all."""
    return can(staff, "comments.moderate")


def moderates_all(staff: Staff) -> bool:
    """Whether ``staff`` moderates every comment (not only their own posts')."""
    return can(staff, "comments.moderate", post=NOBODYS_POST)


async def moderated_post_ids(session: AsyncSession, staff: Staff) -> list[str] | None:
    """The posts whose comments ``staff`` moderates; None means every comment."""
    if moderates_all(staff):
        return None
    wanted = content.PostFilter(type=None, statuses=frozenset(), authors=(staff.slug,), limit=None)
    posts = (await content.find_posts(session, wanted)).posts
    return [post.id for post in posts if can(staff, "comments.moderate", post=post)]


async def require_moderation(session: AsyncSession, staff: Staff, ids: Iterable[str]) -> None:
    """Raise PermissionDenied (a 403 page) unless every comment ``ids`` is ``staff``'s to
    moderate; UnknownComments when an id names no comment."""
    require(staff, "comments.moderate")
    places = await comments.comment_posts(session, ids)
    if moderates_all(staff):
        return
    for post_id in set(places.values()):
        post = await content.get_post(session, post_id) if post_id else None
        require(staff, "comments.moderate", post=post or NOBODYS_POST)


async def pending_count(session: AsyncSession, staff: Staff) -> int:
    """How many comments wait for ``staff``'s moderation (0 when they moderate none)."""
    if not may_moderate(staff):
        return 0
    post_ids = await moderated_post_ids(session, staff)
    return (await comments.queue_counts(session, post_ids=post_ids))["pending"]
