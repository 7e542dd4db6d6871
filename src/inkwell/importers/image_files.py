"""Checking downloaded bytes really are an image, and keeping them in the media folder.

Files land in ``media_dir/YYYY/MM/<name>`` and are served at ``/content/images/YYYY/MM/<name>``,
the layout Ghost uses, so imported Ghost content keeps working paths.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import tempfile
import warnings
from datetime import datetime
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from inkwell.content.service import make_slug

PUBLIC_PREFIX = "/content/images"
MAX_IMAGE_BYTES = 25 * 1024 * 1024
# Well below Pillow's own limit: an imported blog image larger than this is not a photo.
MAX_PIXELS = 60_000_000
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


class ImageRejected(ValueError):
    """The bytes are not an image Inkwell will keep; the message says why."""


def check_image(data: bytes) -> str:
    """The file extension for ``data`` after checking, by its bytes, that it is a safe image.

    The type comes from the content (magic bytes) never from the URL; the declared size is
    checked before any pixel is decoded (decompression bombs), then the file is verified.
    """
    if not data:
        raise ImageRejected("empty file")
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice its limit: make that a refusal too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageRejected(f"{width}×{height} pixels is too large an image")
                if kind not in EXTENSIONS:
                    raise ImageRejected(f"{kind} images are not kept (PNG, JPEG, GIF or WebP)")
                image.verify()
        except ImageRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRejected("too many pixels (a decompression bomb)") from None
        except UnidentifiedImageError:
            raise ImageRejected("not an image (PNG, JPEG, GIF or WebP)") from None
        except (OSError, SyntaxError, ValueError, struct.error) as exc:
            # What Pillow raises for truncated or corrupt files.
            raise ImageRejected(f"damaged image: {exc}") from None
    return EXTENSIONS[kind]


def store_image(media_dir: Path, data: bytes, url: str, when: datetime, extension: str) -> str:
    """Write ``data`` under ``media_dir/YYYY/MM/`` and return its public URL path.

    The name comes from the URL's file name; an existing file with the same bytes is reused (a
    second import writes nothing new), one with other bytes gets a content-hash suffix.
    """
    folder = PurePosixPath(f"{when.year:04d}", f"{when.month:02d}")
    stem = make_slug(PurePosixPath(url.split("?", 1)[0]).stem, fallback="image")[:80]
    digest = hashlib.sha256(data).hexdigest()[:10]
    for name in (f"{stem}{extension}", f"{stem}-{digest}{extension}"):
        target = media_dir / folder / name
        if not target.exists():
            _write_atomically(target, data)
            return f"{PUBLIC_PREFIX}/{folder}/{name}"
        if target.read_bytes() == data:
            return f"{PUBLIC_PREFIX}/{folder}/{name}"
    # The hashed name holds other bytes: practically impossible, but never overwrite.
    name = f"{stem}-{hashlib.sha256(data).hexdigest()}{extension}"
    _write_atomically(media_dir / folder / name, data)
    return f"{PUBLIC_PREFIX}/{folder}/{name}"


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".import-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
