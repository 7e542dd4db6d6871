"""Static files of the public site: theme assets, media, the code-highlighting CSS, the favicon."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from inkwell import render
from inkwell.content.service import SiteSettings
from inkwell.site.responses import CACHE_ASSET, CACHE_CRAWLER

DEFAULT_FAVICON = Path(__file__).resolve().parent / "favicon.png"
# render.highlight_code_blocks marks each block it highlights with <pre class="highlight">.
CODE_SCOPE = ".highlight"


class CachedStaticFiles(StaticFiles):
    """StaticFiles with a Cache-Control header and a plain 404 for a missing file."""

    def __init__(self, *, directory: str | os.PathLike[str], cache_control: str) -> None:
        super().__init__(directory=directory, check_dir=False)
        self.cache_control = cache_control

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        """The file, with our Cache-Control."""
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = self.cache_control
        return response

    async def get_response(self, path: str, scope: Scope) -> Response:
        """Serve ``path``; a missing file is a plain 404 rather than Starlette's JSON."""
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            return PlainTextResponse(exc.detail, status_code=exc.status_code)


class ThemeAssets(CachedStaticFiles):
    """``/assets/`` from the theme's folder, falling back to the default theme's."""

    def __init__(self, folders: list[Path], cache_control: str = CACHE_ASSET) -> None:
        super().__init__(directory=folders[0], cache_control=cache_control)
        # StaticFiles looks files up in each of these, in order: the theme's own first.
        self.all_directories = list(folders)


@lru_cache(maxsize=16)
def _code_css(light: str, dark: str) -> tuple[str, str]:
    css = render.pygments_css(light, dark, CODE_SCOPE)
    return css, hashlib.sha256(css.encode("utf-8")).hexdigest()[:10]


def code_css(site: SiteSettings) -> str:
    """The highlighting CSS for the site's light and dark code themes."""
    return _code_css(site.code_theme_light, site.code_theme_dark)[0]


def code_css_url(site: SiteSettings) -> str:
    """``/assets/code.css?v=…``: the version changes with the chosen code themes."""
    return "/assets/code.css?v=" + _code_css(site.code_theme_light, site.code_theme_dark)[1]


def favicon_response(site: SiteSettings, media_dir: Path) -> Response:
    """The site icon when it is a PNG in the media folder, else the icon shipped with Inkwell."""
    prefix = "/content/images/"
    if site.icon and site.icon.lower().endswith(".png"):
        path = site.icon.split("://", 1)[-1]
        path = path[path.find("/") :] if "://" in site.icon else path
        if path.startswith(prefix):
            root = media_dir.resolve()
            candidate = (root / path.removeprefix(prefix)).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return FileResponse(
                    candidate, media_type="image/png", headers={"Cache-Control": CACHE_CRAWLER}
                )
    return FileResponse(
        DEFAULT_FAVICON, media_type="image/png", headers={"Cache-Control": CACHE_CRAWLER}
    )
