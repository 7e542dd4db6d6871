"""Redirects ``/admin/redirects/``: custom ones (an old path to a path or URL, 301 or 302), and
those bound to posts (old imported URLs, permalink changes) listed alongside."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)


async def _page(
    ctx: AdminContext,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    found = await content.list_redirects(ctx.session)
    return ctx.page(
        "redirects.html",
        section="redirects",
        title="Redirects",
        status_code=status_code,
        custom=[r for r in found if r.post_id is None],
        bound=[r for r in found if r.post_id is not None],
        errors=errors or {},
        values=values or {"from_path": "", "to": "", "status_code": "301"},
    )


@router.get("/admin/redirects/", include_in_schema=False)
async def redirects_list(ctx: AdminDep) -> Response:
    """Every redirect, and the form to add one."""
    ctx.require("redirects.manage")
    return await _page(ctx)


@router.post("/admin/redirects/", include_in_schema=False)
async def add(ctx: AdminDep) -> Response:
    """Add a custom redirect; a bad path, target or loop is named next to its field."""
    ctx.require("redirects.manage")
    form = await ctx.request.form()
    values = {key: str(form.get(key, "")).strip() for key in ("from_path", "to", "status_code")}
    status_code = 302 if values["status_code"] == "302" else 301
    try:
        await content.add_custom_redirect(
            ctx.session, values["from_path"], values["to"], status_code=status_code
        )
    except content.RedirectInputError as exc:
        await ctx.session.rollback()
        text = str(exc)[:1].upper() + str(exc)[1:] + "."
        field = "to" if values["from_path"] and "target" in text.lower() else "from_path"
        return await _page(ctx, errors={field: text}, values=values, status_code=422)
    await ctx.session.commit()
    return see_other("/admin/redirects/", done="created")


@router.post("/admin/redirects/delete", include_in_schema=False)
async def delete(ctx: AdminDep) -> Response:
    """Delete the redirect from an old path."""
    ctx.require("redirects.manage")
    from_path = str((await ctx.request.form()).get("from_path", ""))
    try:
        await content.delete_redirect(ctx.session, from_path)
    except content.RedirectNotFound:
        return see_other("/admin/redirects/")
    await ctx.session.commit()
    return see_other("/admin/redirects/", done="deleted")
