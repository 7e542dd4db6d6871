"""Reading threads: one page of a thread's shown comments, and counts for many posts."""

from __future__ import annotations

import math
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.models import Comment, CommentThread
from inkwell.comments.posting import audience_for
from inkwell.comments.settings import CommentSettings, load_cached
from inkwell.comments.threads import find_thread, resolve_target, state_of
from inkwell.comments.types import CommentInputError, ThreadPage
from inkwell.comments.views import SORTS, comment_trees, count_shown, render_trees

MAX_LIMIT = 200


async def list_thread(
    session: AsyncSession,
    *,
    post_id: str | None = None,
    url: str | None = None,
    sort: str | None = None,
    page: int = 1,
    limit: int = 50,
    settings: CommentSettings | None = None,
    site_url: str = "",
) -> ThreadPage:
    """One page of the thread's top-level comments (``sort``: oldest, newest, best; the
    site's default when None), each with every reply; only approved comments are shown."""
    settings = settings or await load_cached(session)
    sort = sort or settings.default_sort
    if sort not in SORTS:
        raise CommentInputError("sort", "Sort by oldest, newest or best.", 400)
    if page < 1:
        raise CommentInputError("page", "The page must be 1 or more.", 400)
    if not 1 <= limit <= MAX_LIMIT:
        raise CommentInputError("limit", f"The limit must be between 1 and {MAX_LIMIT}.", 400)
    target = await resolve_target(
        session, post_id=post_id, url=url, settings=settings, site_url=site_url
    )
    thread = await find_thread(session, target)
    state = state_of(thread, target.post, settings)
    trees = []
    if thread is not None:
        rows = (
            (await session.execute(select(Comment).where(Comment.thread_id == thread.id)))
            .scalars()
            .all()
        )
        trees = comment_trees(rows, sort)
    shown = trees[(page - 1) * limit : page * limit]
    return ThreadPage(
        comments=render_trees(shown, audience_for(target, settings)),
        total=len(trees),
        count=count_shown(trees),
        page=page,
        limit=limit,
        pages=max(1, math.ceil(len(trees) / limit)),
        open=state.open,
        closed_reason=state.reason,
        sort=sort,
        thread_id=thread.id if thread is not None else None,
        post_id=target.post_id,
    )


async def comment_counts(session: AsyncSession, post_ids: Iterable[str]) -> dict[str, int]:
    """How many approved comments each post has (0 for a post without any)."""
    wanted = list(dict.fromkeys(post_ids))
    counts = dict.fromkeys(wanted, 0)
    if not wanted:
        return counts
    query = (
        select(CommentThread.post_id, func.count(Comment.id))
        .join(Comment, Comment.thread_id == CommentThread.id)
        .where(CommentThread.post_id.in_(wanted), Comment.status == "approved")
        .group_by(CommentThread.post_id)
    )
    for post_id, count in (await session.execute(query)).all():
        counts[str(post_id)] = int(count)
    return counts
