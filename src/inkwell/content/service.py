"""Posts and pages: the one door other features use to reach content.

Writing lives in ``saving`` and old URLs in ``redirects``; both are re-exported here so that
callers need only this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, func, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer, joinedload

from inkwell.content.models import Post, PostAuthor, PostTag, Tag, User
from inkwell.content.permalinks import PermalinkFields, build_path
from inkwell.content.redirects import add_redirect, find_redirect, normalise_path
from inkwell.content.saving import (
    PostBatch,
    SaveResult,
    render_options,
    render_post,
    rerender_all,
    save_post,
)
from inkwell.content.site_settings import SiteSettings
from inkwell.core.changes import UntilChanged, pending, url_of

__all__ = [
    "Neighbours",
    "PostBatch",
    "PostPage",
    "SaveResult",
    "add_redirect",
    "adjacent",
    "all_published",
    "count_posts",
    "find_redirect",
    "get_post",
    "get_published",
    "list_published",
    "neighbours",
    "normalise_path",
    "path_of",
    "related",
    "render_options",
    "render_post",
    "rerender_all",
    "save_post",
]


@dataclass(frozen=True)
class PostPage:
    """One page of a listing."""

    posts: list[Post]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))


# --- reading ------------------------------------------------------------------------------


_totals = UntilChanged(tags=["listing"])


def _published(kind: str = "post", *, with_html: bool = False) -> Select[Post]:
    query = (
        select(Post)
        .where(Post.type == kind, Post.status == "published")
        .order_by(Post.published_at.desc(), Post.id.desc())
    )
    # Listings show cards: the (large) HTML is loaded only where the whole post is shown.
    return query if with_html else query.options(defer(Post.html))


async def get_post(session: AsyncSession, post_id: str) -> Post | None:
    """Any post or page by id."""
    return await session.get(Post, post_id)


async def get_published(session: AsyncSession, slug: str, kind: str = "post") -> Post | None:
    """A published post (or page, with ``kind="page"``) by slug, with its tags and authors."""
    query = select(Post).where(Post.slug == slug, Post.type == kind, Post.status == "published")
    query = query.options(
        joinedload(Post.tag_links).joinedload(PostTag.tag),
        joinedload(Post.author_links).joinedload(PostAuthor.author),
    )
    return (await session.execute(query)).unique().scalar_one_or_none()


async def list_published(
    session: AsyncSession,
    *,
    page: int = 1,
    per_page: int = 10,
    tag_slug: str | None = None,
    author_slug: str | None = None,
    with_html: bool = False,
) -> PostPage:
    """Published posts, newest first, optionally only those with a tag or an author.

    ``with_html`` loads each post's HTML too (feeds need it; cards do not).
    """
    query = _published(with_html=with_html)
    # Joins from the (indexed) slug, not EXISTS per post: an archive reads only its own posts.
    if tag_slug is not None:
        query = query.join(PostTag, PostTag.post_id == Post.id).join(Tag, Tag.id == PostTag.tag_id)
        query = query.where(Tag.slug == tag_slug)
    if author_slug is not None:
        query = query.join(PostAuthor, PostAuthor.post_id == Post.id)
        query = query.join(User, User.id == PostAuthor.author_id).where(User.slug == author_slug)
    # Counting a large archive costs more than the page itself: remember totals until a change.
    totals = {} if pending(session) else _totals.begin(url_of(session))
    key = (tag_slug, author_slug)
    total = totals.get(key)
    if total is None:
        total_query = select(func.count()).select_from(query.order_by(None).subquery())
        total = totals[key] = (await session.execute(total_query)).scalar_one()
    rows = await session.execute(query.limit(per_page).offset((page - 1) * per_page))
    return PostPage(list(rows.scalars()), page, per_page, total)


async def all_published(
    session: AsyncSession, kind: str = "post", *, with_html: bool = False
) -> list[Post]:
    """Every published post (or page), newest first: for sitemaps and static builds."""
    return list((await session.execute(_published(kind, with_html=with_html))).scalars())


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


async def adjacent(session: AsyncSession, post: Post) -> tuple[Post | None, Post | None]:
    """The published posts just older and just newer than ``post``."""
    found = await neighbours(session, post, related_limit=0)
    return found.older, found.newer


async def related(session: AsyncSession, post: Post, limit: int = 3) -> list[Post]:
    """Published posts sharing the most public tags with ``post``, newest first on ties."""
    return (await neighbours(session, post, related_limit=limit)).related


async def count_posts(session: AsyncSession) -> int:
    """How many posts and pages are stored, in any status."""
    return (await session.execute(select(func.count(Post.id)))).scalar_one()


def path_of(post: Post, site: SiteSettings) -> str:
    """The URL path of a post or page under the site's permalink pattern."""
    if post.type == "page":
        return f"/{post.slug}/"
    fields = PermalinkFields(
        id=post.id,
        slug=post.slug,
        published_at=post.published_at,
        primary_tag=next((t.slug for t in post.tags if not t.is_internal), None),
    )
    return build_path(site.permalink, fields, site.timezone)
