"""A route's say on the shared cache: "keep this response; it goes stale with these tags".

Caching is opted into. For each request it may store, the HTTP cache middleware puts an empty
``Declaration`` in the ASGI scope; a handler calls ``cacheable(request, tags)`` and only then is
its response kept. A request the cache must not share (it carries a cookie or
``Authorization``) gets no declaration, so ``cacheable`` does nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

SCOPE_KEY = "inkwell.cache"


@dataclass
class Declaration:
    """What the handler declared: None until it said the response may be cached."""

    tags: set[str] | None = None

    def allow(self, tags: Iterable[str]) -> None:
        """The response may be cached; it goes stale when any of ``tags`` is dropped."""
        if self.tags is None:
            self.tags = set()
        self.tags.update(tags)


def declaration(where: HTTPConnection | Scope) -> Declaration | None:
    """The declaration of this request, or None when its response may not be shared."""
    scope = where.scope if isinstance(where, HTTPConnection) else where
    found = scope.get(SCOPE_KEY)
    return found if isinstance(found, Declaration) else None


def cacheable(where: HTTPConnection | Scope, tags: Iterable[str]) -> None:
    """Let the response to this request be cached, tagged with ``tags`` (``post:ID``...)."""
    found = declaration(where)
    if found is not None:
        found.allow(tags)


class Cacheable:
    """An ASGI app (static files, say) all of whose responses may be cached with ``tags``."""

    def __init__(self, app: ASGIApp, tags: Iterable[str]) -> None:
        self.app = app
        self.tags = tuple(tags)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cacheable(scope, self.tags)
        await self.app(scope, receive, send)
