"""Where media files live: ``media_dir/YYYY/MM/name.ext`` (Ghost's layout), variants under
``media_dir/size/wN/[format/webp/]YYYY/MM/name.ext``, all served at ``/content/images/``.

Names are claimed atomically (``O_CREAT | O_EXCL``), so two uploads of ``photo.jpg`` in one
month become ``photo.jpg`` and ``photo-2.jpg`` even when they race; the bytes are written to a
temporary file and moved over the claimed name, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime
from pathlib import Path, PurePosixPath

from inkwell.content.service import make_slug

PUBLIC_PREFIX = "/content/images"
SIZE_FOLDER = "size"
MAX_STEM = 80
# A stored path: YYYY/MM/name.ext, each part plain (no dot files, no traversal).
_STORED_PATH = re.compile(r"^\d{4}/\d{2}/[0-9a-z][0-9a-z._-]*$", re.IGNORECASE)


def public_url(path: str) -> str:
    """The URL path a stored file is served at."""
    return f"{PUBLIC_PREFIX}/{path}"


def variant_path(path: str, width: int, image_format: str | None = None) -> str:
    """Where the ``width``-wide variant (in ``image_format``, else the original's) is kept."""
    step = f"{SIZE_FOLDER}/w{width}/" + (f"format/{image_format}/" if image_format else "")
    return step + path


def safe_stem(filename: str) -> str:
    """A slug of the uploaded file's name without its extension ("Mein Foto.JPG" -> "mein-foto")."""
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    return make_slug(stem, fallback="image")[:MAX_STEM].strip("-") or "image"


def is_stored_path(path: str) -> bool:
    """True for a path shaped like one this module stores (or an import did)."""
    return bool(_STORED_PATH.match(path)) and ".." not in path


def store_new(media_dir: Path, filename: str, extension: str, data: bytes, when: datetime) -> str:
    """Write ``data`` at a new, unused ``YYYY/MM/<name>.ext`` and return that relative path."""
    folder = PurePosixPath(f"{when.year:04d}", f"{when.month:02d}")
    directory = media_dir / folder
    directory.mkdir(parents=True, exist_ok=True)
    stem = safe_stem(filename)
    counter = 1
    while True:
        name = f"{stem}{extension}" if counter == 1 else f"{stem}-{counter}{extension}"
        target = directory / name
        try:
            # Claims the name: fails if any file (an upload, an import) already has it.
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            counter += 1
            continue
        try:
            write_atomically(target, data)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return str(folder / name)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step (a temporary file renamed over it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_all(media_dir: Path, path: str, widths: tuple[int, ...]) -> None:
    """Delete a stored file and every variant of it."""
    (media_dir / path).unlink(missing_ok=True)
    for width in widths:
        for image_format in (None, "webp"):
            (media_dir / variant_path(path, width, image_format)).unlink(missing_ok=True)
