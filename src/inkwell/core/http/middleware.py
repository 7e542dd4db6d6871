"""Pure ASGI middleware for public GET/HEAD responses: cache, strong ETags, 304s, compression.

It sits in front of the whole application and sees only bytes: a cached page costs one ``stat``
of the change signal, a dictionary look-up and a send, with no database query and no template.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parsedate_to_datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inkwell.core import changes
from inkwell.core.http.cache import CachedResponse, ResponseCache
from inkwell.core.http.compression import MIN_SIZE, compress, is_compressible, negotiate_bytes

_STORED_STATUSES = frozenset({200, 301, 308})
_DROPPED = frozenset({b"content-length", b"etag", b"content-encoding", b"vary"})
_VALIDATORS = frozenset({b"if-none-match", b"if-modified-since"})
_CONDITIONAL = _VALIDATORS | {b"accept-encoding"}


class HttpCacheMiddleware:
    """Serve public GET/HEAD responses from memory when possible, compressed and validated."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        database_url: str,
        cache: ResponseCache | None,
        applies_to: Callable[[str], bool],
    ) -> None:
        self.app = app
        self.cache = cache
        self.database_url = database_url
        self.applies_to = applies_to
        self._stamp = changes.stamp(database_url)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not self.applies_to(scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        accept, conditional = b"", False
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept = value
            elif name in _VALIDATORS:
                conditional = True
        head = scope["method"] == "HEAD"
        key = scope["path"] + "?" + scope["query_string"].decode("latin-1")
        entry = self._cached(key)
        if entry is None:
            entry = await self._fetch(scope, receive, send, head=head)
            if entry is None:
                return  # passed through as it came
            if self.cache is not None and _storable(entry):
                self.cache.put(key, entry)
        encoding = negotiate_bytes(accept)
        if self.cache is None:
            await _respond_once(entry, encoding, _headers_of(scope), send, head=head)
            return
        if conditional and _not_modified(entry, _headers_of(scope)):
            await _send_not_modified(entry, encoding, send)
            return
        # The hot path: a stored response, its headers and body prepared once per encoding.
        grows = encoding not in entry.ready
        headers, body = entry.prepared(encoding)
        await send({"type": "http.response.start", "status": entry.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else body})
        if grows:
            self.cache.resize(key)

    def _cached(self, key: str) -> CachedResponse | None:
        if self.cache is None:
            return None
        current = changes.stamp(self.database_url)
        if current != self._stamp:
            self.cache.clear()
            self._stamp = current
        return self.cache.get(key)

    async def _fetch(
        self, scope: Scope, receive: Receive, send: Send, *, head: bool
    ) -> CachedResponse | None:
        """Run the app as a GET; keep text bodies, pass other responses straight through."""
        inner_scope = dict(scope)
        inner_scope["method"] = "GET"
        inner_scope["headers"] = [(k, v) for k, v in scope["headers"] if k not in _CONDITIONAL]
        start: Message = {}
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal passing
            if message["type"] == "http.response.start":
                start.update(message)
                headers = dict(message.get("headers", []))
                content_type = headers.get(b"content-type", b"").decode("latin-1")
                if b"content-encoding" in headers or not is_compressible(content_type):
                    passing = True
                    await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            if passing:
                if head:
                    if not message.get("more_body", False):
                        await send({"type": "http.response.body", "body": b""})
                    return
                await send(message)
                return
            chunks.append(message.get("body", b""))

        await self.app(inner_scope, receive, capture)
        if passing or not start:
            return None
        headers = [(k.lower(), v) for k, v in start.get("headers", []) if k.lower() not in _DROPPED]
        content_type = dict(headers).get(b"content-type", b"").decode("latin-1")
        body = b"".join(chunks)
        compressible = is_compressible(content_type) and len(body) >= MIN_SIZE
        return CachedResponse.build(start["status"], headers, body, compressible)


def _headers_of(scope: Scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope["headers"]}


def _storable(entry: CachedResponse) -> bool:
    if entry.status not in _STORED_STATUSES:
        return False
    headers = dict(entry.headers)
    cache_control = headers.get(b"cache-control", b"").lower()
    return b"set-cookie" not in headers and not any(
        word in cache_control for word in (b"private", b"no-store")
    )


def _not_modified(entry: CachedResponse, request: dict[bytes, bytes]) -> bool:
    if entry.status != 200:
        return False
    wanted = request.get(b"if-none-match")
    if wanted is not None:
        tags = {tag.strip().removeprefix(b"W/") for tag in wanted.split(b",")}
        if b"*" in tags:
            return True
        ours = {entry.etag(e).encode() for e in ("identity", "br", "zstd", "gzip")}
        return bool(tags & ours)
    since = request.get(b"if-modified-since")
    modified = dict(entry.headers).get(b"last-modified")
    if since is None or modified is None:
        return False
    try:
        return parsedate_to_datetime(modified.decode()) <= parsedate_to_datetime(since.decode())
    except (TypeError, ValueError):
        return False


async def _send_not_modified(entry: CachedResponse, encoding: str, send: Send) -> None:
    headers, _ = entry.prepared(encoding)
    kept = [(k, v) for k, v in headers if k not in (b"content-type", b"content-length")]
    await send({"type": "http.response.start", "status": 304, "headers": kept})
    await send({"type": "http.response.body", "body": b""})


async def _respond_once(
    entry: CachedResponse, encoding: str, request: dict[bytes, bytes], send: Send, *, head: bool
) -> None:
    """Answer from a response that will not be kept: compress it fast, for this client only."""
    if _not_modified(entry, request):
        await _send_not_modified(entry, encoding, send)
        return
    body = compress(entry.body, encoding, dense=False) if entry.compressible else entry.body
    headers = entry.headers_for(encoding, len(body))
    await send({"type": "http.response.start", "status": entry.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})
