"""The HTTP cache middleware in front of a small app: hits, ETags, 304, compression, HEAD."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest
from httpx import ASGITransport, AsyncClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from inkwell.core import invalidation
from inkwell.core.http.cache import ResponseCache
from inkwell.core.http.declaration import cacheable
from inkwell.core.http.middleware import HttpCacheMiddleware

PAGE = "<p>" + "words " * 200 + "</p>"


class Counter:
    calls = 0


def build(tmp_path: Path, cached: bool = True) -> tuple[AsyncClient, Counter, str]:
    counter = Counter()
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"

    def page_route(path: str, *, declared: bool = True, **headers: str) -> Route:
        async def page(request: Request) -> Response:
            counter.calls += 1
            if declared:
                cacheable(request, ["page", "settings"])
            return Response(
                PAGE,
                media_type="text/html",
                headers={
                    "Cache-Control": "public, max-age=0",
                    "Last-Modified": "Mon, 16 Mar 2026 09:00:00 GMT",
                }
                | headers,
            )

        return Route(path, page)

    async def image(request: Request) -> Response:
        counter.calls += 1
        return Response(b"\x89PNG" + b"\0" * 500, media_type="image/png")

    async def missing(request: Request) -> Response:
        counter.calls += 1
        cacheable(request, ["page"])
        return PlainTextResponse(PAGE, status_code=404)

    inner = Starlette(
        routes=[
            page_route("/"),
            page_route("/undeclared/", declared=False),
            page_route("/private/", **{"Cache-Control": "private"}),
            page_route("/no-store/", **{"Cache-Control": "no-store"}),
            page_route("/sets-cookie/", **{"Set-Cookie": "a=b"}),
            page_route("/varies/", Vary="Cookie"),
            Route("/img.png", image),
            Route("/missing/", missing),
        ]
    )
    app = HttpCacheMiddleware(
        inner, database_url=url, cache=ResponseCache(1_000_000) if cached else None
    )
    client = AsyncClient(transport=ASGITransport(app=app), base_url="http://t")
    return client, counter, url


async def test_second_request_is_served_from_memory(tmp_path: Path) -> None:
    client, counter, _ = build(tmp_path)
    first = await client.get("/")
    second = await client.get("/")
    assert first.text == second.text == PAGE
    assert counter.calls == 1


async def test_response_carries_a_strong_etag(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    response = await client.get("/", headers={"Accept-Encoding": "identity"})
    etag = response.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")


async def test_matching_if_none_match_gets_304_without_body(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    etag = (await client.get("/")).headers["etag"]
    again = await client.get("/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag


async def test_if_modified_since_gets_304(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    headers = {"If-Modified-Since": "Tue, 17 Mar 2026 09:00:00 GMT"}
    assert (await client.get("/", headers=headers)).status_code == 304


async def test_stale_if_modified_since_gets_the_page(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    headers = {"If-Modified-Since": "Sun, 15 Mar 2026 09:00:00 GMT"}
    assert (await client.get("/", headers=headers)).status_code == 200


@pytest.mark.parametrize(
    ("accept", "encoding"), [("gzip", "gzip"), ("gzip, br", "br"), ("zstd", "zstd")]
)
async def test_text_is_compressed_as_negotiated(tmp_path: Path, accept: str, encoding: str) -> None:
    client, _, _ = build(tmp_path)
    response = await client.get("/", headers={"Accept-Encoding": accept})
    assert response.headers["content-encoding"] == encoding
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.text == PAGE  # httpx decodes every one of them


async def test_compressed_bodies_decode_to_the_page(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    async with client.stream("GET", "/", headers={"Accept-Encoding": "br"}) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    assert brotli.decompress(raw).decode() == PAGE


async def test_etag_differs_between_encodings(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    plain = await client.get("/", headers={"Accept-Encoding": "identity"})
    zipped = await client.get("/", headers={"Accept-Encoding": "gzip"})
    assert plain.headers["etag"] != zipped.headers["etag"]


async def test_head_has_headers_and_no_body(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    response = await client.head("/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.content == b""
    expected = len(gzip.compress(PAGE.encode(), compresslevel=9, mtime=0))
    assert int(response.headers["content-length"]) == expected


async def test_head_of_a_passed_through_file_has_no_body(tmp_path: Path) -> None:
    client, _, _ = build(tmp_path)
    response = await client.head("/img.png")
    assert response.status_code == 200 and response.content == b""


async def test_binary_responses_pass_through_uncompressed(tmp_path: Path) -> None:
    client, counter, _ = build(tmp_path)
    response = await client.get("/img.png", headers={"Accept-Encoding": "gzip"})
    await client.get("/img.png")
    assert "content-encoding" not in response.headers
    assert response.content.startswith(b"\x89PNG")
    assert counter.calls == 2


@pytest.mark.parametrize("path", ["/private/", "/no-store/", "/sets-cookie/", "/varies/"])
async def test_responses_for_one_reader_are_not_stored(tmp_path: Path, path: str) -> None:
    client, counter, _ = build(tmp_path)
    await client.get(path)
    await client.get(path)
    assert counter.calls == 2


async def test_a_route_that_declares_nothing_is_not_stored(tmp_path: Path) -> None:
    client, counter, _ = build(tmp_path)
    first = await client.get("/undeclared/", headers={"Accept-Encoding": "gzip"})
    await client.get("/undeclared/")
    assert counter.calls == 2
    assert first.headers["content-encoding"] == "gzip" and "etag" in first.headers


@pytest.mark.parametrize("header", ["Cookie", "Authorization"])
async def test_a_request_with_credentials_is_never_served_from_the_cache(
    tmp_path: Path, header: str
) -> None:
    client, counter, _ = build(tmp_path)
    await client.get("/")
    personal = await client.get("/", headers={header: "session=abc"})
    assert personal.status_code == 200 and counter.calls == 2


@pytest.mark.parametrize("header", ["Cookie", "Authorization"])
async def test_a_request_with_credentials_is_never_stored(tmp_path: Path, header: str) -> None:
    client, counter, _ = build(tmp_path)
    await client.get("/", headers={header: "session=abc"})
    await client.get("/")
    assert counter.calls == 2


async def test_errors_are_not_stored(tmp_path: Path) -> None:
    client, counter, _ = build(tmp_path)
    assert (await client.get("/missing/")).status_code == 404
    await client.get("/missing/")
    assert counter.calls == 2


async def test_a_dropped_tag_empties_its_entries(tmp_path: Path) -> None:
    client, counter, url = build(tmp_path)
    await client.get("/")
    invalidation.publish(url, {"page"})
    await client.get("/")
    assert counter.calls == 2


async def test_another_tag_keeps_the_entry(tmp_path: Path) -> None:
    client, counter, url = build(tmp_path)
    await client.get("/")
    invalidation.publish(url, {"post:other"})
    await client.get("/")
    assert counter.calls == 1


async def test_tags_published_by_another_process_empty_the_entries(tmp_path: Path) -> None:
    client, counter, url = build(tmp_path)
    await client.get("/")
    other = invalidation.FileTransport(invalidation.signal_path(url))
    other.publish(frozenset({"settings"}))
    await client.get("/")
    assert counter.calls == 2


async def test_without_a_cache_every_request_reaches_the_app(tmp_path: Path) -> None:
    client, counter, _ = build(tmp_path, cached=False)
    first = await client.get("/", headers={"Accept-Encoding": "gzip"})
    etag = first.headers["etag"]
    second = await client.get("/", headers={"If-None-Match": etag})
    assert first.headers["content-encoding"] == "gzip" and first.text == PAGE
    assert second.status_code == 304
    assert counter.calls == 2
