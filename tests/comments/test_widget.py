"""The widget's files: minified, small, fingerprinted, cached, and talking to no other host."""

from __future__ import annotations

import gzip
import re

from httpx import AsyncClient

from inkwell.comments import widget

MAX_MINIFIED = 15_000
MAX_GZIPPED = 6_000


def test_minified_script_is_under_15_kb() -> None:
    assert len(widget.script().body) < MAX_MINIFIED


def test_gzipped_script_is_under_6_kb() -> None:
    assert len(gzip.compress(widget.script().body, compresslevel=9)) < MAX_GZIPPED


async def test_served_script_is_under_15_kb(api: AsyncClient) -> None:
    response = await api.get("/js/comments.js", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert len(response.content) < MAX_MINIFIED


async def test_served_script_is_under_6_kb_gzipped_on_the_wire(api: AsyncClient) -> None:
    async with api.stream("GET", "/js/comments.js", headers={"Accept-Encoding": "gzip"}) as answer:
        sent = b"".join([chunk async for chunk in answer.aiter_raw()])
    assert answer.headers["content-encoding"] == "gzip"
    assert len(sent) < MAX_GZIPPED


def test_script_is_minified_from_its_source() -> None:
    source = (widget.STATIC / "comments.js").read_bytes()
    served = widget.script().body
    assert len(served) < len(source) * 0.85
    assert b"/* Inkwell comments" not in served  # comments stripped


def test_script_names_no_other_host() -> None:
    served = widget.script().body.decode()
    # The only URLs are built from the script's own origin: no literal address anywhere.
    assert re.findall(r"https?://[\w.-]+", served) == []


def test_script_never_sets_a_cookie() -> None:
    assert "cookie" not in widget.script().body.decode().lower()


def test_script_links_the_versioned_stylesheet() -> None:
    assert widget.style_url().encode() in widget.script().body


async def test_script_is_served_as_javascript(api: AsyncClient) -> None:
    response = await api.get("/js/comments.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.content == widget.script().body
    assert response.headers["cross-origin-resource-policy"] == "cross-origin"


async def test_embedded_url_is_revalidated_hourly(api: AsyncClient) -> None:
    response = await api.get("/js/comments.js")
    assert response.headers["cache-control"] == "public, max-age=3600"
    again = await api.get("/js/comments.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


async def test_versioned_url_is_kept_for_a_year(api: AsyncClient) -> None:
    response = await api.get(widget.script_url())
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_stale_version_is_not_kept_for_a_year(api: AsyncClient) -> None:
    response = await api.get("/js/comments.js?v=0000")
    assert response.headers["cache-control"] == "public, max-age=3600"


async def test_stylesheet_is_served_as_css(api: AsyncClient) -> None:
    response = await api.get(widget.style_url())
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/css; charset=utf-8"
    assert b"prefers-color-scheme: dark" in response.content


async def test_script_is_compressed_for_browsers(api: AsyncClient) -> None:
    response = await api.get("/js/comments.js", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.content == widget.script().body  # httpx decodes it
