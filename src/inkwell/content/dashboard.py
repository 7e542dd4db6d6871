"""The admin's dashboard: a few recent posts of each kind, and how many there are."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post
from inkwell.content.queries import PostFilter, PostOrder, find_posts
from inkwell.content.schemas import PostStatus, PostType


@dataclass(frozen=True)
class Dashboard:
    """Newest published posts, latest drafts, next scheduled posts, and counts.

    ``counts`` has ``published``, ``draft`` and ``scheduled`` (posts) and ``pages`` (every
    static page, in any status).
    """

    recent_published: list[Post]
    drafts: list[Post]
    scheduled: list[Post]
    counts: dict[str, int]


async def dashboard_summary(session: AsyncSession, *, limit: int = 5) -> Dashboard:
    """What the dashboard shows: up to ``limit`` posts of each list, and the counts."""

    async def some(status: PostStatus, order: PostOrder) -> list[Post]:
        wanted = PostFilter(statuses=frozenset({status}), order=order, limit=limit)
        return (await find_posts(session, wanted)).posts

    counts = {str(status): 0 for status in PostStatus}
    query = (
        select(Post.status, func.count()).where(Post.type == PostType.POST).group_by(Post.status)
    )
    for status, number in (await session.execute(query)).all():
        counts[str(status)] = number
    pages = select(func.count()).select_from(Post).where(Post.type == PostType.PAGE)
    counts["pages"] = (await session.execute(pages)).scalar_one()
    return Dashboard(
        recent_published=await some(PostStatus.PUBLISHED, PostOrder.NEWEST),
        drafts=await some(PostStatus.DRAFT, PostOrder.RECENTLY_UPDATED),
        # The next to go out first.
        scheduled=await some(PostStatus.SCHEDULED, PostOrder.OLDEST),
        counts=counts,
    )
