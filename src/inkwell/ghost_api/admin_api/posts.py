"""``/ghost/api/admin/posts/`` and ``/pages/``: browse, read (by id or slug), add, edit, delete.

The routes are thin: ``admin_input`` reads the body, ``admin_writes`` decides what is stored,
the serializers shape the answer (``lexical`` written from our source by ghost-json's
``document_for``, so a client that reads, changes and sends back a post keeps its body).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from inkwell.accounts import service as accounts
from inkwell.content import service as content
from inkwell.content.service import OrderBy, Post, PostType
from inkwell.ghost_api import admin_writes
from inkwell.ghost_api.admin_api import common
from inkwell.ghost_api.admin_api.query import (
    DEFAULT_POST_FORMATS,
    POST_FORMATS,
    ReadQuery,
    read_query,
)
from inkwell.ghost_api.admin_input import parse_post
from inkwell.ghost_api.auth import AdminCallerDep, ApiCaller
from inkwell.ghost_api.serializers import SerializeContext, only_fields, pagination, post_json
from inkwell.render import lexical

INCLUDES = frozenset(
    {"tags", "authors", "authors.roles", "tiers", "newsletter", "email", "count.clicks"}
)
DEFAULT_INCLUDE = ("tags", "authors", "authors.roles", "tiers")
# Drafts have no publication date: the newest change first orders every status alike.
DEFAULT_ORDER = (OrderBy("updated_at", True),)


async def _default_author(session: AsyncSession, caller: ApiCaller) -> str | None:
    if caller.staff is not None:
        return caller.staff.user_id
    return await accounts.owner_id(session)


def _query(request: Request, kind: PostType, *, browsing: bool) -> ReadQuery:
    return read_query(
        request.query_params,
        "posts" if kind == PostType.POST else "pages",
        browsing=browsing,
        includes=INCLUDES,
        default_include=DEFAULT_INCLUDE,
        formats=POST_FORMATS,
        default_formats=DEFAULT_POST_FORMATS,
        default_order=DEFAULT_ORDER,
    )


async def _shaped(
    session: AsyncSession, request: Request, posts: Sequence[Post], query: ReadQuery
) -> list[dict[str, Any]]:
    settings = common.settings_of(request)
    site = await content.load_settings_cached(session)
    ctx = SerializeContext(
        settings.site_url, site, admin=True, formats=query.formats, include=query.include
    )
    documents: dict[str, str] = {}
    if "lexical" in query.formats:
        sources = await content.post_sources(session, [post.id for post in posts])
        for post_id, (source_format, source) in sources.items():
            documents[post_id] = json.dumps(
                lexical.document_for(source_format, source), separators=(",", ":")
            )
    return [
        only_fields(post_json(post, ctx, lexical=documents.get(post.id)), query.fields)
        for post in posts
    ]


def posts_router(kind: PostType) -> APIRouter:
    """The five routes of posts (``kind`` post) or pages (``kind`` page)."""
    root = f"{kind}s"
    router = APIRouter(prefix=f"/{root}")
    create = "posts.create" if kind == PostType.POST else "pages.manage"

    @router.get("/")
    async def browse(request: Request, caller: AdminCallerDep) -> Response:
        query = _query(request, kind, browsing=True)
        async with common.database(request).session() as session:
            try:
                found = await content.browse_posts(
                    session,
                    kind,
                    where=query.where,
                    order=query.order,
                    page=query.page,
                    limit=query.limit,
                    statuses=None,
                )
            except content.FilterError as exc:
                raise common.filter_refused(exc) from None
            shaped = await _shaped(session, request, found.items, query)
        meta = {"pagination": pagination(found.page, found.limit, found.total)}
        return common.answer({root: shaped, "meta": meta})

    async def _read(
        request: Request, *, id: str | None = None, slug: str | None = None
    ) -> Response:
        query = _query(request, kind, browsing=False)
        async with common.database(request).session() as session:
            post = await content.read_post(session, kind, id=id, slug=slug, statuses=None)
            if post is None:
                raise admin_writes.not_found(kind)
            shaped = await _shaped(session, request, [post], query)
        return common.answer({root: shaped})

    @router.get("/slug/{slug}/")
    async def read_by_slug(request: Request, caller: AdminCallerDep, slug: str) -> Response:
        return await _read(request, slug=slug)

    @router.get("/{post_id}/")
    async def read(request: Request, caller: AdminCallerDep, post_id: str) -> Response:
        return await _read(request, id=post_id)

    @router.post("/")
    async def add(request: Request, caller: AdminCallerDep) -> Response:
        caller.require(create)
        body = await common.read_json(request)
        changes = parse_post(
            body, root, source_param=request.query_params.get("source"), editing=False
        )
        if changes.fields.get("status") in ("published", "scheduled"):
            caller.require("posts.publish" if kind == PostType.POST else create)
        settings = common.settings_of(request)
        async with common.database(request).session(write=True) as session:
            options = await common.render_options(session, settings)
            author = await _default_author(session, caller)
            post = await admin_writes.add_post(
                session,
                changes,
                kind,
                options,
                default_author_id=author,
                may_create_tags=caller.may("tags.create"),
            )
            post_id = post.id
        return await _answer_one(request, post_id, kind, root, status=201)

    @router.put("/{post_id}/")
    async def edit(request: Request, caller: AdminCallerDep, post_id: str) -> Response:
        body = await common.read_json(request)
        changes = parse_post(
            body, root, source_param=request.query_params.get("source"), editing=True
        )
        settings = common.settings_of(request)
        async with common.database(request).session(write=True) as session:
            stored = await admin_writes.stored_post(session, post_id, kind, "edit")
            caller.require("posts.edit", post=stored)
            if changes.fields.get("status", stored.status) != stored.status:
                caller.require("posts.publish", post=stored)
            options = await common.render_options(session, settings)
            await admin_writes.edit_post(
                session, post_id, changes, kind, options, may_create_tags=caller.may("tags.create")
            )
        return await _answer_one(request, post_id, kind, root)

    @router.delete("/{post_id}/")
    async def delete(request: Request, caller: AdminCallerDep, post_id: str) -> Response:
        async with common.database(request).session(write=True) as session:
            stored = await admin_writes.stored_post(session, post_id, kind, "delete")
            caller.require("posts.delete", post=stored)
            await admin_writes.delete_post(session, post_id, kind)
        return common.no_content()

    return router


async def _answer_one(
    request: Request, post_id: str, kind: PostType, root: str, *, status: int = 200
) -> Response:
    # Read again after the commit: the answer shows what is stored, relations and all.
    query = _query(request, kind, browsing=False)
    async with common.database(request).session() as session:
        post = await content.read_post(session, kind, id=post_id, statuses=None)
        if post is None:
            raise admin_writes.not_found(kind)
        shaped = await _shaped(session, request, [post], query)
    return common.answer({root: shaped}, status)
