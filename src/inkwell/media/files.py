"""``/content/images/``: the media folder's files, and their variants made on first request.

``/content/images/2026/12/a.png`` is the stored file; ``/content/images/size/w600/2026/12/a.png``
its 600-pixel-wide copy and ``/content/images/size/w600/format/webp/2026/12/a.png`` the same in
WebP (Ghost's URLs: the name keeps the original's extension, the Content-Type says WebP).
Only the widths in ``variants.WIDTHS`` exist; any other is a 404, so requests cannot fill the
disk. Every response is cacheable for a year (a stored file never changes: a new upload gets
a new name), sets no cookie, and is sandboxed so that nothing served from here can run script.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from inkwell.media import storage, variants

CACHE_FOREVER = "public, max-age=31536000, immutable"
HEADERS = {
    "Cache-Control": CACHE_FOREVER,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}
_VARIANT = re.compile(r"^size/w(\d{1,5})/(?:format/([a-z]+)/)?(.+)$")
_TYPES = {"webp": "image/webp"}


class MediaFiles(StaticFiles):
    """The media folder over HTTP (GET and HEAD), variants included."""

    def __init__(self, media_dir: Path, max_pixels: int) -> None:
        super().__init__(directory=media_dir, check_dir=False)
        self.media_dir = media_dir
        self.max_pixels = max_pixels

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        """The file, with the headers every media response carries."""
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(HEADERS)
        return response

    async def get_response(self, path: str, scope: Scope) -> Response:
        """Serve ``path``: a variant (made when missing) or a stored file; else a plain 404."""
        if scope["method"] not in ("GET", "HEAD"):
            return PlainTextResponse("Method Not Allowed", status_code=405)
        if path.startswith(storage.SIZE_FOLDER + "/"):
            return await self._variant(path)
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            return PlainTextResponse(exc.detail, status_code=exc.status_code)

    async def _variant(self, path: str) -> Response:
        match = _VARIANT.match(path)
        if match is None:
            return _not_found()
        width, image_format, original = int(match[1]), match[2], match[3]
        if not storage.is_stored_path(original):
            return _not_found()
        made = await variants.ensure_variant(
            self.media_dir, original, width, image_format, self.max_pixels
        )
        if made is None:
            return _not_found()
        media_type = _TYPES.get(image_format or "")
        return FileResponse(made, media_type=media_type, headers=HEADERS)


def _not_found() -> Response:
    return PlainTextResponse("Not Found", status_code=404)
