"""The comment queue ``/admin/comments/``: tabs for pending, approved and spam with their
counts, search, pagination, approve / spam / delete one comment or the ticked ones, and a
moderator's edit. Blocking commenters is in ``comment_blocks``.

Every action checks that each comment is the staff member's to moderate before anything
changes (``comments_access``); an unknown id is a 404 page, nothing changed.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from starlette.responses import Response

from inkwell.admin import comments_access
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, error_response, see_other
from inkwell.comments import service as comments

router = APIRouter(route_class=AdminRoute)

BASE = "/admin/comments/"
PER_PAGE = 20
TABS = (("pending", "Pending"), ("approved", "Approved"), ("spam", "Spam"))
ACTIONS = {"approve": "Approve", "spam": "Mark as spam", "delete": "Delete"}
DONE = {"approve": "approved", "spam": "marked-spam", "delete": "removed"}

CommentId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]


def _back(value: object) -> str:
    """Where to go after an action: the queue page it came from, never elsewhere."""
    back = str(value or BASE)
    return back if back.startswith(BASE) and not back.startswith("//") else BASE


@router.get(BASE, include_in_schema=False)
async def queue_page(
    ctx: AdminDep,
    status: Annotated[str, Query(max_length=20)] = "pending",
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The comments of one status (pending by default), newest first, searchable."""
    ctx.require("comments.moderate")
    status = status if status in comments.QUEUE_STATUSES else "pending"
    post_ids = await comments_access.moderated_post_ids(ctx.session, ctx.staff)
    found = await comments.queue(ctx.session, status, page, PER_PAGE, q, post_ids=post_ids)
    counts = await comments.queue_counts(ctx.session, post_ids=post_ids)

    def url_for(number: int) -> str:
        params = {"status": status, "q": q.strip(), "page": str(number)}
        return BASE + "?" + urlencode({k: v for k, v in params.items() if v})

    def tab_url(value: str) -> str:
        return BASE + "?" + urlencode({"status": value, **({"q": q.strip()} if q.strip() else {})})

    return ctx.page(
        "comments.html",
        section="comments",
        title="Comments",
        found=found,
        counts=counts,
        tabs=[(value, label, tab_url(value)) for value, label in TABS],
        status=status,
        q=q.strip(),
        actions=[(v, label) for v, label in ACTIONS.items() if not _same(status, v)],
        may_block=comments_access.moderates_all(ctx.staff),
        url_for=url_for,
    )


def _same(status: str, action: str) -> bool:
    """Whether ``action`` would leave a comment of ``status`` as it is (approve an approved)."""
    return (status, action) in {("approved", "approve"), ("spam", "spam")}


async def _act(ctx: AdminContext, action: str, ids: list[str]) -> Response | None:
    """Apply ``action`` to ``ids`` after every permission check; a refusal as a page."""
    if action not in ACTIONS:
        return error_response(ctx.request, 400, "Choose an action for the selected comments.")
    if not ids:
        return error_response(ctx.request, 400, "Select at least one comment first.")
    try:
        await comments_access.require_moderation(ctx.session, ctx.staff, ids)
        if action == "approve":
            await comments.approve(ctx.session, ids)
        elif action == "spam":
            await comments.mark_spam(ctx.session, ids)
        else:
            await comments.remove(ctx.session, ids)
    except comments.UnknownComments as exc:
        await ctx.session.rollback()
        return error_response(ctx.request, 404, exc.message[:1].upper() + exc.message[1:] + ".")
    await ctx.session.commit()
    return None


@router.post(BASE + "bulk", include_in_schema=False)
async def bulk(ctx: AdminDep) -> Response:
    """One action on every ticked comment; one refusal refuses them all."""
    form = await ctx.request.form()
    action = str(form.get("action", ""))
    refused = await _act(ctx, action, [str(v) for v in form.getlist("ids")])
    return refused or see_other(_back(form.get("back")), done=DONE[action])


@router.post(BASE + "{comment_id}/approve", include_in_schema=False)
@router.post(BASE + "{comment_id}/spam", include_in_schema=False)
@router.post(BASE + "{comment_id}/delete", include_in_schema=False)
async def one(ctx: AdminDep, comment_id: CommentId) -> Response:
    """Approve, mark as spam or delete one comment (the buttons on its row)."""
    form = await ctx.request.form()
    action = ctx.request.url.path.rsplit("/", 1)[1]
    refused = await _act(ctx, action, [comment_id])
    return refused or see_other(_back(form.get("back")), done=DONE[action])


async def _stored(ctx: AdminContext, comment_id: str) -> comments.QueueItem:
    """The comment, once the staff member may moderate it; UnknownComments otherwise."""
    await comments_access.require_moderation(ctx.session, ctx.staff, [comment_id])
    item = await comments.queue_item(ctx.session, comment_id)
    if item is None:
        raise comments.UnknownComments([comment_id])
    return item


def _edit_page(
    ctx: AdminContext,
    item: comments.QueueItem,
    body: str,
    errors: dict[str, str],
    back: str,
    status_code: int = 200,
) -> Response:
    return ctx.page(
        "comment_edit.html",
        section="comments",
        title=f"Edit comment by {item.author_name}"[:120],
        item=item,
        body=body,
        errors=errors,
        back=back,
        status_code=status_code,
    )


@router.get(BASE + "{comment_id}/edit", include_in_schema=False)
async def edit_form(
    ctx: AdminDep, comment_id: CommentId, back: Annotated[str, Query(max_length=500)] = BASE
) -> Response:
    """The comment's text as written, to correct (a moderator's edit has no time limit)."""
    try:
        item = await _stored(ctx, comment_id)
    except comments.UnknownComments as exc:
        return error_response(ctx.request, 404, exc.message[:1].upper() + exc.message[1:] + ".")
    return _edit_page(ctx, item, item.body, {}, _back(back))


@router.post(BASE + "{comment_id}/edit", include_in_schema=False)
async def edit(ctx: AdminDep, comment_id: CommentId) -> Response:
    """Store the edited text; an empty or over-long one is shown again with why."""
    form = await ctx.request.form()
    body, back = str(form.get("body", "")), _back(form.get("back"))
    try:
        item = await _stored(ctx, comment_id)
        await comments.moderator_edit(ctx.session, comment_id, body)
    except comments.UnknownComments as exc:
        return error_response(ctx.request, 404, exc.message[:1].upper() + exc.message[1:] + ".")
    except comments.ModerationError as exc:
        await ctx.session.rollback()
        message = exc.message[:1].upper() + exc.message[1:] + "."
        return _edit_page(ctx, item, body, {"body": message}, back, status_code=422)
    await ctx.session.commit()
    return see_other(back, done="comment-edited")
