"""The editor: ``/admin/posts/new``, ``/admin/posts/{id}/edit`` and the same for pages.

One plain form posts every field with the button pressed (``action``): save, publish, schedule
or unpublish. Every save sends the version the form was opened at; a stale one is refused with
the writer's text kept on the page (409). Bad input shows the page again with a message next to
each refused field, and nothing is saved. The editor's JavaScript adds a live preview, autosave
and image upload on top (``editor_api``), never replacing these routes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.responses import Response

from inkwell.admin import editor_save
from inkwell.admin.context import AdminDep
from inkwell.admin.editor_form import EditorForm, read_form
from inkwell.admin.editor_page import editor_page
from inkwell.admin.preview import preview_html
from inkwell.admin.web import AdminRoute, see_other
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

PostId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]


def _kind(ctx: AdminDep) -> content.PostType:
    pages = ctx.request.url.path.startswith("/admin/pages/")
    return content.PostType.PAGE if pages else content.PostType.POST


async def _stored(ctx: AdminDep, post_id: str, kind: content.PostType) -> content.Post:
    post = await content.get_post(ctx.session, post_id)
    if post is None or post.type != kind:
        raise content.PostNotFound(post_id)
    await ctx.session.refresh(post, ["source"])  # deferred: only the editor needs it
    return post


def _require_create(ctx: AdminDep, kind: content.PostType) -> None:
    ctx.require("posts.create" if kind == content.PostType.POST else "pages.manage")


@router.get("/admin/posts/new", include_in_schema=False)
@router.get("/admin/pages/new", include_in_schema=False)
async def new(ctx: AdminDep) -> Response:
    """An empty editor."""
    kind = _kind(ctx)
    _require_create(ctx, kind)
    # The one writing is the author until they choose otherwise: shown selected, not "0 selected".
    return await editor_page(ctx, kind, None, EditorForm(authors=[ctx.staff.user_id]))


@router.post("/admin/posts/new", include_in_schema=False)
@router.post("/admin/pages/new", include_in_schema=False)
async def create(ctx: AdminDep) -> Response:
    """Save a new post from the form (a draft, or published or scheduled at once)."""
    kind = _kind(ctx)
    _require_create(ctx, kind)
    return await editor_save.save_from_form(ctx, kind, None)


@router.get("/admin/posts/{post_id}/edit", include_in_schema=False)
@router.get("/admin/pages/{post_id}/edit", include_in_schema=False)
async def edit(ctx: AdminDep, post_id: PostId) -> Response:
    """The editor showing a stored post or page."""
    kind = _kind(ctx)
    post = await _stored(ctx, post_id, kind)
    ctx.require("posts.edit", post=post)
    return await editor_page(ctx, kind, post, EditorForm.from_post(post, post.source, ctx.timezone))


@router.post("/admin/posts/{post_id}/edit", include_in_schema=False)
@router.post("/admin/pages/{post_id}/edit", include_in_schema=False)
async def update(ctx: AdminDep, post_id: PostId) -> Response:
    """Save the form over a stored post, if nobody changed it since the form was opened."""
    kind = _kind(ctx)
    post = await _stored(ctx, post_id, kind)
    ctx.require("posts.edit", post=post)
    return await editor_save.save_from_form(ctx, kind, post)


@router.post("/admin/posts/{post_id}/delete", include_in_schema=False)
@router.post("/admin/pages/{post_id}/delete", include_in_schema=False)
async def delete(ctx: AdminDep, post_id: PostId) -> Response:
    """Delete a post or page."""
    kind = _kind(ctx)
    post = await _stored(ctx, post_id, kind)
    ctx.require("posts.delete", post=post)
    await content.delete_post(ctx.session, post.id)
    await ctx.session.commit()
    return see_other(f"/admin/{kind.value}s/", done="deleted")


@router.post("/admin/preview", include_in_schema=False)
async def full_preview(ctx: AdminDep) -> Response:
    """The editor's Preview button: the posted title and content as a page, saving nothing."""
    form = EditorForm.from_form(await read_form(ctx.request))
    return ctx.page(
        "preview.html",
        section="posts",
        title=f"Preview: {form.title or 'Untitled'}"[:120],
        form=form,
        preview=await preview_html(ctx, form.source),
        code_css="/assets/code.css",
    )
