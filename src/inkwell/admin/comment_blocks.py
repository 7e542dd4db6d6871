"""Blocking commenters ``/admin/comments/{id}/block`` and the list of blocks
``/admin/comments/blocks/``. A block holds across the whole site, so only those who moderate
every comment (editors and above) block and lift blocks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.responses import Response

from inkwell.accounts.service import PermissionDenied
from inkwell.admin import comments_access
from inkwell.admin.comments import BASE
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, error_response, see_other
from inkwell.comments import service as comments

router = APIRouter(route_class=AdminRoute)

CommentId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]
KIND_LABELS = {
    "email": "Their email address",
    "address": "The address they wrote from (kept only as a salted hash)",
    "reader": "Their signed-in reader account",
}


def _require_all(ctx: AdminContext) -> None:
    ctx.require("comments.moderate")
    if not comments_access.moderates_all(ctx.staff):
        raise PermissionDenied(f"a {ctx.staff.role} cannot block commenters across the site")


def _kinds_of(item: comments.QueueItem) -> list[tuple[str, str]]:
    """The ways this comment's writer can be blocked: the identities the comment has."""
    present = {
        "email": bool(item.author_email),
        "address": item.address_known,
        "reader": bool(item.reader_id),
    }
    return [(kind, KIND_LABELS[kind]) for kind in comments.BLOCK_KINDS if present[kind]]


def _not_found(ctx: AdminContext, exc: comments.ModerationError) -> Response:
    return error_response(ctx.request, 404, exc.message[:1].upper() + exc.message[1:] + ".")


async def _block_page(
    ctx: AdminContext, comment_id: str, errors: dict[str, str], status_code: int = 200
) -> Response:
    item = await comments.queue_item(ctx.session, comment_id)
    if item is None:
        raise comments.UnknownComments([comment_id])
    return ctx.page(
        "comment_block.html",
        section="comments",
        title=f"Block {item.author_name}"[:120],
        item=item,
        kinds=_kinds_of(item),
        errors=errors,
        status_code=status_code,
    )


@router.get(BASE + "{comment_id}/block", include_in_schema=False)
async def block_form(ctx: AdminDep, comment_id: CommentId) -> Response:
    """Which of the writer's identities to block."""
    _require_all(ctx)
    try:
        return await _block_page(ctx, comment_id, {})
    except comments.UnknownComments as exc:
        return _not_found(ctx, exc)


@router.post(BASE + "{comment_id}/block", include_in_schema=False)
async def block(ctx: AdminDep, comment_id: CommentId) -> Response:
    """Block the writer by the identities ticked; optionally file the comment as spam."""
    _require_all(ctx)
    form = await ctx.request.form()
    kinds = [str(kind) for kind in form.getlist("kinds")]
    try:
        if not kinds:
            message = "Choose at least one way to block this commenter."
            return await _block_page(ctx, comment_id, {"kinds": message}, status_code=422)
        await comments.block(ctx.session, comment_id, kinds)
        if form.get("spam") == "1":
            await comments.mark_spam(ctx.session, [comment_id])
    except comments.UnknownComments as exc:
        return _not_found(ctx, exc)
    except comments.ModerationError as exc:
        await ctx.session.rollback()
        message = exc.message[:1].upper() + exc.message[1:] + "."
        return await _block_page(ctx, comment_id, {"kinds": message}, status_code=422)
    await ctx.session.commit()
    return see_other(BASE, done="blocked")


@router.get(BASE + "blocks/", include_in_schema=False)
async def blocks_list(ctx: AdminDep) -> Response:
    """Every blocked commenter, newest block first, each with a button to lift it."""
    _require_all(ctx)
    return ctx.page(
        "comment_blocks.html",
        section="comments",
        title="Blocked commenters",
        blocks=await comments.list_blocks(ctx.session),
        labels={"email": "Email", "address": "Address hash", "reader": "Reader account"},
    )


@router.post(BASE + "blocks/lift", include_in_schema=False)
async def lift(ctx: AdminDep) -> Response:
    """Lift one block: that commenter may comment again."""
    _require_all(ctx)
    block_id = str((await ctx.request.form()).get("block_id", "")).strip()
    if not block_id:
        return error_response(ctx.request, 400, "Choose the block to lift.")
    try:
        await comments.remove_blocks(ctx.session, [block_id])
    except comments.ModerationError as exc:
        return _not_found(ctx, exc)
    await ctx.session.commit()
    return see_other(BASE + "blocks/", done="unblocked")
