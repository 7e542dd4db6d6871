"""Media: the one door other features (the admin, the editor's API) use.

``upload`` checks an image by its bytes, strips its metadata and keeps it under
``media_dir/YYYY/MM/``; ``list_media``, ``get_media`` and ``delete_media`` are the library;
``image_sizes`` tells the renderer how wide stored images are; ``make_variants`` is the
background job that makes the resized copies (they are also made on first request).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core import jobs
from inkwell.core.db import Database
from inkwell.core.jobs import JobContext
from inkwell.core.time import utcnow
from inkwell.media import images, storage, uploads, variants
from inkwell.media.errors import (
    DamagedImage,
    ImageTooLarge,
    MediaError,
    MediaInUse,
    MediaNotFound,
    NotAnImage,
    UnsupportedImage,
)
from inkwell.media.library import MediaPage, delete_media, get_media, list_media, usage
from inkwell.media.models import VARIANTS_FAILED, VARIANTS_READY, MediaFile
from inkwell.media.outcome import after_outcome
from inkwell.settings import Settings

__all__ = [
    "DamagedImage",
    "ImageTooLarge",
    "Limits",
    "MediaError",
    "MediaFile",
    "MediaInUse",
    "MediaNotFound",
    "MediaPage",
    "NotAnImage",
    "ReceivedUpload",
    "UnsupportedImage",
    "delete_media",
    "get_media",
    "image_sizes",
    "list_media",
    "make_missing_variants",
    "make_variants",
    "public_url",
    "receive_upload",
    "upload",
    "usage",
]

log = logging.getLogger(__name__)

VARIANTS_JOB = "media.make_variants"
MAX_ALT = 500
MAX_CAPTION = 2000
_IN_LIMIT = 500
public_url = storage.public_url
receive_upload = uploads.receive
ReceivedUpload = uploads.ReceivedUpload


@dataclass(frozen=True)
class Limits:
    """How big an upload may be: bytes, and pixels (width × height)."""

    max_bytes: int
    max_pixels: int

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        """The limits the settings give (INKWELL_MAX_UPLOAD_MB, INKWELL_MAX_IMAGE_PIXELS)."""
        return cls(settings.max_upload_mb * 1024 * 1024, settings.max_image_pixels)

    def too_large(self, size: int) -> ImageTooLarge:
        """The refusal for a file of ``size`` bytes."""
        return ImageTooLarge(
            f"the file is {size / 1048576:.1f} MB, more than the {self.max_bytes // 1048576} MB "
            "allowed (INKWELL_MAX_UPLOAD_MB)"
        )


def _text(value: str | None, limit: int, label: str) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise MediaError(f"the {label} is {len(value)} characters long, at most {limit} allowed")
    return value or None


async def upload(
    session: AsyncSession,
    settings: Settings,
    source: bytes | Path,
    filename: str,
    *,
    alt: str | None = None,
    caption: str | None = None,
    uploaded_by: str | None = None,
    when: datetime | None = None,
) -> MediaFile:
    """Keep an uploaded image and return its row (flushed, in the caller's transaction).

    ``source`` is the file's bytes or a path to them; ``filename`` only names the stored file.
    Raises ImageTooLarge (413), NotAnImage/UnsupportedImage (415), DamagedImage or
    MediaError (400); nothing is kept then. The variants job is queued when jobs exist.
    """
    limits = Limits.of(settings)
    alt, caption = _text(alt, MAX_ALT, "alt text"), _text(caption, MAX_CAPTION, "caption")
    clean = await asyncio.to_thread(_clean, source, limits)
    when = when or utcnow()
    media_dir = settings.media_dir
    path = await asyncio.to_thread(
        storage.store_new, media_dir, filename, clean.extension, clean.data, when
    )
    # The row and the file stand or fall together.
    after_outcome(session, rolled_back=lambda: storage.remove_all(media_dir, path, ()))
    row = MediaFile(
        path=path,
        original_name=(filename or "image")[:255],
        content_type=clean.content_type,
        byte_size=len(clean.data),
        width=clean.width,
        height=clean.height,
        sha256=_sha256(clean.data),
        alt=alt,
        caption=caption,
        uploaded_by=uploaded_by,
        created_at=when,
    )
    session.add(row)
    await session.flush()
    # Without a runner (a command, a test) each variant is made on its first request instead.
    with contextlib.suppress(jobs.NoRunner):
        jobs.enqueue(session, VARIANTS_JOB, id=row.id)
    return row


def _clean(source: bytes | Path, limits: Limits) -> images.CleanImage:
    size = source.stat().st_size if isinstance(source, Path) else len(source)
    if size == 0:
        raise MediaError("the file is empty")
    if size > limits.max_bytes:
        raise limits.too_large(size)
    data: Path | io.BytesIO = source if isinstance(source, Path) else io.BytesIO(source)
    return images.clean(data, limits.max_pixels)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def image_sizes(
    session: AsyncSession, paths: Collection[str]
) -> Mapping[str, tuple[int, int]]:
    """(width, height) of the stored images among ``paths`` ("2026/12/a.png")."""
    wanted = sorted(set(paths))
    found: dict[str, tuple[int, int]] = {}
    for start in range(0, len(wanted), _IN_LIMIT):
        part = wanted[start : start + _IN_LIMIT]
        query = select(MediaFile.path, MediaFile.width, MediaFile.height).where(
            MediaFile.path.in_(part)
        )
        for path, width, height in await session.execute(query):
            found[path] = (width, height)
    return found


async def make_variants(ctx: JobContext, args: Mapping[str, Any]) -> None:
    """Job ``media.make_variants`` (``id``: a media file): make its resized and WebP copies.

    Idempotent: existing copies are kept; a media file deleted meanwhile is skipped.
    """
    media_id = str(args["id"])
    settings: Settings = ctx.settings
    async with ctx.database.session() as session:
        row = await session.get(MediaFile, media_id)
        if row is None:
            return
        path, width = row.path, row.width
    state = VARIANTS_READY
    try:
        await variants.make_all(settings.media_dir, path, width, settings.max_image_pixels)
    except OSError as exc:
        log.warning("variants of %s not made: %s", path, exc)
        state = VARIANTS_FAILED
    async with ctx.database.session(write=True) as session:
        await session.execute(
            update(MediaFile).where(MediaFile.id == media_id).values(variants=state)
        )


async def make_missing_variants(database: Database, settings: Settings) -> tuple[int, int]:
    """Make every upload's missing variants; (uploads seen, variant files in place)."""
    async with database.session() as session:
        rows = (await session.execute(select(MediaFile.path, MediaFile.width))).all()
    files = 0
    for path, width in rows:
        files += await variants.make_all(settings.media_dir, path, width, settings.max_image_pixels)
    return len(rows), files
