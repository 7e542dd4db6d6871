"""URL checks: schemes and hosts as browsers read them, ?ref= tagging."""

from __future__ import annotations

import pytest

from inkwell.render.urls import (
    add_ref,
    iframe_src_allowed,
    is_http_url,
    is_safe_url,
    site_host,
    url_host,
)

SITE = "https://www.myblog.example"
HOSTS = frozenset({"www.youtube.com"})


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:x", "java\tscript:x", "\x01vbscript:x", "data:x"]
)
def test_dangerous_schemes_are_unsafe(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["https://a.b/", "http://a.b", "mailto:a@b.c", "/x", "#f", "x.png"])
def test_ordinary_urls_are_safe(url: str) -> None:
    assert is_safe_url(url)


def test_is_http_url_needs_a_host() -> None:
    assert is_http_url("https://example.com/x")
    assert not is_http_url("https:example.com")
    assert not is_http_url("//example.com/x")
    assert not is_http_url("ftp://example.com/")


def test_url_host_handles_scheme_relative_and_rejects_backslashes() -> None:
    assert url_host("//WWW.YouTube.com/embed/x") == "www.youtube.com"
    assert url_host("https://www.youtube.com\\@evil.example/") is None
    assert url_host("https://[::1") is None


def test_iframe_src_allowed_checks_the_real_host() -> None:
    assert iframe_src_allowed("https://www.youtube.com/embed/x", HOSTS)
    assert iframe_src_allowed(" https://www.you\ttube.com/embed/x", HOSTS)
    assert not iframe_src_allowed("https://evil.example/#www.youtube.com", HOSTS)
    assert not iframe_src_allowed("https://www.youtube.com.evil.example/", HOSTS)
    assert not iframe_src_allowed("javascript://www.youtube.com/%0aalert(1)", HOSTS)


def test_site_host_drops_www() -> None:
    assert site_host("https://www.myblog.example:8443/blog/") == "myblog.example"


def test_add_ref_to_outbound_link() -> None:
    assert add_ref("https://other.example/a", SITE) == "https://other.example/a?ref=myblog.example"


def test_add_ref_keeps_query_and_fragment() -> None:
    assert (
        add_ref("https://other.example/a?x=1&y=2#top", SITE)
        == "https://other.example/a?x=1&y=2&ref=myblog.example#top"
    )


def test_add_ref_after_empty_query() -> None:
    assert add_ref("https://other.example/?", SITE) == "https://other.example/?ref=myblog.example"


@pytest.mark.parametrize(
    "url",
    [
        "https://myblog.example/post/",  # internal (www. ignored)
        "http://WWW.MYBLOG.EXAMPLE/x",
        "https://other.example/?ref=someone",  # never twice
        "https://other.example/?utm_source=news",
        "mailto:a@b.c",
        "/relative",
        "#anchor",
    ],
)
def test_add_ref_leaves_other_links_alone(url: str) -> None:
    assert add_ref(url, SITE) is None
