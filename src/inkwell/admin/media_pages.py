"""The media library ``/admin/media/``: a searchable grid of uploaded images, an upload form
that works without JavaScript, and deletion that refuses an image still used unless forced."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from starlette.datastructures import UploadFile
from starlette.responses import Response

from inkwell.admin.context import AdminContext, AdminDep
from inkwell.admin.web import AdminRoute, see_other
from inkwell.media import service as media

router = APIRouter(route_class=AdminRoute)

MediaId = Annotated[str, Path(min_length=1, max_length=64)]


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


async def _page(
    ctx: AdminContext,
    *,
    q: str = "",
    page: int = 1,
    errors: dict[str, str] | None = None,
    in_use: tuple[media.MediaFile, str] | None = None,
    status_code: int = 200,
) -> Response:
    found = await media.list_media(ctx.session, query=q, page=page)

    def url_for(number: int) -> str:
        return "/admin/media/?" + urlencode(
            {k: v for k, v in {"q": q, "page": number}.items() if v}
        )

    return ctx.page(
        "media.html",
        section="media",
        title="Media",
        status_code=status_code,
        found=found,
        q=q,
        url_for=url_for,
        public_url=media.public_url,
        errors=errors or {},
        in_use=in_use,
    )


@router.get("/admin/media/", include_in_schema=False)
async def library(
    ctx: AdminDep,
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Uploaded images, newest first, searched by file name or alt text."""
    ctx.require("media.upload")
    return await _page(ctx, q=q, page=page)


@router.post("/admin/media/", include_in_schema=False)
async def upload(ctx: AdminDep) -> Response:
    """Upload an image from the plain form (the editor uses ``POST /admin/api/media``)."""
    ctx.require("media.upload")
    async with ctx.request.form() as form:  # closes the spooled upload when done
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            message = "Choose an image file to upload."
            return await _page(ctx, errors={"file": message}, status_code=400)
        try:
            await media.upload(
                ctx.session,
                ctx.settings,
                await file.read(),
                file.filename,
                alt=str(form.get("alt", "")) or None,
                uploaded_by=ctx.staff.user_id,
            )
        except media.MediaError as exc:
            await ctx.session.rollback()
            return await _page(ctx, errors={"file": _sentence(exc)}, status_code=exc.status)
    await ctx.session.commit()
    return see_other("/admin/media/", done="uploaded")


@router.post("/admin/media/{media_id}/delete", include_in_schema=False)
async def delete(ctx: AdminDep, media_id: MediaId) -> Response:
    """Delete an image; one still shown by a post is refused unless ``force`` was ticked."""
    ctx.require("media.upload")
    force = (await ctx.request.form()).get("force") == "1"
    try:
        await media.delete_media(ctx.session, ctx.settings.media_dir, media_id, force=force)
    except media.MediaInUse as exc:
        await ctx.session.rollback()
        row = await media.get_media(ctx.session, media_id)
        return await _page(ctx, in_use=(row, _sentence(exc)), status_code=409)
    except media.MediaNotFound:
        return see_other("/admin/media/")
    await ctx.session.commit()
    return see_other("/admin/media/", done="deleted")
