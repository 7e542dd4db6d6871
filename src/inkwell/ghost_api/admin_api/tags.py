"""``/ghost/api/admin/tags/``: browse, read (by id or slug), add, edit, delete.

The Admin API sees internal (``#``) tags too. Names, slugs and descriptions follow content's
tag rules; the other Ghost fields are stored as sent (``content.set_tag_details``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from inkwell.content import service as content
from inkwell.content.service import Tag
from inkwell.ghost_api.admin_api import common
from inkwell.ghost_api.admin_api.query import ReadQuery, read_query
from inkwell.ghost_api.admin_input import only_item
from inkwell.ghost_api.admin_writes import not_found
from inkwell.ghost_api.auth import AdminCallerDep
from inkwell.ghost_api.errors import ValidationError
from inkwell.ghost_api.serializers import SerializeContext, only_fields, pagination, tag_json

router = APIRouter(prefix="/tags")
INCLUDES = frozenset({"count.posts"})
_NAMED = ("name", "slug", "description")


def _query(request: Request, *, browsing: bool) -> ReadQuery:
    return read_query(request.query_params, "tags", browsing=browsing, includes=INCLUDES)


async def _shaped(
    session: AsyncSession, request: Request, tags: list[Tag], query: ReadQuery
) -> list[dict[str, Any]]:
    site = await content.load_settings_cached(session)
    counts: dict[str, int] = {}
    if "count.posts" in query.include:
        counts = await content.published_post_counts(session, "tags", [t.id for t in tags])
    ctx = SerializeContext(
        common.settings_of(request).site_url,
        site,
        admin=True,
        include=query.include,
        post_counts=counts,
    )
    return [only_fields(tag_json(tag, ctx), query.fields) for tag in tags]


def _tag_input(body: Any, action: str) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """The named fields (name, slug, description) and the details of a tag write."""
    item = only_item(body, "tags")
    named: dict[str, str | None] = {}
    details: dict[str, str | None] = {}
    for name, value in item.items():
        if name not in _NAMED and name not in content.TAG_DETAILS:
            continue  # read-only (id, url, count, dates) or Ghost's own (visibility, parent)
        if value is not None and not isinstance(value, str):
            raise ValidationError(
                f"Validation error, cannot {action} tag.",
                property=name,
                context=f"{name} must be a string or null.",
            )
        (named if name in _NAMED else details)[name] = value
    return named, details


def _refused(exc: content.TagInputError, action: str) -> ValidationError:
    return ValidationError(f"Validation error, cannot {action} tag.", context=str(exc))


@router.get("/")
async def browse_tags(request: Request, caller: AdminCallerDep) -> Response:
    """Every tag, internal ones too."""
    query = _query(request, browsing=True)
    async with common.database(request).session() as session:
        try:
            found = await content.browse_tags(
                session,
                where=query.where,
                order=query.order,
                page=query.page,
                limit=query.limit,
                public_only=False,
            )
        except content.FilterError as exc:
            raise common.filter_refused(exc) from None
        shaped = await _shaped(session, request, found.items, query)
    meta = {"pagination": pagination(found.page, found.limit, found.total)}
    return common.answer({"tags": shaped, "meta": meta})


async def _read(request: Request, *, id: str | None = None, slug: str | None = None) -> Response:
    query = _query(request, browsing=False)
    async with common.database(request).session() as session:
        tag = await content.read_tag(session, id=id, slug=slug, public_only=False)
        if tag is None:
            raise not_found("tag")
        shaped = await _shaped(session, request, [tag], query)
    return common.answer({"tags": shaped})


@router.get("/slug/{slug}/")
async def read_tag_by_slug(request: Request, caller: AdminCallerDep, slug: str) -> Response:
    """One tag by slug."""
    return await _read(request, slug=slug)


@router.get("/{tag_id}/")
async def read_tag(request: Request, caller: AdminCallerDep, tag_id: str) -> Response:
    """One tag by id."""
    return await _read(request, id=tag_id)


@router.post("/")
async def add_tag(request: Request, caller: AdminCallerDep) -> Response:
    """A new tag: 201 with it."""
    caller.require("tags.create")
    named, details = _tag_input(await common.read_json(request), "save")
    if not (named.get("name") or "").strip():
        raise ValidationError(
            "Validation error, cannot save tag.", property="name", context="A tag needs a name."
        )
    async with common.database(request).session(write=True) as session:
        try:
            tag = await content.create_tag(
                session,
                named["name"] or "",
                slug=named.get("slug"),
                description=named.get("description"),
            )
            await content.set_tag_details(session, tag, details)
        except content.TagInputError as exc:
            raise _refused(exc, "save") from None
        tag_id = tag.id
    return await _answer_one(request, tag_id, 201)


@router.put("/{tag_id}/")
async def edit_tag(request: Request, caller: AdminCallerDep, tag_id: str) -> Response:
    """Change a tag's fields (only those sent)."""
    caller.require("tags.manage")
    named, details = _tag_input(await common.read_json(request), "edit")
    async with common.database(request).session(write=True) as session:
        tag = await content.find_tag(session, id=tag_id)
        if tag is None:
            raise not_found("tag", "edit")
        try:
            if named:
                tag = await content.edit_tag(
                    session,
                    tag.slug,
                    name=named.get("name"),
                    new_slug=named.get("slug") or None,
                    # None keeps the description; "" (sent as null or empty) clears it.
                    description=(named["description"] or "") if "description" in named else None,
                )
            await content.set_tag_details(session, tag, details)
        except content.TagInputError as exc:
            raise _refused(exc, "edit") from None
    return await _answer_one(request, tag_id)


@router.delete("/{tag_id}/")
async def delete_tag(request: Request, caller: AdminCallerDep, tag_id: str) -> Response:
    """Delete a tag; its posts keep their other tags. 204."""
    caller.require("tags.manage")
    async with common.database(request).session(write=True) as session:
        tag = await content.find_tag(session, id=tag_id)
        if tag is None:
            raise not_found("tag", "delete")
        await content.delete_tag(session, tag.slug)
    return common.no_content()


async def _answer_one(request: Request, tag_id: str, status: int = 200) -> Response:
    query = _query(request, browsing=False)
    async with common.database(request).session() as session:
        tag = await content.read_tag(session, id=tag_id, public_only=False)
        if tag is None:
            raise not_found("tag")
        shaped = await _shaped(session, request, [tag], query)
    return common.answer({"tags": shaped}, status)
