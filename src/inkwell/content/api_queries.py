"""What the Ghost APIs read: posts, pages, tags and authors filtered by a filter tree
(``api_filters``), ordered by the fields Ghost lets clients order by, a page at a time.

The Content API sees only what readers may (published posts and pages, public tags); the
Admin API asks for more with ``statuses`` and ``public_tags_only``. Counts of published posts
per tag or author come in one query for a whole page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.api_filters import FilterError, FilterNode, Resource, compile_filter
from inkwell.content.models import Post, PostAuthor, PostTag, Tag, User
from inkwell.content.schemas import PostStatus, PostType

Row = TypeVar("Row", Post, Tag, User)


@dataclass(frozen=True)
class OrderBy:
    """One sort key: a field name and its direction."""

    field: str
    descending: bool = False


@dataclass(frozen=True)
class ApiPage(Generic[Row]):
    """One page of rows and how many match in all (``limit`` None: every row, one page)."""

    items: list[Row]
    page: int
    limit: int | None
    total: int


_ORDERABLE: dict[Resource, dict[str, Any]] = {
    "posts": {
        "id": Post.id,
        "title": func.lower(Post.title),
        "slug": Post.slug,
        "status": Post.status,
        "featured": Post.featured,
        "published_at": Post.published_at,
        "created_at": Post.created_at,
        "updated_at": Post.updated_at,
        "reading_time": Post.reading_time,
        "visibility": Post.visibility,
    },
    "tags": {
        "id": Tag.id,
        "name": func.lower(Tag.name),
        "slug": Tag.slug,
        "created_at": Tag.created_at,
        "updated_at": Tag.updated_at,
    },
    "authors": {
        "id": User.id,
        "name": func.lower(User.name),
        "slug": User.slug,
        "created_at": User.created_at,
        "updated_at": User.updated_at,
    },
}
_MODELS: dict[Resource, Any] = {"posts": Post, "tags": Tag, "authors": User}
DEFAULT_ORDERS: dict[Resource, tuple[OrderBy, ...]] = {
    "posts": (OrderBy("published_at", True),),
    "tags": (OrderBy("name"),),
    "authors": (OrderBy("name"),),
}
COUNT_POSTS = "count.posts"


def orderable_fields(resource: Resource) -> list[str]:
    """The fields ``order`` may name for ``resource`` (tags and authors: also count.posts)."""
    extra = [COUNT_POSTS] if resource != "posts" else []
    return [*_ORDERABLE[resource], *extra]


def _order_clauses(resource: Resource, order: Sequence[OrderBy]) -> list[Any]:
    model = _MODELS[resource]
    clauses = []
    wanted = order or DEFAULT_ORDERS[resource]
    for item in wanted:
        if item.field == COUNT_POSTS and resource != "posts":
            column: Any = _published_count(resource, model.id)
        else:
            column = _ORDERABLE[resource].get(item.field)
            if column is None:
                raise FilterError(f"cannot order by {item.field!r}")
        clauses.append(column.desc() if item.descending else column.asc())
    # Ties broken by id, so that pages never overlap.
    clauses.append(model.id.desc() if wanted[0].descending else model.id.asc())
    return clauses


def _published_count(resource: Resource, owner: Any) -> Any:
    """A correlated count of the published posts of a tag or an author."""
    link: Any = PostTag if resource == "tags" else PostAuthor
    owner_column = link.tag_id if resource == "tags" else link.author_id
    return (
        select(func.count(link.post_id))
        .join(Post, Post.id == link.post_id)
        .where(owner_column == owner, Post.status == PostStatus.PUBLISHED)
        .where(Post.type == PostType.POST)
        .scalar_subquery()
    )


async def _page(
    session: AsyncSession,
    query: Select[Any],
    resource: Resource,
    order: Sequence[OrderBy],
    page: int,
    limit: int | None,
) -> ApiPage[Any]:
    total = (
        await session.execute(select(func.count()).select_from(query.order_by(None).subquery()))
    ).scalar_one()
    query = query.order_by(*_order_clauses(resource, order))
    if limit is not None:
        query = query.limit(limit).offset((page - 1) * limit)
    rows = list((await session.execute(query)).scalars().unique())
    return ApiPage(rows, page, limit, total)


def _posts_query(
    kind: PostType, where: FilterNode | None, statuses: Iterable[PostStatus] | None
) -> Select[Any]:
    query = select(Post).where(Post.type == kind)
    if statuses is not None:
        query = query.where(Post.status.in_(sorted(statuses)))
    if where is not None:
        query = query.where(compile_filter("posts", where))
    return query


PUBLISHED = frozenset({PostStatus.PUBLISHED})


async def browse_posts(
    session: AsyncSession,
    kind: PostType,
    *,
    where: FilterNode | None = None,
    order: Sequence[OrderBy] = (),
    page: int = 1,
    limit: int | None = 15,
    statuses: Iterable[PostStatus] | None = PUBLISHED,
) -> ApiPage[Post]:
    """Posts or pages matching ``where`` (raises FilterError), published ones unless
    ``statuses`` says otherwise (None: any)."""
    query = _posts_query(kind, where, statuses)
    return await _page(session, query, "posts", order, page, limit)


async def read_post(
    session: AsyncSession,
    kind: PostType,
    *,
    id: str | None = None,
    slug: str | None = None,
    uuid: str | None = None,
    where: FilterNode | None = None,
    statuses: Iterable[PostStatus] | None = PUBLISHED,
) -> Post | None:
    """One post or page by id, slug or uuid that also matches ``where``, or None."""
    query = _posts_query(kind, where, statuses)
    for column, value in ((Post.id, id), (Post.slug, slug), (Post.uuid, uuid)):
        if value is not None:
            query = query.where(column == value)
    found: Post | None = (await session.execute(query.limit(1))).scalars().first()
    return found


def _tags_query(where: FilterNode | None, public_only: bool) -> Select[Any]:
    query = select(Tag)
    if public_only:
        query = query.where(~Tag.name.startswith("#"))
    if where is not None:
        query = query.where(compile_filter("tags", where))
    return query


async def browse_tags(
    session: AsyncSession,
    *,
    where: FilterNode | None = None,
    order: Sequence[OrderBy] = (),
    page: int = 1,
    limit: int | None = 15,
    public_only: bool = True,
) -> ApiPage[Tag]:
    """Tags matching ``where``: public ones only unless ``public_only`` is False."""
    return await _page(session, _tags_query(where, public_only), "tags", order, page, limit)


async def read_tag(
    session: AsyncSession,
    *,
    id: str | None = None,
    slug: str | None = None,
    where: FilterNode | None = None,
    public_only: bool = True,
) -> Tag | None:
    """One tag by id or slug that also matches ``where``, or None."""
    query = _tags_query(where, public_only)
    for column, value in ((Tag.id, id), (Tag.slug, slug)):
        if value is not None:
            query = query.where(column == value)
    found: Tag | None = (await session.execute(query.limit(1))).scalars().first()
    return found


def _authors_query(where: FilterNode | None) -> Select[Any]:
    query = select(User)
    if where is not None:
        query = query.where(compile_filter("authors", where))
    return query


async def browse_authors(
    session: AsyncSession,
    *,
    where: FilterNode | None = None,
    order: Sequence[OrderBy] = (),
    page: int = 1,
    limit: int | None = 15,
) -> ApiPage[User]:
    """Authors' public profiles matching ``where``."""
    return await _page(session, _authors_query(where), "authors", order, page, limit)


async def read_author(
    session: AsyncSession,
    *,
    id: str | None = None,
    slug: str | None = None,
    where: FilterNode | None = None,
) -> User | None:
    """One author's profile by id or slug that also matches ``where``, or None."""
    query = _authors_query(where)
    for column, value in ((User.id, id), (User.slug, slug)):
        if value is not None:
            query = query.where(column == value)
    found: User | None = (await session.execute(query.limit(1))).scalars().first()
    return found


async def published_post_counts(
    session: AsyncSession, resource: Resource, ids: Sequence[str]
) -> dict[str, int]:
    """How many published posts each tag (``resource="tags"``) or author has, by id."""
    if not ids:
        return {}
    link: Any = PostTag if resource == "tags" else PostAuthor
    owner: ColumnElement[str] = link.tag_id if resource == "tags" else link.author_id
    query = (
        select(owner, func.count(link.post_id))
        .join(Post, Post.id == link.post_id)
        .where(owner.in_(ids), Post.status == PostStatus.PUBLISHED, Post.type == PostType.POST)
        .group_by(owner)
    )
    found = {str(key): int(count) for key, count in (await session.execute(query)).all()}
    return {key: found.get(key, 0) for key in ids}
