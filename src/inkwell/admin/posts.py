"""The posts list ``/admin/posts/`` and pages list ``/admin/pages/``: filters, sorting, search by
title, pagination, and bulk actions on the ticked rows."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from starlette.responses import Response

from inkwell.admin import listing
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

SORTS = {
    "updated": "Recently updated",
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title A–Z",
}
STATUSES = {"": "Any status", "draft": "Drafts", "scheduled": "Scheduled", "published": "Published"}


async def _list(
    ctx: AdminContext,
    kind: content.PostType,
    *,
    status: str,
    tag: str,
    author: str,
    sort: str,
    q: str,
    page: int,
) -> Response:
    base = "/admin/posts/" if kind == content.PostType.POST else "/admin/pages/"
    if not ctx.sees_all_posts:
        author = ctx.staff.slug  # authors and contributors see their own posts only
    sort = sort if sort in SORTS else "updated"
    status = status if status in STATUSES else ""
    found = await listing.find(
        ctx,
        kind,
        status=status,
        tag=tag,
        author=author,
        sort=sort,
        query=q,
        page=page,
    )
    shown = {"status": status, "tag": tag, "author": author, "sort": sort, "q": q}

    def url_for(number: int) -> str:
        params = {k: v for k, v in {**shown, "page": str(number)}.items() if v}
        return base + "?" + urlencode(params)

    return ctx.page(
        "posts.html",
        section="posts" if kind == content.PostType.POST else "pages",
        title="Posts" if kind == content.PostType.POST else "Pages",
        kind=kind.value,
        base=base,
        found=found,
        shown=shown,
        sorts=list(SORTS.items()),
        statuses=list(STATUSES.items()),
        tag_options=await listing.tag_options(ctx),
        author_options=[(p.slug, p.name) for p in await listing.author_options(ctx)]
        if ctx.sees_all_posts
        else [],
        bulk_actions=listing.bulk_actions(ctx, kind),
        url_for=url_for,
    )


Text = Annotated[str, Query(max_length=200)]


@router.get("/admin/posts/", include_in_schema=False)
async def posts_list(
    ctx: AdminDep,
    status: Text = "",
    tag: Text = "",
    author: Text = "",
    sort: Text = "updated",
    q: Text = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Posts, filtered by status, tag and author, searched by title, sorted and paged."""
    return await _list(
        ctx, content.PostType.POST, status=status, tag=tag, author=author, sort=sort, q=q, page=page
    )


@router.get("/admin/pages/", include_in_schema=False)
async def pages_list(
    ctx: AdminDep,
    status: Text = "",
    sort: Text = "updated",
    q: Text = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Static pages (for those who manage pages)."""
    ctx.require("pages.manage")
    return await _list(
        ctx, content.PostType.PAGE, status=status, tag="", author="", sort=sort, q=q, page=page
    )


@router.post("/admin/posts/bulk", include_in_schema=False)
@router.post("/admin/pages/bulk", include_in_schema=False)
async def bulk(ctx: AdminDep) -> Response:
    """Apply one action to every ticked post, after checking it is allowed on each of them.

    One refusal refuses the whole batch (a 403 page naming it) and nothing changes.
    """
    form = await ctx.request.form()
    ids = [str(value) for value in form.getlist("ids")]
    action = str(form.get("action", ""))
    tag_name = str(form.get("tag", ""))
    back = str(form.get("back", "/admin/posts/"))
    if not back.startswith("/admin/"):
        back = "/admin/posts/"
    error = await listing.apply_bulk(ctx, ids, action, tag_name)
    if error is not None:
        return error
    await ctx.session.commit()
    return see_other(back.split("?")[0], done="bulk")
