"""The package's public surface, and content types that match what Ghost sends."""

from __future__ import annotations

import pytest

import inkwell.feeds as feeds

from .support import REFERENCE


def content_type(name: str) -> str:
    for line in (REFERENCE / f"{name}.headers").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        if key.lower() == "content-type":
            return value.strip()
    raise AssertionError(f"no Content-Type in {name}.headers")


@pytest.mark.parametrize(
    ("constant", "reference"),
    [
        ("RSS_CONTENT_TYPE", "rss.xml"),
        ("RSS_CONTENT_TYPE", "tag_rss.xml"),
        ("SITEMAP_CONTENT_TYPE", "sitemap.xml"),
        ("ROBOTS_CONTENT_TYPE", "robots.txt"),
    ],
)
def test_content_types_match_ghost(constant: str, reference: str) -> None:
    assert getattr(feeds, constant) == content_type(reference)


def test_other_content_types() -> None:
    assert feeds.ATOM_CONTENT_TYPE == "application/atom+xml; charset=utf-8"
    assert feeds.JSON_FEED_CONTENT_TYPE == "application/feed+json; charset=utf-8"
    assert feeds.SITEMAP_XSL_CONTENT_TYPE == "text/xsl; charset=utf-8"


def test_everything_exported_exists() -> None:
    assert set(feeds.__all__) >= {
        "FeedSite",
        "FeedAuthor",
        "FeedItem",
        "SitemapEntry",
        "rss",
        "atom",
        "json_feed",
        "sitemap_index",
        "sitemap_urlset",
        "robots_txt",
        "truncate_html_words",
        "absolutize_urls",
    }
    missing = [name for name in feeds.__all__ if not hasattr(feeds, name)]
    assert missing == []


def test_inputs_are_frozen() -> None:
    author = feeds.FeedAuthor("Ada", "http://x.test/author/ada/")
    with pytest.raises(AttributeError):
        author.name = "Bob"  # type: ignore[misc]
