"""Reading a feed from a file or over HTTP (a real local server), with clear failures."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.importers.pipeline import import_feed
from inkwell.importers.report import ImportFailed
from inkwell.importers.sources import fetch_url, is_url, read_source
from inkwell.settings import Settings

from .conftest import LocalServer, Route
from .support import fixture, post_titled

# The test server is on 127.0.0.1, which is refused unless allowed.
LOCAL = ("127.0.0.1",)


def test_windows_drive_letter_is_a_path_not_a_url() -> None:
    assert (is_url("C:\\feeds\\a.xml"), is_url("https://a.test/rss/")) == (False, True)


async def test_local_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_bytes(b"<rss/>")
    source = await read_source(str(path))
    assert (source.data, source.url) == (b"<rss/>", None)


async def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(ImportFailed, match="is larger than"):
        await read_source(str(path), max_bytes=1024)


async def test_feed_is_imported_from_a_url(
    session: AsyncSession, settings: Settings, http_server: LocalServer
) -> None:
    feed = fixture("wordpress.xml").read_bytes()
    http_server.routes["/feed/"] = Route(feed, "application/rss+xml")
    report = await import_feed(session, http_server.url("/feed/"), settings=settings)
    assert len(report.created) == 2
    assert (await post_titled(session, "Timing a sourdough starter with cron")).slug


async def test_redirects_are_followed(http_server: LocalServer) -> None:
    http_server.routes["/feed"] = Route(b"", status=301, headers={"Location": "/feed/"})
    http_server.routes["/feed/"] = Route(b"<rss/>", "application/rss+xml")
    source = await fetch_url(http_server.url("/feed"), allowed_hosts=LOCAL)
    assert (source.data, source.url) == (b"<rss/>", http_server.url("/feed/"))


async def test_http_error_status_is_reported(http_server: LocalServer) -> None:
    with pytest.raises(ImportFailed, match="answered HTTP 404 Not Found"):
        await fetch_url(http_server.url("/missing.xml"), allowed_hosts=LOCAL)


async def test_response_over_the_size_cap_is_refused(http_server: LocalServer) -> None:
    http_server.routes["/huge.xml"] = Route(b"<rss>" + b" " * 5000 + b"</rss>")
    with pytest.raises(ImportFailed, match="larger than 1000 bytes"):
        await fetch_url(http_server.url("/huge.xml"), max_bytes=1000, allowed_hosts=LOCAL)


async def test_unreachable_host_is_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more: the connection is refused.
    with pytest.raises(ImportFailed, match=rf"cannot fetch http://127.0.0.1:{port}/rss/"):
        await fetch_url(f"http://127.0.0.1:{port}/rss/", time_limit=2, allowed_hosts=LOCAL)


async def test_other_url_schemes_are_refused() -> None:
    with pytest.raises(ImportFailed, match="only http and https URLs can be fetched"):
        await read_source("ftp://example.test/feed.xml")


async def test_a_loopback_feed_url_is_refused_unless_allowed(http_server: LocalServer) -> None:
    http_server.routes["/feed/"] = Route(b"<rss/>", "application/rss+xml")
    with pytest.raises(ImportFailed, match=r"127\.0\.0\.1 is a loopback address"):
        await fetch_url(http_server.url("/feed/"))
    assert http_server.hits == {}


async def test_import_refuses_a_private_feed_url(session: AsyncSession, settings: Settings) -> None:
    with pytest.raises(ImportFailed, match=r"^cannot fetch http://10\.0\.0\.1/feed/: refused"):
        await import_feed(session, "http://10.0.0.1/feed/", settings=settings)
