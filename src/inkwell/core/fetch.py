"""The one guarded HTTP client for every outbound request (feeds, images, webhook deliveries).

What a URL names is chosen by whoever wrote a feed or a post, so a fetch must not reach the
machine it runs on or its private network (a cloud metadata service, an admin port), nor be
steered there by DNS or a redirect. Every connection goes through ``_GuardedBackend``: the host
name is resolved once, every address it resolves to is checked, and the connection is made to
the checked address (no second lookup for DNS rebinding to answer differently). TLS still
uses the host name (SNI and certificate), and so does the ``Host`` header. Redirects are
followed here, one checked hop at a time. Size and total time are capped. ``get`` reads a
resource; ``post`` sends one (a webhook delivery) with the same guards.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Collection, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from inkwell import __version__
from inkwell.core.addresses import AddressRefused, checked_address, normalise_host

USER_AGENT = f"Inkwell/{__version__}"
MAX_BYTES = 50 * 1024 * 1024
TIME_LIMIT = 30.0
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
# Failures below httpx (our transport talks to httpcore directly).
_NETWORK_ERRORS = (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol)
_TIMEOUTS = (httpcore.TimeoutException, httpx.TimeoutException, TimeoutError)


class FetchError(Exception):
    """A fetch that failed or was refused; ``reason`` is one line, ``url`` has no password."""

    def __init__(
        self, url: str, reason: str, *, status: int | None = None, refused: bool = False
    ) -> None:
        self.url = url_for_humans(url)
        self.reason = reason
        # The HTTP status when the server answered with an error.
        self.status = status
        # True when the address was refused (trying again will not help).
        self.refused = refused
        super().__init__(f"cannot fetch {self.url}: {reason}")


@dataclass(frozen=True)
class Posted:
    """A POST the server accepted (status below 400): its status, final URL and answer."""

    status: int
    url: str
    data: bytes = b""


@dataclass(frozen=True)
class Fetched:
    """A successful response: its body, the final URL after redirects, its content type."""

    data: bytes
    url: str
    content_type: str | None
    status: int = 200


def url_for_humans(url: str) -> str:
    """``url`` without the ``user:password@`` part, for messages and logs."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections only to checked addresses (or to an allowed host's)."""

    def __init__(self, allowed_hosts: frozenset[str]) -> None:
        self._allowed = allowed_hosts
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        address = await checked_address(host, port, self._allowed)
        return await self._inner.connect_tcp(
            str(address), port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused("only TCP connections are made")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _GuardedTransport(httpx.AsyncBaseTransport):
    """httpx on an httpcore pool whose every connection goes through ``_GuardedBackend``."""

    def __init__(self, allowed_hosts: frozenset[str]) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_GuardedBackend(allowed_hosts),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        answer = await self._pool.handle_async_request(
            httpcore.Request(
                method=request.method,
                url=httpcore.URL(
                    scheme=request.url.raw_scheme,
                    host=request.url.raw_host,
                    port=request.url.port,
                    target=request.url.raw_path,
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        assert isinstance(answer.stream, AsyncIterable)
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_Body(answer.stream),
            extensions=answer.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()


class _Body(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for part in self._stream:
            yield part

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class Fetcher:
    """A guarded client for a series of requests (an import's images share its connections).

    ``allowed_hosts`` (INKWELL_FETCH_ALLOWED_HOSTS) names hosts, or addresses, that skip the
    address check: a blog fetching from its own intranet, or the tests' local server.
    """

    def __init__(
        self,
        *,
        allowed_hosts: Collection[str] = (),
        max_bytes: int = MAX_BYTES,
        time_limit: float = TIME_LIMIT,
        max_redirects: int = MAX_REDIRECTS,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.max_bytes = max_bytes
        self.time_limit = time_limit
        self.max_redirects = max_redirects
        allowed = frozenset(normalise_host(host) for host in allowed_hosts)
        self._client = httpx.AsyncClient(
            transport=_GuardedTransport(allowed),
            follow_redirects=False,
            timeout=time_limit,
            headers={"User-Agent": user_agent},
            # No proxy from the environment: it would connect for us, unchecked.
            trust_env=False,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._client.aclose()

    async def get(self, url: str) -> Fetched:
        """GET ``url`` with every guard; raise FetchError with a one-line reason."""
        async with self._limited(url):
            return await self._follow(url)

    async def post(
        self, url: str, content: bytes, headers: Mapping[str, str] | None = None
    ) -> Posted:
        """POST ``content`` to ``url`` with every guard (address, redirects, time, size of the
        answer, which is read and dropped); FetchError with the status for an answer >= 400.

        Redirects are followed as browsers do: 307 and 308 repeat the POST with its body,
        301, 302 and 303 continue with a GET.
        """
        async with self._limited(url):
            fetched = await self._follow(url, "POST", content, dict(headers or {}))
        return Posted(status=fetched.status, url=fetched.url, data=fetched.data)

    @asynccontextmanager
    async def _limited(self, url: str) -> AsyncIterator[None]:
        try:
            async with asyncio.timeout(self.time_limit):
                yield
        except _TIMEOUTS:
            raise FetchError(url, f"no answer within {self.time_limit:g} seconds") from None

    async def _follow(
        self,
        url: str,
        method: str = "GET",
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Fetched:
        current = url
        for _ in range(self.max_redirects + 1):
            target = _parse(current)
            try:
                async with self._client.stream(
                    method, target, content=content, headers=headers
                ) as response:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECTS and location:
                        current = str(target.join(location))
                        if method != "GET" and response.status_code not in (307, 308):
                            method, content, headers = "GET", None, None
                        continue
                    if response.status_code >= 400:
                        status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                        raise FetchError(current, status, status=response.status_code)
                    return Fetched(
                        data=await self._read_capped(response, current),
                        url=current,
                        content_type=response.headers.get("content-type"),
                        status=response.status_code,
                    )
            except (AddressRefused, *_NETWORK_ERRORS, httpx.HTTPError, httpx.InvalidURL) as exc:
                reason = _first_line(exc) + _redirected(url, current)
                refused = isinstance(exc, AddressRefused)
                raise FetchError(current, reason, refused=refused) from None
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    async def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        too_large = FetchError(url, f"larger than {describe_size(self.max_bytes)}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise too_large  # stop reading: the rest is never downloaded
            chunks.append(chunk)
        return b"".join(chunks)


async def fetch(url: str, **options: Any) -> Fetched:
    """One guarded GET (see ``Fetcher`` for the options)."""
    async with Fetcher(**options) as fetcher:
        return await fetcher.get(url)


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError(url, "only http and https URLs can be fetched")
    if not parsed.host:
        raise FetchError(url, "the URL has no host")
    return parsed


def _redirected(first: str, current: str) -> str:
    return "" if first == current else f" (redirected from {url_for_humans(first)})"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines and lines[0] else type(exc).__name__


def describe_size(size: int) -> str:
    """``size`` bytes for a message: "25 MB", "200 KB", "900 bytes"."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"
