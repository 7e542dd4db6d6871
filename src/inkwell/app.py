"""The ASGI application factory: lets each feature of the registry install its routes, and opens
the database, the mailer and the job runner in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp

from inkwell import __version__
from inkwell.core import jobs
from inkwell.core.db import Database
from inkwell.core.features import Registry
from inkwell.core.mail import Mailer
from inkwell.settings import Settings, load_settings


class InkwellApp(FastAPI):
    """FastAPI with the HTTP cache in front of everything, even FastAPI's own middleware.

    A cached page is answered before any other layer runs: that is the hot path.
    """

    def build_middleware_stack(self) -> ASGIApp:
        """FastAPI's stack, wrapped by the response cache, ETags and compression, and by
        the layers features asked to put outside the cache (``add_outer_layer``)."""
        from inkwell.core.http import stack

        settings: Settings = self.state.settings
        return stack.wrap(
            super().build_middleware_stack(),
            database_url=settings.database_url,
            cache_mb=settings.response_cache_mb if settings.response_cache else None,
            outer=tuple(getattr(self.state, "outer_layers", ())),
        )


def create_app(
    settings: Settings | None = None, features: Registry[Settings] | None = None
) -> FastAPI:
    """Build the application for ``settings`` (read from the environment when omitted) from
    ``features`` (the built-in features and installed plug-ins when omitted).

    The schema is expected to be migrated already: ``inkwell serve`` does that once, before any
    worker starts, so that several workers never race to migrate.
    """
    settings = settings or load_settings()
    if features is None:
        from inkwell.features import registry

        features = registry()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.database = Database(settings.database_url)
        app.state.mailer = Mailer(settings.mail_config())
        # This worker's job runner: jobs enqueued by its requests run here, in the background.
        context = jobs.JobContext(app.state.database, settings, app.state.mailer)
        app.state.jobs = jobs.Runner(features.jobs(), context)
        app.state.jobs.start()
        try:
            async with AsyncExitStack() as running:
                for step in features.running(app, settings):
                    await running.enter_async_context(step)
                yield
        finally:
            await app.state.jobs.stop()
            await app.state.database.dispose()

    app = InkwellApp(
        title="Inkwell",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        # No OpenTelemetry here: asking the providers on each request would cost every page.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    features.install(app, settings)
    return app
