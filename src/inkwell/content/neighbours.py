"""A post's neighbours: the posts just older and newer, and those sharing most of its tags."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, func, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer, joinedload

from inkwell.content.models import Post, PostAuthor, PostTag

RELATED_WINDOW = 500


@dataclass(frozen=True)
class Neighbours:
    """What a post page links to besides the post itself."""

    older: Post | None
    newer: Post | None
    related: list[Post]


def _with_cards(query: Select[Post]) -> Select[Post]:
    # One query with the tags and authors joined in, instead of one more query for each.
    return query.options(
        defer(Post.html),
        joinedload(Post.tag_links).joinedload(PostTag.tag),
        joinedload(Post.author_links).joinedload(PostAuthor.author),
    )


async def neighbours(session: AsyncSession, post: Post, related_limit: int = 3) -> Neighbours:
    """The posts just older and just newer than ``post``, and those sharing most of its public
    tags (newest first on ties), in two queries: their ids, then the posts themselves."""
    live = (Post.type == "post", Post.status == "published")
    parts = []
    if post.published_at is not None:
        when = post.published_at
        # The plain range comes first so that the index on (…, published_at, id) can seek to it.
        older = and_(
            Post.published_at <= when,
            or_(Post.published_at < when, Post.id < post.id),
        )
        newer = and_(
            Post.published_at >= when,
            or_(Post.published_at > when, Post.id > post.id),
        )
        for kind, where, order in (
            ("older", older, (Post.published_at.desc(), Post.id.desc())),
            ("newer", newer, (Post.published_at.asc(), Post.id.asc())),
        ):
            found = select(Post.id).where(*live, where).order_by(*order).limit(1).subquery()
            parts.append(select(literal(kind).label("kind"), found.c.id))
    tag_ids = [t.id for t in post.tags if not t.is_internal]
    if tag_ids and related_limit > 0:
        shared = func.count(PostTag.tag_id).label("shared")
        # Candidates are the newest posts only, so the cost stays flat however large the site.
        recent = (
            select(Post.id).where(*live).order_by(Post.published_at.desc()).limit(RELATED_WINDOW)
        )
        ranked = (
            select(PostTag.post_id, shared)
            .where(
                PostTag.tag_id.in_(tag_ids),
                PostTag.post_id != post.id,
                PostTag.post_id.in_(recent.scalar_subquery()),
            )
            .group_by(PostTag.post_id)
            .subquery()
        )
        best = (
            select(Post.id)
            .join(ranked, ranked.c.post_id == Post.id)
            .where(*live)
            .order_by(ranked.c.shared.desc(), Post.published_at.desc(), Post.id.desc())
            .limit(related_limit)
            .subquery()
        )
        parts.append(select(literal("related").label("kind"), best.c.id))
    if not parts:
        return Neighbours(None, None, [])
    rows = (await session.execute(union_all(*parts))).all()
    wanted = {row[1] for row in rows}
    found_posts = await session.execute(_with_cards(select(Post).where(Post.id.in_(wanted))))
    by_id = {p.id: p for p in found_posts.unique().scalars()}
    picked: dict[str, list[Post]] = {"older": [], "newer": [], "related": []}
    for kind, post_id in rows:
        if post_id in by_id:
            picked[kind].append(by_id[post_id])
    return Neighbours(
        older=next(iter(picked["older"]), None),
        newer=next(iter(picked["newer"]), None),
        related=picked["related"],
    )
