"""Media over HTTP: the ``/content/images/`` files for everyone, and the editor's JSON API.

``POST /admin/api/media`` (multipart: ``file``, optional ``alt`` and ``caption``) answers 201
``{"id", "url", "width", "height", "alt"}``; ``GET /admin/api/media?q=&page=`` one page of the
library; ``DELETE /admin/api/media/{id}[?force=1]`` 204, or 409 while posts show the image.
Refusals are ``{"error": "..."}`` with 400, 404, 409, 413 or 415. Signing in and CSRF are
checked by accounts (its guard covers every ``/admin/`` request).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from starlette.responses import JSONResponse, Response

from inkwell.accounts import service as accounts
from inkwell.accounts.web import StaffDep
from inkwell.core.db import Database
from inkwell.media import service, uploads
from inkwell.media.files import MediaFiles
from inkwell.settings import Settings, SettingsDep

router = APIRouter(prefix="/admin/api/media")


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _public(row: service.MediaFile) -> dict[str, Any]:
    return {
        "id": row.id,
        "url": service.public_url(row.path),
        "width": row.width,
        "height": row.height,
        "alt": row.alt or "",
        "caption": row.caption or "",
        "filename": row.original_name,
        "content_type": row.content_type,
        "size": row.byte_size,
        "created_at": row.created_at.isoformat(),
    }


def _refused(exc: service.MediaError) -> JSONResponse:
    body: dict[str, Any] = {"error": str(exc)[:1].upper() + str(exc)[1:] + "."}
    if isinstance(exc, service.MediaInUse):
        body["posts"] = exc.titles
    return JSONResponse(body, status_code=exc.status)


@router.post("", status_code=201)
async def upload_media(request: Request, staff: StaffDep, settings: SettingsDep) -> Response:
    """Keep an uploaded image; 201 with its URL and size."""
    accounts.require(staff, "media.upload")
    limits = service.Limits.of(settings)
    try:
        received = await uploads.receive(request, limits.max_bytes)
    except service.MediaError as exc:
        return _refused(exc)
    try:
        async with _database(request).session(write=True) as session:
            assert received.path is not None
            row = await service.upload(
                session,
                settings,
                received.path,
                received.filename,
                alt=received.fields.get("alt"),
                caption=received.fields.get("caption"),
                uploaded_by=staff.user_id,
            )
            body = _public(row)
    except service.MediaError as exc:
        return _refused(exc)
    finally:
        received.discard()
    return JSONResponse(body, status_code=201)


@router.get("")
async def list_media(request: Request, staff: StaffDep, q: str = "", page: str = "1") -> Response:
    """One page of the library, newest first, optionally searched by name or alt text."""
    accounts.require(staff, "media.upload")
    if not page.isdigit() or not 1 <= int(page) <= 100_000:
        return JSONResponse({"error": "The page must be a whole number from 1."}, status_code=400)
    async with _database(request).session() as session:
        found = await service.list_media(session, query=q, page=int(page))
        items = [_public(row) for row in found.items]
    return JSONResponse(
        {"media": items, "page": found.page, "pages": found.pages, "total": found.total}
    )


@router.delete("/{media_id}")
async def delete_media(
    request: Request, staff: StaffDep, settings: SettingsDep, media_id: str, force: bool = False
) -> Response:
    """Delete an image (and its variants); 409 while a post shows it, unless ``force``.

    Anyone who may upload deletes their own uploads; another's, or a forced delete, needs a
    role that manages everyone's content (editor and up).
    """
    accounts.require(staff, "media.upload")
    try:
        async with _database(request).session(write=True) as session:
            row = await service.get_media(session, media_id)
            if (force or row.uploaded_by != staff.user_id) and not accounts.can(
                staff, "pages.manage"
            ):
                return JSONResponse(
                    {"error": "Only editors and administrators may delete this image."},
                    status_code=403,
                )
            await service.delete_media(session, settings.media_dir, media_id, force=force)
    except service.MediaError as exc:
        return _refused(exc)
    return Response(status_code=204)


def install(app: FastAPI, settings: Settings) -> None:
    """Serve the media folder at ``/content/images`` (created when missing) and the API."""
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    app.include_router(router)
    files = MediaFiles(settings.media_dir, settings.max_image_pixels)
    app.mount("/content/images", files, name="media")
