"""Posts and pages: the one door other features use to reach content.

Writing lives in ``saving`` and old URLs in ``redirects``; both are re-exported here so that
callers need only this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

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

__all__ = [
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


def _published(kind: str = "post") -> Select[Post]:
    return (
        select(Post)
        .where(Post.type == kind, Post.status == "published")
        .order_by(Post.published_at.desc(), Post.id.desc())
    )


async def get_post(session: AsyncSession, post_id: str) -> Post | None:
    """Any post or page by id."""
    return await session.get(Post, post_id)


async def get_published(session: AsyncSession, slug: str, kind: str = "post") -> Post | None:
    """A published post (or page, with ``kind="page"``) by slug."""
    query = select(Post).where(Post.slug == slug, Post.type == kind, Post.status == "published")
    return (await session.execute(query)).scalar_one_or_none()


async def list_published(
    session: AsyncSession,
    *,
    page: int = 1,
    per_page: int = 10,
    tag_slug: str | None = None,
    author_slug: str | None = None,
) -> PostPage:
    """Published posts, newest first, optionally only those with a tag or an author."""
    query = _published()
    if tag_slug is not None:
        query = query.where(Post.tag_links.any(PostTag.tag.has(Tag.slug == tag_slug)))
    if author_slug is not None:
        query = query.where(Post.author_links.any(PostAuthor.author.has(User.slug == author_slug)))
    total_query = select(func.count()).select_from(query.order_by(None).subquery())
    total = (await session.execute(total_query)).scalar_one()
    rows = await session.execute(query.limit(per_page).offset((page - 1) * per_page))
    return PostPage(list(rows.scalars()), page, per_page, total)


async def all_published(session: AsyncSession, kind: str = "post") -> list[Post]:
    """Every published post (or page), newest first: for sitemaps and static builds."""
    return list((await session.execute(_published(kind))).scalars())


async def adjacent(session: AsyncSession, post: Post) -> tuple[Post | None, Post | None]:
    """The published posts just older and just newer than ``post``."""
    if post.published_at is None:
        return None, None
    older_filter = or_(
        Post.published_at < post.published_at,
        and_(Post.published_at == post.published_at, Post.id < post.id),
    )
    newer_filter = or_(
        Post.published_at > post.published_at,
        and_(Post.published_at == post.published_at, Post.id > post.id),
    )
    older = (await session.execute(_published().where(older_filter).limit(1))).scalar()
    newer_query = (
        _published()
        .where(newer_filter)
        .order_by(None)
        .order_by(Post.published_at.asc(), Post.id.asc())
        .limit(1)
    )
    newer = (await session.execute(newer_query)).scalar()
    return older, newer


async def related(session: AsyncSession, post: Post, limit: int = 3) -> list[Post]:
    """Published posts sharing the most public tags with ``post``, newest first on ties."""
    tag_ids = [t.id for t in post.tags if not t.is_internal]
    if not tag_ids:
        return []
    shared = func.count(PostTag.tag_id).label("shared")
    ranked = (
        select(PostTag.post_id, shared)
        .where(PostTag.tag_id.in_(tag_ids), PostTag.post_id != post.id)
        .group_by(PostTag.post_id)
        .subquery()
    )
    query = (
        select(Post)
        .join(ranked, ranked.c.post_id == Post.id)
        .where(Post.status == "published", Post.type == "post")
        .order_by(ranked.c.shared.desc(), Post.published_at.desc())
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


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
