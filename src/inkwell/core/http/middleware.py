"""Pure ASGI middleware for GET/HEAD responses: shared cache, strong ETags, 304s, compression.

It sits in front of the whole application and sees only bytes. A response is kept only when
its route declared it cacheable with tags (``declaration.cacheable``); a request carrying a
``Cookie`` or ``Authorization`` header is never answered from the cache nor stored, and neither
is a response that sets a cookie, varies by one or says ``private``/``no-store``. A cached page
costs one ``stat`` of the invalidation log, a dictionary look-up and a send: no database
query, no template.

Writes race with renders: a render is stored only if none of its tags dropped while it ran,
and a burst of requests for one missing page renders it once (the others wait for it).
"""

from __future__ import annotations

import asyncio
from email.utils import parsedate_to_datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inkwell.core import invalidation
from inkwell.core.http.cache import CachedResponse, ResponseCache
from inkwell.core.http.compression import MIN_SIZE, compress, is_compressible, negotiate_bytes
from inkwell.core.http.declaration import SCOPE_KEY, Declaration

_STORED_STATUSES = frozenset({200, 301, 308})
_DROPPED = frozenset({b"content-length", b"etag", b"content-encoding"})
_VALIDATORS = frozenset({b"if-none-match", b"if-modified-since"})
_CONDITIONAL = _VALIDATORS | {b"accept-encoding"}
# Whoever sends these may see a page of their own: it is never shared with anyone else. Any
# cookie at all, not a named one: a public page never sets one, so a reader sends none unless
# something (a session, a script) put one there, and guessing which names matter is how a
# private page ends up in a shared cache.
_PERSONAL = frozenset({b"cookie", b"authorization"})
_PERSONAL_VARY = (b"cookie", b"authorization", b"*")
# A request waits for this many renders by others at most before rendering its own.
_MAX_WAITS = 3
_MAX_UNSHARED = 10_000


class HttpCacheMiddleware:
    """Serve declared-cacheable GET/HEAD responses from memory, compressed and validated."""

    def __init__(self, app: ASGIApp, *, database_url: str, cache: ResponseCache | None) -> None:
        self.app = app
        self.cache = cache
        self.database_url = database_url
        self.channel = invalidation.channel(database_url)
        self._seen = self.channel.version
        # Renders under way, by key: later requests for the same key wait for the first.
        self._flights: dict[str, asyncio.Future[None]] = {}
        self._unshared: set[str] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        accept, conditional, personal = b"", False, False
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept = value
            elif name in _VALIDATORS:
                conditional = True
            elif name in _PERSONAL:
                personal = True
        head = scope["method"] == "HEAD"
        encoding = negotiate_bytes(accept)
        cache = self.cache
        if cache is None or personal:
            entry = await self._fetch(scope, receive, send, head=head, declaration=None)
            if entry is not None:
                await _respond_once(entry, encoding, _headers_of(scope), send, head=head)
            return
        key = scope["path"] + "?" + scope["query_string"].decode("latin-1")
        self._catch_up(cache)
        entry = cache.get(key)
        if entry is None:
            entry = await self._render_shared(cache, key, scope, receive, send, head=head)
            if entry is None:
                return  # passed through as it came
            if cache.get(key) is not entry:  # not kept: no dense compression for one answer
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
            cache.resize(key)

    def _catch_up(self, cache: ResponseCache) -> None:
        """Drop the entries whose tags dropped since the last request (usually: one stat)."""
        self.channel.sync()
        if self.channel.version != self._seen:
            for tags in self.channel.drops_after(self._seen):
                cache.drop_tags(tags)
            self._seen = self.channel.version

    async def _render_shared(
        self,
        cache: ResponseCache,
        key: str,
        scope: Scope,
        receive: Receive,
        send: Send,
        *,
        head: bool,
    ) -> CachedResponse | None:
        """Render ``key`` once for a burst of requests; store it unless it went stale meanwhile."""
        # Keys whose last answer could not be kept (files, undeclared routes) are not waited on:
        # a burst of them would otherwise be served one at a time.
        flight = None if key in self._unshared else self._flights.get(key)
        for _ in range(_MAX_WAITS):
            if flight is None:
                break
            await asyncio.shield(flight)
            self._catch_up(cache)
            entry = cache.get(key)
            if entry is not None:
                return entry
            # Not kept (not cacheable, or stale already): wait for the next render, if any.
            flight = self._flights.get(key)
        leading: asyncio.Future[None] | None = None
        if flight is None and key not in self._unshared:
            leading = self._flights[key] = asyncio.get_running_loop().create_future()
        started = self.channel.version
        declaration = Declaration()
        try:
            entry = await self._fetch(scope, receive, send, head=head, declaration=declaration)
            if entry is None or declaration.tags is None or not _storable(entry):
                if len(self._unshared) >= _MAX_UNSHARED:
                    self._unshared.clear()
                self._unshared.add(key)
                return entry
            self._unshared.discard(key)
            tags = {*declaration.tags, "path:" + scope["path"]}
            self._catch_up(cache)
            # Rendered from data a writer changed meanwhile: serve it this once, keep none.
            if not self.channel.dropped_since(started, tags):
                cache.put(key, entry, tags)
            return entry
        finally:
            if leading is not None:
                del self._flights[key]
                leading.set_result(None)

    async def _fetch(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        *,
        head: bool,
        declaration: Declaration | None,
    ) -> CachedResponse | None:
        """Run the app as a GET; keep text bodies, pass other responses straight through."""
        inner_scope = dict(scope)
        inner_scope["method"] = "GET"
        inner_scope["headers"] = [(k, v) for k, v in scope["headers"] if k not in _CONDITIONAL]
        if declaration is not None:
            inner_scope[SCOPE_KEY] = declaration
        start: Message = {}
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal passing
            if message["type"] == "http.response.start":
                start.update(message)
                headers = dict(message.get("headers", []))
                content_type = headers.get(b"content-type", b"").decode("latin-1")
                # Files (images, fonts) stream past; text and body-less answers (redirects,
                # which carry no content type) are kept whole.
                typed_binary = bool(content_type) and not is_compressible(content_type)
                if b"content-encoding" in headers or typed_binary:
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
    cache_control, vary = b"", b""
    for name, value in entry.headers:
        if name == b"set-cookie":
            return False
        if name == b"cache-control":
            cache_control += value.lower()
        elif name == b"vary":
            vary += value.lower() + b","
    if any(word in cache_control for word in (b"private", b"no-store")):
        return False
    return not any(word in vary for word in _PERSONAL_VARY)


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
