"""The staff page ``/admin/staff/``: the list, invitations by email, roles, disabling, and the
owner's transfer of ownership. Every rule (who may give which role, the one owner) is the
accounts service's; a refusal is shown on the page."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

from fastapi import APIRouter, Path
from starlette.responses import Response

from inkwell.accounts import service as accounts
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.content.service import ConflictError

router = APIRouter(route_class=AdminRoute)

UserId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]
ROLE_LABELS = {
    "owner": "Owner",
    "administrator": "Administrator",
    "editor": "Editor",
    "author": "Author",
    "contributor": "Contributor",
}


async def _page(
    ctx: AdminContext,
    *,
    errors: dict[str, str] | None = None,
    invite: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    members = await accounts.list_staff(ctx.session)
    invitations = await accounts.pending_invitations(ctx.session) if ctx.can("staff.invite") else []
    return ctx.page(
        "staff.html",
        section="staff",
        title="Staff",
        status_code=status_code,
        members=members,
        invitations=invitations,
        invitable=[(role, ROLE_LABELS[role]) for role in accounts.invitable_roles(ctx.staff)],
        assignable=[(r, ROLE_LABELS[r]) for r in accounts.ROLES if r != "owner"],
        role_labels=ROLE_LABELS,
        errors=errors or {},
        invite=invite or {"email": "", "role": "contributor"},
    )


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


@router.get("/admin/staff/", include_in_schema=False)
async def staff_list(ctx: AdminDep) -> Response:
    """Everyone on the staff, with what the signed-in member may do to each."""
    ctx.require("staff.view")
    return await _page(ctx)


@router.post("/admin/staff/invite", include_in_schema=False)
async def invite(ctx: AdminDep) -> Response:
    """Invite an email address as a role; the link goes by mail (or to the outbox)."""
    ctx.require("staff.invite")
    form = await ctx.request.form()
    email, role = str(form.get("email", "")).strip(), str(form.get("role", ""))
    from inkwell.accounts.web import invite_by_email

    try:
        outbox = await invite_by_email(ctx.request, ctx.session, ctx.staff, email, role)
    except accounts.UserInputError as exc:
        await ctx.session.rollback()
        errors = {"invite-email": _sentence(exc)}
        return await _page(
            ctx, errors=errors, invite={"email": email, "role": role}, status_code=422
        )
    await ctx.session.commit()
    return see_other("/admin/staff/", done="invited-outbox" if outbox else "invited")


async def _row_action(ctx: AdminContext, work: Awaitable[None]) -> Response:
    try:
        await work
    except (accounts.UserInputError, ConflictError) as exc:
        await ctx.session.rollback()
        return await _page(ctx, errors={"form": _sentence(exc)}, status_code=422)
    await ctx.session.commit()
    return see_other("/admin/staff/", done="saved")


@router.post("/admin/staff/{user_id}/role", include_in_schema=False)
async def change_role(ctx: AdminDep, user_id: UserId) -> Response:
    """Give a staff member another role."""
    role = str((await ctx.request.form()).get("role", ""))
    return await _row_action(ctx, accounts.change_role(ctx.session, ctx.staff, user_id, role))


@router.post("/admin/staff/{user_id}/disable", include_in_schema=False)
async def disable(ctx: AdminDep, user_id: UserId) -> Response:
    """Disable an account (its sessions end)."""
    work = accounts.set_disabled(ctx.session, ctx.staff, user_id, disabled=True)
    return await _row_action(ctx, work)


@router.post("/admin/staff/{user_id}/enable", include_in_schema=False)
async def enable(ctx: AdminDep, user_id: UserId) -> Response:
    """Enable a disabled account again."""
    work = accounts.set_disabled(ctx.session, ctx.staff, user_id, disabled=False)
    return await _row_action(ctx, work)


@router.post("/admin/staff/{user_id}/transfer", include_in_schema=False)
async def transfer(ctx: AdminDep, user_id: UserId) -> Response:
    """The owner makes an administrator the owner (and becomes an administrator)."""
    work = accounts.transfer_ownership(ctx.session, ctx.staff, user_id)
    return await _row_action(ctx, work)


@router.post("/admin/staff/invitations/{invitation_id}/revoke", include_in_schema=False)
async def revoke_invitation(ctx: AdminDep, invitation_id: UserId) -> Response:
    """Withdraw a pending invitation."""
    await accounts.revoke_invitation(ctx.session, ctx.staff, invitation_id)
    await ctx.session.commit()
    return see_other("/admin/staff/", done="saved")
