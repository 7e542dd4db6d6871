"""The signed-in staff member's own account ``/admin/account/``: change the password, sign out
every other session."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from inkwell.accounts import service as accounts
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other

router = APIRouter(route_class=AdminRoute)


def _page(
    ctx: AdminContext, errors: dict[str, str] | None = None, status_code: int = 200
) -> Response:
    return ctx.page(
        "account.html",
        section="account",
        title="Your account",
        status_code=status_code,
        errors=errors or {},
    )


@router.get("/admin/account/", include_in_schema=False)
async def account(ctx: AdminDep) -> Response:
    """Who is signed in, and the forms for their password and sessions."""
    return _page(ctx)


@router.post("/admin/account/password", include_in_schema=False)
async def change_password(ctx: AdminDep) -> Response:
    """Change the own password (knowing the current one); other sessions end."""
    form = await ctx.request.form()
    current, new = str(form.get("current_password", "")), str(form.get("new_password", ""))
    if new != str(form.get("confirm_password", "")):
        return _page(ctx, {"confirm_password": "The two new passwords differ."}, 422)
    try:
        await accounts.change_own_password(
            ctx.session, ctx.staff, current, new, session_id=ctx.staff.session_id
        )
    except accounts.UserInputError as exc:
        await ctx.session.rollback()
        text = str(exc)[:1].upper() + str(exc)[1:] + "."
        field = "current_password" if "current" in text else "new_password"
        return _page(ctx, {field: text}, 422)
    await ctx.session.commit()
    return see_other("/admin/account/", done="password")


@router.post("/admin/account/signout-everywhere", include_in_schema=False)
async def sign_out_everywhere(ctx: AdminDep) -> Response:
    """End every session of this account but this one."""
    await accounts.sign_out_everywhere(ctx.session, ctx.staff)
    await ctx.session.commit()
    return see_other("/admin/account/", done="signed-out")
