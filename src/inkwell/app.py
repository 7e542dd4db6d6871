"""The ASGI application factory: mounts each feature's router and opens the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from inkwell import __version__
from inkwell.core.db import Database
from inkwell.settings import Settings, load_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for ``settings`` (read from the environment when omitted).

    The schema is expected to be migrated already: ``inkwell serve`` does that once, before any
    worker starts, so that several workers never race to migrate.
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.database = Database(settings.database_url)
        try:
            yield
        finally:
            await app.state.database.dispose()

    app = FastAPI(
        title="Inkwell",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    from inkwell.site.routes import install as install_site

    install_site(app, settings)
    _add_http_cache(app, settings)
    return app


def _add_http_cache(app: FastAPI, settings: Settings) -> None:
    """Put the response cache, ETags and compression in front of every public response."""
    from inkwell.core.http.cache import ResponseCache
    from inkwell.core.http.middleware import HttpCacheMiddleware

    cache = (
        ResponseCache(settings.response_cache_mb * 1_048_576) if settings.response_cache else None
    )
    app.add_middleware(
        HttpCacheMiddleware,
        database_url=settings.database_url,
        cache=cache,
        applies_to=is_public_path,
    )


def is_public_path(path: str) -> bool:
    """Pages every reader gets alike (not the admin, not the APIs): safe to cache and compress."""
    return not path.startswith(PRIVATE_PREFIXES)


PRIVATE_PREFIXES = ("/admin", "/api/", "/ghost/")
