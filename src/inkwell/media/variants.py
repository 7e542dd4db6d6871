"""The resized copies of an image: ``w600``, ``w1000``, ``w1600``, each also as WebP.

They are made in the background after an upload (the ``media.make_variants`` job) and, for any
image in the media folder (an import, or an upload whose job has not run yet), on the first
request for one. Each copy is made once: one lock per file in this process, and the file is
written atomically, so a second process racing the first only repeats the same work.
"""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path

from inkwell import render
from inkwell.media import images, storage
from inkwell.media.errors import MediaError

WIDTHS: tuple[int, ...] = render.RESPONSIVE_WIDTHS
FORMATS: dict[str, str] = {"webp": "WEBP"}
"""Formats a variant may be converted to (URL name -> Pillow format)."""

_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


def _lock_for(key: str) -> asyncio.Lock:
    lock = _locks.get(key)
    if lock is None:
        lock = _locks[key] = asyncio.Lock()
    return lock


def widths_for(width: int) -> list[int]:
    """The variant widths worth making for an image ``width`` pixels wide (never upscaled)."""
    return [w for w in WIDTHS if w < width]


async def ensure_variant(
    media_dir: Path, path: str, width: int, image_format: str | None, max_pixels: int
) -> Path | None:
    """The file of a variant, made first when missing; None when there is nothing to resize
    (no such original, or not an image Inkwell reads). ``width`` must be one of ``WIDTHS``.
    """
    if width not in WIDTHS or (image_format is not None and image_format not in FORMATS):
        return None
    target = media_dir / storage.variant_path(path, width, image_format)
    if target.is_file():
        return target
    async with _lock_for(str(target)):
        if target.is_file():  # made while we waited
            return target
        source = media_dir / path
        if not source.is_file():
            return None
        kind = FORMATS[image_format] if image_format else None
        try:
            data = await asyncio.to_thread(images.resized, source, width, kind, max_pixels)
        except MediaError:
            return None
        await asyncio.to_thread(storage.write_atomically, target, data)
    return target


async def make_all(media_dir: Path, path: str, width: int, max_pixels: int) -> int:
    """Make every variant an image ``width`` wide needs (one decode for all); how many exist."""
    every = [(size, f) for size in widths_for(width) for f in (None, "webp")]
    missing = [
        (size, f)
        for size, f in every
        if not (media_dir / storage.variant_path(path, size, f)).is_file()
    ]
    source = media_dir / path
    if missing and source.is_file():
        kinds = [(size, FORMATS[f] if f else None) for size, f in missing]
        try:
            made = await asyncio.to_thread(images.resized_all, source, kinds, max_pixels)
        except MediaError:
            made = {}
        for (size, image_format), key in zip(missing, kinds, strict=True):
            if key in made:
                target = media_dir / storage.variant_path(path, size, image_format)
                await asyncio.to_thread(storage.write_atomically, target, made[key])
    return sum((media_dir / storage.variant_path(path, s, f)).is_file() for s, f in every)
