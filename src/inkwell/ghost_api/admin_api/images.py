"""``/ghost/api/admin/images/upload/``: an image in the multipart field ``file`` (and an
optional ``ref`` the client gets back), checked and kept by the media library exactly as an
upload from the editor is; answered ``201 {"images": [{"url", "ref"}]}``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from inkwell.ghost_api.admin_api import common
from inkwell.ghost_api.auth import AdminCallerDep
from inkwell.ghost_api.errors import (
    BadRequestError,
    GhostError,
    RequestEntityTooLargeError,
    UnsupportedMediaTypeError,
    ValidationError,
)
from inkwell.media import service as media

router = APIRouter()


def _refusal(exc: media.MediaError) -> GhostError:
    """The media library's refusal as Ghost words its upload errors."""
    text = str(exc)[:1].upper() + str(exc)[1:] + "."
    if isinstance(exc, media.ImageTooLarge):
        return RequestEntityTooLargeError(
            "Request was too big for the server to handle.", context=text
        )
    if isinstance(exc, (media.NotAnImage, media.UnsupportedImage)):
        return UnsupportedMediaTypeError(
            "Please select a valid image file.",
            context=text,
            help="Supported image formats: JPEG, PNG, GIF, WebP.",
        )
    if "no file" in text.lower() or "multipart" in text.lower():
        return ValidationError("Please select an image.", context=text)
    return BadRequestError(text)


@router.post("/images/upload/")
async def upload_image(request: Request, caller: AdminCallerDep) -> Response:
    """Keep one uploaded image; 201 with its absolute URL and the ``ref`` sent."""
    caller.require("media.upload")
    settings = common.settings_of(request)
    limits = media.Limits.of(settings)
    try:
        received = await media.receive_upload(request, limits.max_bytes)
    except media.MediaError as exc:
        raise _refusal(exc) from None
    try:
        async with common.database(request).session(write=True) as session:
            assert received.path is not None
            row = await media.upload(
                session,
                settings,
                received.path,
                received.filename,
                uploaded_by=None if caller.staff is None else caller.staff.user_id,
            )
            url = settings.site_url.rstrip("/") + media.public_url(row.path)
    except media.MediaError as exc:
        raise _refusal(exc) from None
    finally:
        received.discard()
    ref = received.fields.get("ref") or None
    return common.answer({"images": [{"url": url, "ref": ref}]}, 201)
