"""The editor's JSON API for its JavaScript: live preview and autosave.

Both answer JSON only; refusals are ``{"error": "..."}`` with the right status (400, 403, 404,
409, 422). CSRF is checked by accounts for every POST under ``/admin/``, as for the forms.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from starlette.responses import JSONResponse, Response

from inkwell.admin import editor_save
from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.display import when
from inkwell.admin.editor_form import EditorForm, read_form
from inkwell.admin.preview import MAX_PREVIEW_CHARS, preview_html
from inkwell.admin.web import AdminRoute
from inkwell.content import service as content

router = APIRouter(route_class=AdminRoute)

PostId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]


def _error(status_code: int, message: str, **more: Any) -> JSONResponse:
    return JSONResponse({"error": message, **more}, status_code=status_code)


@router.post("/admin/api/preview", include_in_schema=False)
async def preview(ctx: AdminDep) -> Response:
    """``{"source": markdown}`` -> ``{"html": ...}`` rendered as the site renders posts."""
    try:
        body = await ctx.request.json()
    except ValueError:
        return _error(400, 'Send JSON such as {"source": "# Hello"}.')
    source = body.get("source") if isinstance(body, dict) else None
    if not isinstance(source, str):
        return _error(400, 'Send JSON such as {"source": "# Hello"}.')
    if len(source) > MAX_PREVIEW_CHARS:
        return _error(
            413, f"The content is too long to preview (over {MAX_PREVIEW_CHARS} characters)."
        )
    return JSONResponse({"html": await preview_html(ctx, source)})


async def _autosave(
    ctx: AdminContext, kind: content.PostType, post: content.Post | None
) -> Response:
    if post is not None and post.status != content.PostStatus.DRAFT:
        return _error(409, "Autosave keeps drafts only: press Update to change what readers see.")
    form = EditorForm.from_form(await read_form(ctx.request))
    outcome = await editor_save.save(ctx, kind, post, form, "save")
    await ctx.session.commit()  # a refused save may still have kept the writer's text
    if outcome.conflict is not None:
        current = outcome.current_version
        return _error(
            409, outcome.conflict, current_updated_at=current.isoformat() if current else None
        )
    if outcome.post is None:
        first = next(iter(outcome.errors.values()), "The draft could not be saved.")
        return _error(422, first, errors=dict(outcome.errors))
    saved = outcome.post
    return JSONResponse(
        {
            "id": saved.id,
            "edit_url": f"/admin/{kind.value}s/{saved.id}/edit",
            "updated_at": saved.updated_at.isoformat(),
            "saved_at": when(saved.updated_at, ctx.timezone).rsplit(", ", 1)[-1],
        }
    )


@router.post("/admin/api/posts/autosave", include_in_schema=False)
@router.post("/admin/api/pages/autosave", include_in_schema=False)
async def autosave_new(ctx: AdminDep) -> Response:
    """Autosave of a new draft: creates it and answers where it now lives."""
    pages = ctx.request.url.path.startswith("/admin/api/pages/")
    kind = content.PostType.PAGE if pages else content.PostType.POST
    ctx.require("pages.manage" if pages else "posts.create")
    return await _autosave(ctx, kind, None)


@router.post("/admin/api/posts/{post_id}/autosave", include_in_schema=False)
@router.post("/admin/api/pages/{post_id}/autosave", include_in_schema=False)
async def autosave(ctx: AdminDep, post_id: PostId) -> Response:
    """Autosave of a stored draft, if it is still at the version the editor started from."""
    post = await content.get_post(ctx.session, post_id)
    if post is None:
        return _error(404, f"No post or page has the id {post_id}.")
    ctx.require("posts.edit", post=post)
    kind = content.PostType(post.type)
    return await _autosave(ctx, kind, post)
