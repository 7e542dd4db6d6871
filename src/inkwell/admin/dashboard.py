"""The dashboard ``/admin/``: recent posts, drafts, scheduled posts and quick links."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

_SHOWN = 5


async def _listing(
    ctx: AdminContext, status: content.PostStatus, order: content.PostOrder
) -> content.PostPage:
    wanted = content.PostFilter(
        type=content.PostType.POST,
        statuses=frozenset({status}),
        authors=() if ctx.sees_all_posts else (ctx.staff.slug,),
        order=order,
        limit=_SHOWN,
    )
    return await content.find_posts(ctx.session, wanted)


@router.get("/admin/", include_in_schema=False)
async def dashboard(ctx: AdminDep) -> Response:
    """Recent, draft and scheduled posts (the staff member's own unless they see all)."""
    recent = await _listing(ctx, content.PostStatus.PUBLISHED, content.PostOrder.NEWEST)
    drafts = await _listing(ctx, content.PostStatus.DRAFT, content.PostOrder.RECENTLY_UPDATED)
    scheduled = await _listing(ctx, content.PostStatus.SCHEDULED, content.PostOrder.OLDEST)
    return ctx.page(
        "dashboard.html",
        section="dashboard",
        title="Dashboard",
        recent=recent,
        drafts=drafts,
        scheduled=scheduled,
    )
