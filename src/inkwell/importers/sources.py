"""Where an import reads from: a local file or an http(s) URL, as bytes with a size cap."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from inkwell import __version__
from inkwell.importers.report import ImportFailed

MAX_SOURCE_BYTES = 50 * 1024 * 1024
FETCH_TIMEOUT = 30.0
USER_AGENT = f"Inkwell/{__version__} (feed importer)"


@dataclass(frozen=True)
class Source:
    """The raw bytes of a feed and where they came from."""

    data: bytes
    location: str
    # The final URL after redirects, when fetched: relative links resolve against it.
    url: str | None = None
    content_type: str | None = None


def is_url(location: str) -> bool:
    """True for anything with a URL scheme (http, https, ftp...), false for a file path."""
    scheme = urlsplit(location).scheme
    # A one-letter "scheme" is a Windows drive letter.
    return len(scheme) > 1


async def read_source(
    location: str, *, max_bytes: int = MAX_SOURCE_BYTES, time_limit: float = FETCH_TIMEOUT
) -> Source:
    """Read ``location`` (path or http(s) URL); raise ImportFailed with the reason."""
    if is_url(location):
        return await fetch_url(location, max_bytes=max_bytes, time_limit=time_limit)
    return read_file(Path(location), max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int = MAX_SOURCE_BYTES) -> Source:
    """Read a local feed file."""
    path = path.expanduser()
    if not path.exists():
        raise ImportFailed(f"{path}: no such file")
    if path.is_dir():
        raise ImportFailed(
            f"{path} is a folder, not a feed file "
            "(use `inkwell import markdown` for a folder of Markdown files)"
        )
    try:
        if path.stat().st_size > max_bytes:
            raise ImportFailed(f"{path} is larger than {_megabytes(max_bytes)}")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    return Source(data=data, location=str(path))


async def fetch_url(
    url: str, *, max_bytes: int = MAX_SOURCE_BYTES, time_limit: float = FETCH_TIMEOUT
) -> Source:
    """Fetch a feed over http(s), following redirects, refusing more than ``max_bytes``."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ImportFailed(f"{url}: only http and https URLs can be fetched")
    try:
        async with (
            httpx.AsyncClient(
                follow_redirects=True, timeout=time_limit, headers={"User-Agent": USER_AGENT}
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                raise ImportFailed(f"{url} answered HTTP {response.status_code} {phrase}".strip())
            data = await _read_capped(response, url, max_bytes)
            return Source(
                data=data,
                location=url,
                url=str(response.url),
                content_type=response.headers.get("content-type"),
            )
    except httpx.TimeoutException:
        raise ImportFailed(f"{url}: no answer within {time_limit:g} seconds") from None
    except httpx.HTTPError as exc:
        raise ImportFailed(f"cannot fetch {url}: {describe_http_error(exc)}") from None


async def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ImportFailed(f"{url} is larger than {_megabytes(max_bytes)}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise ImportFailed(f"{url} is larger than {_megabytes(max_bytes)}")
        chunks.append(chunk)
    return b"".join(chunks)


def describe_http_error(exc: httpx.HTTPError) -> str:
    """One short line for a network failure (connection refused, bad host name...)."""
    text = str(exc).strip().splitlines()
    return text[0] if text and text[0] else type(exc).__name__


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
