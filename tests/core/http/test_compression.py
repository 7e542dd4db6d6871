"""Content negotiation and compression."""

from __future__ import annotations

import gzip

import brotli
import pytest
import zstandard

from inkwell.core.http.compression import compress, is_compressible, negotiate


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", "identity"),
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("gzip, zstd", "zstd"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0.5, br;q=0.4", "gzip"),
        ("*", "br"),
        ("identity", "identity"),
        ("gzip;q=nonsense", "identity"),
    ],
)
def test_negotiate_picks_the_best_accepted(header: str, expected: str) -> None:
    assert negotiate(header) == expected


@pytest.mark.parametrize("dense", [True, False])
def test_every_encoding_round_trips(dense: bool) -> None:
    body = b"<p>hello</p>" * 200
    assert gzip.decompress(compress(body, "gzip", dense=dense)) == body
    assert brotli.decompress(compress(body, "br", dense=dense)) == body
    assert zstandard.ZstdDecompressor().decompress(compress(body, "zstd", dense=dense)) == body


def test_gzip_output_is_reproducible() -> None:
    assert compress(b"x" * 1000, "gzip") == compress(b"x" * 1000, "gzip")


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/html; charset=utf-8", True),
        ("application/rss+xml", True),
        ("application/feed+json", True),
        ("image/png", False),
        ("", False),
    ],
)
def test_only_text_like_types_are_compressed(content_type: str, expected: bool) -> None:
    assert is_compressible(content_type) is expected
