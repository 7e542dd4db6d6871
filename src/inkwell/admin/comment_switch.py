"""The editor's comment switch for one post or page: open, closed, or follow the site's
settings (and auto-close). Its own small form, so it saves without saving the post."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, error_response, see_other
from inkwell.comments import service as comments
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

PostId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]
CHOICES = {"site": None, "open": True, "closed": False}
LABELS = (
    ("site", "Follow the site's comment settings"),
    ("open", "Open: readers may comment"),
    ("closed", "Closed: comments stay visible, no new ones"),
)


def _choice(switch: bool | None) -> str:
    return next(key for key, value in CHOICES.items() if value is switch)


async def switch_context(ctx: AdminContext, post: content.Post | None) -> dict[str, Any]:
    """What the editor shows of the switch (nothing for a new post or without permission)."""
    if post is None or not ctx.can("comments.moderate", post=post):
        return {"comment_switch": None}
    state = await comments.thread_state(ctx.session, post.id)
    return {
        "comment_switch": {
            "choice": _choice(await comments.thread_switch(ctx.session, post.id)),
            "options": LABELS,
            "open": state.open,
            "reason": state.reason,
        }
    }


@router.post("/admin/posts/{post_id}/comments", include_in_schema=False)
@router.post("/admin/pages/{post_id}/comments", include_in_schema=False)
async def set_switch(ctx: AdminDep, post_id: PostId) -> Response:
    """Store the post's comment switch and go back to its editor."""
    kind = "pages" if ctx.request.url.path.startswith("/admin/pages/") else "posts"
    post = await content.get_post(ctx.session, post_id)
    if post is None or post.type != kind[:-1]:
        raise content.PostNotFound(post_id)
    ctx.require("comments.moderate", post=post)
    choice = str((await ctx.request.form()).get("comments", ""))
    if choice not in CHOICES:
        return error_response(ctx.request, 400, "Choose open, closed or the site's settings.")
    await comments.set_thread_open(ctx.session, post.id, CHOICES[choice])
    await ctx.session.commit()
    return see_other(f"/admin/{kind}/{post.id}/edit", done="comments-switch")
