"""The public website's URLs: ``install(app, settings)`` wires them into the application.

Explicit routes cover listings, archives, feeds and files; everything else (posts at the
permalink pattern, static pages, old imported paths, trailing-slash and ``amp/`` redirects, 404)
goes to the fallback resolver, which runs only when no route of any feature matched.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, FastAPI
from fastapi.types import DecoratedCallable
from starlette.responses import Response

from inkwell.core.http.declaration import Cacheable
from inkwell.settings import Settings
from inkwell.site import feed_routes, pages, previews
from inkwell.site.assets import ThemeAssets, code_css, favicon_response
from inkwell.site.context import SiteDep
from inkwell.site.errors import SiteRoute, get_and_head
from inkwell.site.resolve import Fallback
from inkwell.site.responses import (
    ASSET,
    HeadMiddleware,
    cacheable,
    cached_response,
)
from inkwell.site.theme import load_theme

router = APIRouter(route_class=SiteRoute)


def _get(path: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    return get_and_head(router, path)


@_get("/")
@_get("/page/{page:int}/")
async def home(ctx: SiteDep, page: int = 1) -> Response:
    """The home page (the newest posts) and the pages of older posts."""
    return await pages.paged(ctx, page, "/", lambda number: pages.home(ctx, number))


@_get("/{kind:archive}/{slug}/")
@_get("/{kind:archive}/{slug}/page/{page:int}/")
async def archive(ctx: SiteDep, kind: str, slug: str, page: int = 1) -> Response:
    """A tag or author archive, and its pages of older posts."""
    first = f"/{kind}/{slug}/"
    return await pages.paged(ctx, page, first, lambda n: pages.archive(ctx, kind, slug, n))


@_get("/p/{token}/")
async def preview(ctx: SiteDep, token: str) -> Response:
    """A draft's secret preview link (never cached, never indexed)."""
    return await previews.show_preview(ctx, token)


@_get("/assets/code.css")
async def code_stylesheet(ctx: SiteDep) -> Response:
    """Code highlighting for the site's light and dark code themes."""
    cacheable(ctx.request)
    fingerprinted = bool(ctx.request.query_params.get("v"))
    cache = ctx.settings.cache_control_assets if fingerprinted else None
    return cached_response(
        ctx.request, code_css(ctx.site), media_type="text/css; charset=utf-8", cache_control=cache
    )


@_get("/favicon.png")
async def favicon(ctx: SiteDep) -> Response:
    """The site icon (or Inkwell's)."""
    return favicon_response(ctx.site, ctx.settings.media_dir)


def install(app: FastAPI, settings: Settings) -> None:
    """Add the public website to ``app``: routes, theme, the fallback resolver.

    Raises ThemeError (naming INKWELL_THEME) when the configured theme cannot be loaded, so a
    wrong setting stops the app at creation rather than at the first request.
    """
    theme = load_theme(settings.theme)
    app.state.theme = theme
    app.include_router(router)
    app.include_router(feed_routes.router)
    assets = ThemeAssets(theme.asset_folders, cache_control=settings.cache_control_assets)
    # Theme files change only with a new deployment (a restart); their URLs carry a hash.
    app.mount("/assets", Cacheable(assets, [ASSET]), name="assets")
    # /content/images (uploads and their variants) is the media feature's.
    # The resolver does the trailing-slash redirects itself: 301 like Ghost, not Starlette's 307.
    app.router.redirect_slashes = False
    app.router.default = Fallback(app)
    app.add_middleware(HeadMiddleware)
