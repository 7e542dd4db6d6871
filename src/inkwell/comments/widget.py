"""The embeddable widget's files: ``/js/comments.js`` (minified once) and ``/css/comments.css``.

Both change only with a new release, so each is read (and the script minified with rjsmin)
once per process and fingerprinted; ``?v=<hash>`` URLs may be kept for a year, the plain URL
that other sites embed is revalidated hourly (the ETag makes that a 304).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rjsmin  # type: ignore[import-untyped]
from fastapi import APIRouter, FastAPI, Request
from starlette.responses import Response

from inkwell.core.http.declaration import cacheable

STATIC = Path(__file__).resolve().parent / "static"
SCRIPT_PATH = "/js/comments.js"
STYLE_PATH = "/css/comments.css"
FORM_PATH = "/comments/form"  # the no-JavaScript form's target (comments.form)
CACHE_VERSIONED = "public, max-age=31536000, immutable"
CACHE_EMBEDDED = "public, max-age=3600"
# The widget's files go stale only with a deployment: no change inside Inkwell drops them.
_ASSET_TAG = "asset"


@dataclass(frozen=True)
class WidgetFile:
    """One file as served: its bytes, media type and content hash."""

    body: bytes
    media_type: str
    version: str


def _fingerprinted(body: bytes, media_type: str) -> WidgetFile:
    return WidgetFile(body, media_type, hashlib.sha256(body).hexdigest()[:12])


@cache
def script() -> WidgetFile:
    """The widget script, minified with rjsmin (computed once per process)."""
    source = (STATIC / "comments.js").read_text(encoding="utf-8")
    # The script links its stylesheet by the versioned URL, so both can be kept for a year.
    source = source.replace(f"'{STYLE_PATH}'", f"'{versioned_url(STYLE_PATH)}'")
    minified = rjsmin.jsmin(source).encode("utf-8")
    return _fingerprinted(minified, "text/javascript; charset=utf-8")


@cache
def style() -> WidgetFile:
    """The widget's (and the server-rendered thread's) stylesheet."""
    body = (STATIC / "comments.css").read_bytes()
    return _fingerprinted(body, "text/css; charset=utf-8")


def versioned_url(path: str) -> str:
    """``path?v=<hash>`` for the script or the stylesheet: cacheable for a year."""
    file = script() if path == SCRIPT_PATH else style()
    return f"{path}?v={file.version}"


def script_url() -> str:
    """The widget script's versioned URL (for the site's own post pages)."""
    return versioned_url(SCRIPT_PATH)


def style_url() -> str:
    """The comments stylesheet's versioned URL."""
    return versioned_url(STYLE_PATH)


def _serve(request: Request, file: WidgetFile) -> Response:
    cacheable(request, [_ASSET_TAG])
    versioned = request.query_params.get("v") == file.version
    headers = {
        "Cache-Control": CACHE_VERSIONED if versioned else CACHE_EMBEDDED,
        # Other sites load these with <script src> and <link href>: let them.
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Content-Type-Options": "nosniff",
    }
    response = Response(file.body, headers=headers)
    response.headers["content-type"] = file.media_type
    return response


router = APIRouter()


@router.get(SCRIPT_PATH, include_in_schema=False)
@router.head(SCRIPT_PATH, include_in_schema=False)
async def comments_script(request: Request) -> Response:
    """The embeddable comments widget."""
    return _serve(request, script())


@router.get(STYLE_PATH, include_in_schema=False)
@router.head(STYLE_PATH, include_in_schema=False)
async def comments_style(request: Request) -> Response:
    """The comments widget's stylesheet."""
    return _serve(request, style())


def install(app: FastAPI) -> None:
    """Serve the widget's files."""
    app.include_router(router)
