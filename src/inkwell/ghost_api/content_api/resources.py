"""What each Content API endpoint answers: content read through ``content.service``, shaped
by the serializers, with Ghost's errors for what is not there or cannot be read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import service as comments
from inkwell.content import service
from inkwell.content.service import FilterError, PostType
from inkwell.ghost_api.errors import BadRequestError, NotFoundError
from inkwell.ghost_api.params import ApiParams
from inkwell.ghost_api.serializers import (
    SerializeContext,
    author_json,
    only_fields,
    pagination,
    post_json,
    settings_json,
    tag_json,
)

Kind = Literal["posts", "pages"]
_SINGULAR = {"posts": "post", "pages": "page", "tags": "tag", "authors": "author"}


def not_found(resource: str) -> NotFoundError:
    """Ghost's 404 for a ``resource`` (posts, pages, tags, authors) that is not there."""
    one = _SINGULAR[resource]
    return NotFoundError(
        f"Resource not found error, cannot read {one}.", context=f"{one.capitalize()} not found."
    )


def _bad_filter(exc: FilterError) -> BadRequestError:
    return BadRequestError("Error parsing filter", context=str(exc), property="filter")


async def _context(session: AsyncSession, site_url: str, params: ApiParams) -> SerializeContext:
    site = await service.load_settings_cached(session)
    return SerializeContext(
        site_url=site_url, site=site, formats=params.formats, include=params.include
    )


async def _post_context(
    session: AsyncSession, site_url: str, params: ApiParams, post_ids: list[str]
) -> SerializeContext:
    ctx = await _context(session, site_url, params)
    if "count.comments" not in params.include:
        return ctx
    return replace(ctx, comment_counts=await comments.comment_counts(session, post_ids))


def _meta(page: service.ApiPage[Any]) -> dict[str, Any]:
    return {"pagination": pagination(page.page, page.limit, page.total)}


async def browse_posts(
    session: AsyncSession, site_url: str, kind: Kind, params: ApiParams
) -> dict[str, Any]:
    """``{"posts"|"pages": [...], "meta": {"pagination": ...}}`` of the published ones."""
    post_type = PostType.POST if kind == "posts" else PostType.PAGE
    try:
        found = await service.browse_posts(
            session,
            post_type,
            where=params.filter,
            order=params.order,
            page=params.page,
            limit=params.limit,
        )
    except FilterError as exc:
        raise _bad_filter(exc) from None
    ctx = await _post_context(session, site_url, params, [post.id for post in found.items])
    items = [only_fields(post_json(post, ctx), params.fields) for post in found.items]
    return {kind: items, "meta": _meta(found)}


async def read_post(
    session: AsyncSession,
    site_url: str,
    kind: Kind,
    params: ApiParams,
    *,
    id: str | None = None,
    slug: str | None = None,
) -> dict[str, Any]:
    """``{"posts"|"pages": [one]}``: a published post or page by id or slug, else 404."""
    post_type = PostType.POST if kind == "posts" else PostType.PAGE
    try:
        post = await service.read_post(session, post_type, id=id, slug=slug, where=params.filter)
    except FilterError as exc:
        raise _bad_filter(exc) from None
    if post is None:
        raise not_found(kind)
    ctx = await _post_context(session, site_url, params, [post.id])
    shaped = post_json(post, ctx, slug_first=slug is not None)
    return {kind: [only_fields(shaped, params.fields)]}


async def _counts(
    session: AsyncSession, resource: Literal["tags", "authors"], params: ApiParams, ids: list[str]
) -> dict[str, int]:
    if "count.posts" not in params.include:
        return {}
    return await service.published_post_counts(session, resource, ids)


async def browse_tags(session: AsyncSession, site_url: str, params: ApiParams) -> dict[str, Any]:
    """``{"tags": [...], "meta": ...}``: public tags, with post counts when included."""
    try:
        found = await service.browse_tags(
            session, where=params.filter, order=params.order, page=params.page, limit=params.limit
        )
    except FilterError as exc:
        raise _bad_filter(exc) from None
    ctx = await _context(session, site_url, params)
    counts = await _counts(session, "tags", params, [tag.id for tag in found.items])
    ctx = replace(ctx, post_counts=counts)
    items = [only_fields(tag_json(tag, ctx), params.fields) for tag in found.items]
    return {"tags": items, "meta": _meta(found)}


async def read_tag(
    session: AsyncSession,
    site_url: str,
    params: ApiParams,
    *,
    id: str | None = None,
    slug: str | None = None,
) -> dict[str, Any]:
    """``{"tags": [one]}``: a public tag by id or slug, else 404."""
    try:
        tag = await service.read_tag(session, id=id, slug=slug, where=params.filter)
    except FilterError as exc:
        raise _bad_filter(exc) from None
    if tag is None:
        raise not_found("tags")
    ctx = await _context(session, site_url, params)
    counts = await _counts(session, "tags", params, [tag.id])
    ctx = replace(ctx, post_counts=counts)
    return {"tags": [only_fields(tag_json(tag, ctx), params.fields)]}


async def browse_authors(session: AsyncSession, site_url: str, params: ApiParams) -> dict[str, Any]:
    """``{"authors": [...], "meta": ...}``: authors' public profiles."""
    try:
        found = await service.browse_authors(
            session, where=params.filter, order=params.order, page=params.page, limit=params.limit
        )
    except FilterError as exc:
        raise _bad_filter(exc) from None
    ctx = await _context(session, site_url, params)
    counts = await _counts(session, "authors", params, [user.id for user in found.items])
    ctx = replace(ctx, post_counts=counts)
    items = [only_fields(author_json(user, ctx), params.fields) for user in found.items]
    return {"authors": items, "meta": _meta(found)}


async def read_author(
    session: AsyncSession,
    site_url: str,
    params: ApiParams,
    *,
    id: str | None = None,
    slug: str | None = None,
) -> dict[str, Any]:
    """``{"authors": [one]}``: an author by id or slug, else 404."""
    try:
        user = await service.read_author(session, id=id, slug=slug, where=params.filter)
    except FilterError as exc:
        raise _bad_filter(exc) from None
    if user is None:
        raise not_found("authors")
    ctx = await _context(session, site_url, params)
    counts = await _counts(session, "authors", params, [user.id])
    ctx = replace(ctx, post_counts=counts)
    return {"authors": [only_fields(author_json(user, ctx), params.fields)]}


async def site_settings(session: AsyncSession, site_url: str) -> dict[str, Any]:
    """``{"settings": {...}, "meta": {}}``."""
    ctx = await _context(session, site_url, ApiParams())
    return {"settings": settings_json(ctx), "meta": {}}


def empty_list(resource: str, params: ApiParams) -> dict[str, Any]:
    """What Ghost answers for members' resources of a site without members (tiers...)."""
    return {resource: [], "meta": {"pagination": pagination(1, params.limit, 0)}}
