"""Reading posts and pages: one filter (``PostFilter``) that a Ghost NQL filter can map onto,
``find_posts`` to run it, and the look-ups the site needs by slug or id.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, defer, joinedload

from inkwell.content.models import Post, PostAuthor, PostTag, Tag, User
from inkwell.content.permalinks import PermalinkFields, build_path
from inkwell.content.schemas import PostStatus, PostType
from inkwell.content.site_settings import SiteSettings
from inkwell.core.changes import UntilChanged, pending, url_of


class PostOrder(StrEnum):
    """How ``find_posts`` sorts (ties are broken by id, so pages never overlap)."""

    NEWEST = "published_at desc"
    OLDEST = "published_at asc"
    RECENTLY_UPDATED = "updated_at desc"
    TITLE = "title asc"
    # For lists with drafts (the admin), which have no publication date yet.
    CREATED_NEWEST = "created_at desc"
    CREATED_OLDEST = "created_at asc"


@dataclass(frozen=True)
class PostFilter:
    """Which posts to find; every criterion given must hold (an empty tuple means any).

    ``tags_any`` wants at least one of the tags, ``tags_all`` every one of them;
    ``primary_tag`` is the first public tag, as in permalinks. ``title_contains`` matches
    titles holding the text, ignoring case (ASCII case on SQLite). ``limit=None`` means all.
    """

    type: PostType | None = PostType.POST
    statuses: frozenset[PostStatus] = frozenset({PostStatus.PUBLISHED})
    tags_any: tuple[str, ...] = ()
    tags_all: tuple[str, ...] = ()
    primary_tag: str | None = None
    authors: tuple[str, ...] = ()
    featured: bool | None = None
    slugs: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    published_before: datetime | None = None
    published_after: datetime | None = None
    title_contains: str | None = None
    order: PostOrder = PostOrder.NEWEST
    page: int = 1
    limit: int | None = 10
    with_html: bool = False

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError(f"page numbers start at 1, not {self.page}")
        if self.limit is not None and self.limit < 1:
            raise ValueError(f"a limit must be at least 1, not {self.limit}")


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


_ORDERS: dict[PostOrder, tuple[Any, ...]] = {
    PostOrder.NEWEST: (Post.published_at.desc(), Post.id.desc()),
    PostOrder.OLDEST: (Post.published_at.asc(), Post.id.asc()),
    PostOrder.RECENTLY_UPDATED: (Post.updated_at.desc(), Post.id.desc()),
    # Lowercased, so both databases sort "apple" next to "Apple" whatever their collation.
    PostOrder.TITLE: (func.lower(Post.title).asc(), Post.id.asc()),
    PostOrder.CREATED_NEWEST: (Post.created_at.desc(), Post.id.desc()),
    PostOrder.CREATED_OLDEST: (Post.created_at.asc(), Post.id.asc()),
}
_totals = UntilChanged(tags=["listing"])


def _tagged(slugs: tuple[str, ...]) -> ColumnElement[bool]:
    tagged = select(PostTag.post_id).join(Tag, Tag.id == PostTag.tag_id)
    return Post.id.in_(tagged.where(Tag.slug.in_(slugs)))


def _primary_tag_is(slug: str) -> ColumnElement[bool]:
    # The first public tag: no public tag of the post sorts before this one.
    mine, earlier, earlier_tag = aliased(PostTag), aliased(PostTag), aliased(Tag)
    before = (
        select(earlier.post_id)
        .join(earlier_tag, earlier_tag.id == earlier.tag_id)
        .where(
            earlier.post_id == mine.post_id,
            earlier.sort_order < mine.sort_order,
            ~earlier_tag.name.startswith("#"),
        )
    )
    first = (
        select(mine.post_id)
        .join(Tag, Tag.id == mine.tag_id)
        .where(Tag.slug == slug, ~before.exists())
    )
    return Post.id.in_(first)


def posts_query(wanted: PostFilter) -> Select[Post]:
    """The query ``find_posts`` runs for ``wanted``, ordered, without paging."""
    query = select(Post).order_by(*_ORDERS[wanted.order])
    if wanted.type is not None:
        query = query.where(Post.type == wanted.type)
    if len(wanted.statuses) == 1:
        query = query.where(Post.status == next(iter(wanted.statuses)))
    elif wanted.statuses:
        query = query.where(Post.status.in_(sorted(wanted.statuses)))
    # One tag or author (an archive) joins from the indexed slug: it reads only its own posts.
    if len(wanted.tags_any) == 1:
        query = query.join(PostTag, PostTag.post_id == Post.id).join(Tag, Tag.id == PostTag.tag_id)
        query = query.where(Tag.slug == wanted.tags_any[0])
    elif wanted.tags_any:
        query = query.where(_tagged(wanted.tags_any))
    for slug in wanted.tags_all:
        query = query.where(_tagged((slug,)))
    if wanted.primary_tag is not None:
        query = query.where(_primary_tag_is(wanted.primary_tag))
    if len(wanted.authors) == 1:
        query = query.join(PostAuthor, PostAuthor.post_id == Post.id)
        query = query.join(User, User.id == PostAuthor.author_id)
        query = query.where(User.slug == wanted.authors[0])
    elif wanted.authors:
        written = select(PostAuthor.post_id).join(User, User.id == PostAuthor.author_id)
        query = query.where(Post.id.in_(written.where(User.slug.in_(wanted.authors))))
    if wanted.featured is not None:
        query = query.where(Post.featured.is_(wanted.featured))
    if wanted.slugs:
        query = query.where(Post.slug.in_(wanted.slugs))
    if wanted.ids:
        query = query.where(Post.id.in_(wanted.ids))
    if wanted.published_before is not None:
        query = query.where(Post.published_at < wanted.published_before)
    if wanted.published_after is not None:
        query = query.where(Post.published_at > wanted.published_after)
    if wanted.title_contains:
        needle = wanted.title_contains.lower()
        query = query.where(func.lower(Post.title).contains(needle, autoescape=True))
    # Listings show cards: the (large) HTML is loaded only where the whole post is shown.
    return query if wanted.with_html else query.options(defer(Post.html))


ADMIN_SORTS: dict[str, PostOrder] = {
    "newest": PostOrder.CREATED_NEWEST,
    "oldest": PostOrder.CREATED_OLDEST,
    "updated": PostOrder.RECENTLY_UPDATED,
    "title": PostOrder.TITLE,
}


def admin_filter(
    *,
    type: PostType | None = PostType.POST,
    status: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    q: str | None = None,
    sort: str = "newest",
    page: int = 1,
    per_page: int = 20,
) -> PostFilter:
    """The filter of the admin's posts list: any status unless one is named, a tag slug, an
    author slug, words in the title, a sort of ``ADMIN_SORTS`` (newest and oldest go by
    creation, since drafts have no date). Raises ValueError for an unknown status or sort.
    """
    if sort not in ADMIN_SORTS:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(ADMIN_SORTS)}")
    statuses: frozenset[PostStatus] = frozenset()
    if status:
        try:
            statuses = frozenset({PostStatus(status)})
        except ValueError:
            known = ", ".join(s.value for s in PostStatus)
            raise ValueError(f"unknown status {status!r}; use one of {known}") from None
    return PostFilter(
        type=type,
        statuses=statuses,
        tags_any=(tag,) if tag else (),
        authors=(author,) if author else (),
        title_contains=(q or "").strip() or None,
        order=ADMIN_SORTS[sort],
        page=page,
        limit=per_page,
    )


async def find_posts(session: AsyncSession, wanted: PostFilter) -> PostPage:
    """The page of posts ``wanted`` describes, with the total number of matches."""
    query = posts_query(wanted)
    if wanted.limit is None:
        found = list((await session.execute(query)).scalars())
        return PostPage(found, 1, max(1, len(found)), len(found))
    # Counting a large archive costs more than the page itself: remember totals until a change.
    # Only public listings: a draft's change drops no ``listing`` tag, so other totals go stale.
    public_only = wanted.statuses == frozenset({PostStatus.PUBLISHED})
    totals = _totals.begin(url_of(session)) if public_only and not pending(session) else {}
    key = dataclasses.replace(wanted, order=PostOrder.NEWEST, page=1, limit=None, with_html=False)
    total = totals.get(key)
    if total is None:
        total_query = select(func.count()).select_from(query.order_by(None).subquery())
        total = totals[key] = (await session.execute(total_query)).scalar_one()
    offset = (wanted.page - 1) * wanted.limit
    rows = await session.execute(query.limit(wanted.limit).offset(offset))
    return PostPage(list(rows.scalars()), wanted.page, wanted.limit, total)


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
    wanted = PostFilter(
        tags_any=() if tag_slug is None else (tag_slug,),
        authors=() if author_slug is None else (author_slug,),
        page=page,
        limit=per_page,
        with_html=with_html,
    )
    return await find_posts(session, wanted)


async def all_published(
    session: AsyncSession, kind: PostType | str = PostType.POST, *, with_html: bool = False
) -> list[Post]:
    """Every published post (or page), newest first: for sitemaps and static builds."""
    wanted = PostFilter(type=PostType(kind), limit=None, with_html=with_html)
    return (await find_posts(session, wanted)).posts


async def get_post(session: AsyncSession, post_id: str) -> Post | None:
    """Any post or page by id, in any status."""
    return await session.get(Post, post_id)


async def get_published(
    session: AsyncSession, slug: str, kind: PostType | str = PostType.POST
) -> Post | None:
    """A published post (or page, with ``kind="page"``) by slug, with its tags and authors."""
    query = select(Post).where(Post.slug == slug, Post.type == kind, Post.status == "published")
    query = query.options(
        joinedload(Post.tag_links).joinedload(PostTag.tag),
        joinedload(Post.author_links).joinedload(PostAuthor.author),
    )
    return (await session.execute(query)).unique().scalar_one_or_none()


async def published_post_by_id(session: AsyncSession, post_id: str) -> Post | None:
    """The post (not page) with this id if readers may see it, else None."""
    found = await session.get(Post, post_id)
    if found is None or found.status != PostStatus.PUBLISHED or found.type != PostType.POST:
        return None
    return found


async def posts_using_url(session: AsyncSession, url: str) -> list[Post]:
    """Posts and pages (any status) that show ``url`` anywhere: as their feature, OpenGraph or
    Twitter image, or in their HTML or source. ``url`` matches as a substring (so
    ``/content/images/2026/12/a.png`` also finds the absolute URL and resized copies' pages).
    """
    pattern = "%" + url.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    columns = (
        Post.feature_image,
        Post.og_image,
        Post.twitter_image,
        Post.html,
        Post.source,
    )
    query = (
        select(Post)
        .where(or_(*(column.like(pattern, escape="\\") for column in columns)))
        .order_by(Post.updated_at.desc(), Post.id)
    )
    return list((await session.execute(query)).scalars())


async def author_by_slug(session: AsyncSession, slug: str) -> User | None:
    """An author's public profile by slug, or None."""
    return (await session.execute(select(User).where(User.slug == slug))).scalar_one_or_none()


async def count_posts(session: AsyncSession) -> int:
    """How many posts and pages are stored, in any status."""
    return (await session.execute(select(func.count(Post.id)))).scalar_one()


def path_of(post: Post, site: SiteSettings) -> str:
    """The URL path of a post or page under the site's permalink pattern."""
    if post.type == PostType.PAGE:
        return f"/{post.slug}/"
    fields = PermalinkFields(
        id=post.id,
        slug=post.slug,
        published_at=post.published_at,
        primary_tag=next((t.slug for t in post.tags if not t.is_internal), None),
    )
    return build_path(site.permalink, fields, site.timezone)


async def newest_changes(session: AsyncSession) -> dict[str, datetime | None]:
    """The newest change of what each sitemap part lists, in one query (its lastmod).

    The pages part holds the home page, dated by the newest post or page; tags and authors
    are dated by the newest post that has a public tag or an author.
    """

    def newest(*where: ColumnElement[bool]) -> ScalarSelect[datetime]:
        query = select(func.max(Post.updated_at)).where(Post.status == "published", *where)
        return query.scalar_subquery()

    is_post = Post.type == "post"
    public_tag = (
        select(PostTag.post_id)
        .join(Tag, Tag.id == PostTag.tag_id)
        .where(PostTag.post_id == Post.id, ~Tag.name.startswith("#"))
    )
    any_author = select(PostAuthor.post_id).where(PostAuthor.post_id == Post.id)
    query = select(
        newest(),
        newest(is_post),
        newest(is_post, any_author.exists()),
        newest(is_post, public_tag.exists()),
    )
    row = (await session.execute(query)).one()
    return dict(zip(("pages", "posts", "authors", "tags"), row, strict=True))
