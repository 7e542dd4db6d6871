"""The guarded fetcher, against a real HTTP server on 127.0.0.1.

Nothing here sends traffic anywhere else: the private and special addresses below are refused
before any connection is made.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import pytest

from inkwell.core.fetch import Fetcher, FetchError, fetch
from tests.importers.conftest import LocalServer, Route, http_server  # noqa: F401 - a fixture
from tests.local_receiver import Receiver, receiver  # noqa: F401 - a fixture

LOCAL = ("127.0.0.1",)


async def test_an_allowed_host_is_fetched(http_server: LocalServer) -> None:  # noqa: F811
    http_server.routes["/a.txt"] = Route(b"hello", "text/plain")
    fetched = await fetch(http_server.url("/a.txt"), allowed_hosts=LOCAL)
    assert (fetched.data, fetched.url, fetched.content_type) == (
        b"hello",
        http_server.url("/a.txt"),
        "text/plain",
    )


async def test_loopback_is_refused_before_connecting(http_server: LocalServer) -> None:  # noqa: F811
    http_server.routes["/a.txt"] = Route(b"hello", "text/plain")
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        await fetch(http_server.url("/a.txt"))
    assert http_server.hits == {}


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://192.168.1.1/", "192.168.1.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
        ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
        ("http://240.0.0.1/", "240.0.0.1 is a reserved address"),
        ("http://100.64.0.1/", "100.64.0.1 is a non-public address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://[::]/", ":: is an unspecified address"),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://[fc00::1]/", "fc00::1 is a private address"),
        ("http://[ff02::1]/", "ff02::1 is a multicast address"),
        ("http://[::ffff:10.0.0.1]/", "10.0.0.1 is a private address"),
        ("https://[::ffff:169.254.169.254]/", "169.254.169.254 is a link-local address"),
    ],
)
async def test_special_addresses_are_refused(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=re.escape(f"refused: {reason}")):
        await fetch(url)


async def test_an_allowed_address_is_matched_in_its_canonical_form() -> None:
    # Allowing ::1 does not allow its IPv4-mapped twin, nor the reverse.
    with pytest.raises(FetchError, match="refused"):
        await fetch("http://[::ffff:127.0.0.1]/", allowed_hosts=("::1",))


async def test_redirects_are_followed(http_server: LocalServer) -> None:  # noqa: F811
    http_server.routes["/old"] = Route(b"", status=301, headers={"Location": "/new"})
    http_server.routes["/new"] = Route(b"moved")
    fetched = await fetch(http_server.url("/old"), allowed_hosts=LOCAL)
    assert (fetched.data, fetched.url) == (b"moved", http_server.url("/new"))


async def test_a_redirect_to_a_refused_address_is_not_followed(
    http_server: LocalServer,  # noqa: F811
) -> None:
    port = http_server.base.rsplit(":", 1)[1]
    target = f"http://127.1:{port}/secret"
    http_server.routes["/go"] = Route(b"", status=302, headers={"Location": target})
    http_server.routes["/secret"] = Route(b"internal")
    with pytest.raises(FetchError) as raised:
        await fetch(http_server.url("/go"), allowed_hosts=LOCAL)
    assert str(raised.value) == (
        f"cannot fetch {target}: refused: 127.0.0.1 is a loopback address "
        f"(INKWELL_FETCH_ALLOWED_HOSTS can allow 127.1) (redirected from {http_server.url('/go')})"
    )
    assert http_server.hits == {"/go": 1}


async def test_redirects_are_limited(http_server: LocalServer) -> None:  # noqa: F811
    http_server.routes["/loop"] = Route(b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        await fetch(http_server.url("/loop"), allowed_hosts=LOCAL, max_redirects=3)
    assert http_server.hits == {"/loop": 4}


async def test_an_error_status_is_a_fetch_error(http_server: LocalServer) -> None:  # noqa: F811
    with pytest.raises(FetchError, match="HTTP 404 Not Found") as raised:
        await fetch(http_server.url("/missing"), allowed_hosts=LOCAL)
    assert raised.value.status == 404


async def test_a_response_over_the_size_cap_is_refused(http_server: LocalServer) -> None:  # noqa: F811
    http_server.routes["/big"] = Route(b"x" * 5000)
    with pytest.raises(FetchError, match=r"larger than 4\.88 KB"):
        await fetch(http_server.url("/big"), allowed_hosts=LOCAL, max_bytes=4999)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


async def test_total_time_is_capped(silent_port: int) -> None:
    with pytest.raises(FetchError, match=r"no answer within 0\.2 seconds"):
        await fetch(f"http://127.0.0.1:{silent_port}/", allowed_hosts=LOCAL, time_limit=0.2)


@pytest.mark.parametrize("url", ["ftp://example.test/a", "file:///etc/passwd"])
async def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https URLs can be fetched"):
        await fetch(url)


async def test_messages_never_show_credentials() -> None:
    with pytest.raises(FetchError) as raised:
        await fetch("http://ada:s3cret@10.0.0.1/feed")
    assert str(raised.value).startswith("cannot fetch http://10.0.0.1/feed: refused")


@pytest.mark.parametrize(
    ("location", "reason"),
    [("http://[::1/", "Invalid port"), ("http://[oops/", "%5boops is not a valid host name")],
)
async def test_a_broken_redirect_is_one_line(
    http_server: LocalServer,  # noqa: F811
    location: str,
    reason: str,
) -> None:
    http_server.routes["/bad"] = Route(b"", status=302, headers={"Location": location})
    with pytest.raises(FetchError, match=re.escape(reason)) as raised:
        await fetch(http_server.url("/bad"), allowed_hosts=LOCAL)
    assert "\n" not in str(raised.value)


# POST (webhook deliveries)


async def test_a_post_sends_its_body_and_headers(receiver: Receiver) -> None:  # noqa: F811
    async with Fetcher(allowed_hosts=LOCAL) as fetcher:
        posted = await fetcher.post(receiver.url(), b'{"a":1}', {"X-Test": "yes"})
    assert (posted.status, posted.url) == (200, receiver.url())
    [request] = receiver.received
    assert (request.method, request.body, request.headers["x-test"]) == ("POST", b'{"a":1}', "yes")


async def test_a_post_to_loopback_is_refused_before_connecting(
    receiver: Receiver,  # noqa: F811
) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(FetchError, match="loopback") as refused:
            await fetcher.post(receiver.url(), b"{}")
    assert refused.value.refused
    assert receiver.received == []


async def test_a_post_answered_with_an_error_carries_its_status(
    receiver: Receiver,  # noqa: F811
) -> None:
    receiver.answers = [503]
    async with Fetcher(allowed_hosts=LOCAL) as fetcher:
        with pytest.raises(FetchError, match="HTTP 503") as failed:
            await fetcher.post(receiver.url(), b"{}")
    assert (failed.value.status, failed.value.refused) == (503, False)


async def test_a_307_repeats_the_post_and_a_303_continues_with_a_get(
    receiver: Receiver,  # noqa: F811
) -> None:
    receiver.redirects["/keep"] = (307, "/kept")
    receiver.redirects["/see"] = (303, "/seen")
    async with Fetcher(allowed_hosts=LOCAL) as fetcher:
        kept = await fetcher.post(receiver.url("/keep"), b"body")
        seen = await fetcher.post(receiver.url("/see"), b"body")
    assert (kept.url, seen.url) == (receiver.url("/kept"), receiver.url("/seen"))
    methods = [(r.path, r.method, r.body) for r in receiver.received]
    assert methods == [
        ("/keep", "POST", b"body"),
        ("/kept", "POST", b"body"),
        ("/see", "POST", b"body"),
        ("/seen", "GET", b""),
    ]


async def test_a_post_redirected_to_a_refused_address_is_not_followed(
    receiver: Receiver,  # noqa: F811
) -> None:
    port = receiver.base.rsplit(":", 1)[1]
    receiver.redirects["/go"] = (307, f"http://127.1:{port}/secret")
    async with Fetcher(allowed_hosts=LOCAL) as fetcher:
        with pytest.raises(FetchError, match="loopback"):
            await fetcher.post(receiver.url("/go"), b"{}")
    assert [r.path for r in receiver.received] == ["/go"]
