"""What ``InkwellApp`` wraps around its ASGI stack: the shared response cache, in one call."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inkwell.core.http.cache import ResponseCache
from inkwell.core.http.middleware import HttpCacheMiddleware

# For the multi-worker test only: each response names the process that answered it. Read from
# the environment at start-up, never set in production, and costs nothing when absent.
WORKER_HEADER_VARIABLE = "INKWELL_TEST_WORKER_HEADER"


Layer = Callable[[ASGIApp], ASGIApp]


def wrap(
    app: ASGIApp, *, database_url: str, cache_mb: int | None, outer: Sequence[Layer] = ()
) -> ASGIApp:
    """``app`` behind ETags, compression and (unless ``cache_mb`` is None) a response cache of
    ``cache_mb`` MiB whose entries the changes of the database at ``database_url`` drop.

    ``outer`` layers wrap even the cache (the first is outermost): what must see every
    request, the cached ones too, such as server-side analytics."""
    cache = None if cache_mb is None else ResponseCache(cache_mb * 1_048_576)
    wrapped: ASGIApp = HttpCacheMiddleware(app, database_url=database_url, cache=cache)
    for layer in reversed(outer):
        wrapped = layer(wrapped)
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
