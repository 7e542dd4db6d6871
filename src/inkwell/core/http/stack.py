"""What ``InkwellApp`` wraps around its ASGI stack: the shared response cache, in one call."""

from __future__ import annotations

import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inkwell.core.http.cache import ResponseCache
from inkwell.core.http.middleware import HttpCacheMiddleware
from inkwell.settings import Settings

# For the multi-worker test only: each response names the process that answered it. Read from
# the environment at start-up, never set in production, and costs nothing when absent.
WORKER_HEADER_VARIABLE = "INKWELL_TEST_WORKER_HEADER"


def wrap(app: ASGIApp, settings: Settings) -> ASGIApp:
    """``app`` behind the response cache, ETags and compression configured by ``settings``."""
    budget = settings.response_cache_mb * 1_048_576
    wrapped: ASGIApp = HttpCacheMiddleware(
        app,
        database_url=settings.database_url,
        cache=ResponseCache(budget) if settings.response_cache else None,
    )
    if os.environ.get(WORKER_HEADER_VARIABLE) == "1":
        wrapped = WorkerHeader(wrapped)
    return wrapped


class WorkerHeader:
    """Adds ``x-inkwell-worker: <pid>`` to every response (tests of several workers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.value = str(os.getpid()).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_named(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"x-inkwell-worker", self.value)]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_named)
