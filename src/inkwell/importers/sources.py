"""Where an import reads from: a local file or an http(s) URL, as bytes with a size cap."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from inkwell import __version__
from inkwell.core.fetch import FetchError, describe_size, fetch
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
    location: str,
    *,
    max_bytes: int = MAX_SOURCE_BYTES,
    time_limit: float = FETCH_TIMEOUT,
    allowed_hosts: Collection[str] = (),
) -> Source:
    """Read ``location`` (path or http(s) URL); raise ImportFailed with the reason."""
    if is_url(location):
        return await fetch_url(
            location, max_bytes=max_bytes, time_limit=time_limit, allowed_hosts=allowed_hosts
        )
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
            raise ImportFailed(f"{path} is larger than {describe_size(max_bytes)}")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    return Source(data=data, location=str(path))


async def fetch_url(
    url: str,
    *,
    max_bytes: int = MAX_SOURCE_BYTES,
    time_limit: float = FETCH_TIMEOUT,
    allowed_hosts: Collection[str] = (),
) -> Source:
    """Fetch a feed with the guarded fetcher (public addresses or ``allowed_hosts`` only)."""
    try:
        fetched = await fetch(
            url,
            max_bytes=max_bytes,
            time_limit=time_limit,
            allowed_hosts=allowed_hosts,
            user_agent=USER_AGENT,
        )
    except FetchError as exc:
        if exc.status is not None:
            raise ImportFailed(f"{exc.url} answered {exc.reason}") from None
        raise ImportFailed(str(exc)) from None
    return Source(
        data=fetched.data, location=url, url=fetched.url, content_type=fetched.content_type
    )
