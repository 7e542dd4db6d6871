"""A post's revision history (``/admin/posts/{id}/history``): the kept revisions, the diff of
one against the post as it is, restoring one; and the post's secret preview links."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.editor_form import parse_version
from inkwell.admin.editor_save import conflict_message
from inkwell.admin.web import AdminRoute, error_response, see_other
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

Id = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]
REASONS = {
    "save": "Saved",
    "autosave": "Autosaved",
    "publish": "Published",
    "restore": "Restored",
    "conflict": "Refused save (changed elsewhere), kept",
}


async def _editable(ctx: AdminContext, post_id: str) -> content.Post:
    post = await content.get_post(ctx.session, post_id)
    if post is None:
        raise content.PostNotFound(post_id)
    ctx.require("posts.edit", post=post)
    await ctx.session.refresh(post, ["source"])  # deferred: the diff needs it
    return post


def _noun(post: content.Post) -> str:
    return "page" if post.type == content.PostType.PAGE else "post"


@router.get("/admin/posts/{post_id}/history", include_in_schema=False)
@router.get("/admin/pages/{post_id}/history", include_in_schema=False)
async def history(ctx: AdminDep, post_id: Id) -> Response:
    """The post's revisions, newest first."""
    post = await _editable(ctx, post_id)
    return ctx.page(
        "history.html",
        section=_noun(post) + "s",
        title=f"History: {post.title}"[:120],
        post=post,
        noun=_noun(post),
        revisions=await content.list_revisions(ctx.session, post.id),
        reasons=REASONS,
    )


@router.get("/admin/posts/{post_id}/history/{revision_id}", include_in_schema=False)
@router.get("/admin/pages/{post_id}/history/{revision_id}", include_in_schema=False)
async def revision(ctx: AdminDep, post_id: Id, revision_id: Id) -> Response:
    """One revision against the post as it is now, line by line, with a Restore button."""
    post = await _editable(ctx, post_id)
    found = await content.get_revision(ctx.session, post.id, revision_id)
    if found is None:
        return error_response(ctx.request, 404, "This post has no such revision.")
    return ctx.page(
        "revision.html",
        section=_noun(post) + "s",
        title=f"Revision of {post.title}"[:120],
        post=post,
        noun=_noun(post),
        revision=found,
        reasons=REASONS,
        diff=content.diff_revisions(found, post),
    )


@router.post("/admin/posts/{post_id}/history/{revision_id}/restore", include_in_schema=False)
@router.post("/admin/pages/{post_id}/history/{revision_id}/restore", include_in_schema=False)
async def restore(ctx: AdminDep, post_id: Id, revision_id: Id) -> Response:
    """Make the revision's title and text the post's again (the current ones stay in history)."""
    post = await _editable(ctx, post_id)
    version = parse_version(str((await ctx.request.form()).get("expected_updated_at", "")))
    try:
        await content.restore_revision(
            ctx.session,
            post.id,
            revision_id,
            expected_updated_at=version or post.updated_at,
            by=ctx.staff.user_id,
            site_url=ctx.settings.site_url,
        )
    except content.RevisionNotFound:
        return error_response(ctx.request, 404, "This post has no such revision.")
    except content.ConflictError as exc:
        return error_response(
            ctx.request, 409, conflict_message(exc.current_updated_at, ctx.timezone)
        )
    await ctx.session.commit()
    return see_other(f"/admin/{_noun(post)}s/{post.id}/edit", done="restored")


@router.post("/admin/posts/{post_id}/preview-link", include_in_schema=False)
@router.post("/admin/pages/{post_id}/preview-link", include_in_schema=False)
async def create_preview_link(ctx: AdminDep, post_id: Id) -> Response:
    """A new secret link to the unpublished post, shown once (only its hash is stored)."""
    post = await _editable(ctx, post_id)
    _, path = await content.create_preview_link(ctx.session, post.id, by=ctx.staff.user_id)
    await ctx.session.commit()
    return ctx.page(
        "preview_link.html",
        section=_noun(post) + "s",
        title="Preview link",
        post=post,
        noun=_noun(post),
        url=ctx.settings.site_url + path,
    )


@router.get("/admin/posts/{post_id}/preview-link", include_in_schema=False)
@router.get("/admin/pages/{post_id}/preview-link", include_in_schema=False)
async def preview_link_again(ctx: AdminDep, post_id: Id) -> Response:
    """Reloading the shown-once page (a GET) goes back to the editor, not to a 405."""
    post = await _editable(ctx, post_id)
    return see_other(f"/admin/{_noun(post)}s/{post.id}/edit")


@router.post("/admin/posts/{post_id}/preview-link/revoke", include_in_schema=False)
@router.post("/admin/pages/{post_id}/preview-link/revoke", include_in_schema=False)
async def revoke_preview_links(ctx: AdminDep, post_id: Id) -> Response:
    """Stop every preview link of the post working."""
    post = await _editable(ctx, post_id)
    for link in await content.list_preview_links(ctx.session, post.id):
        await content.revoke_preview_link(ctx.session, post.id, link.id)
    await ctx.session.commit()
    return see_other(f"/admin/{_noun(post)}s/{post.id}/edit", done="link-revoked")
