"""Sitemaps: Ghost's bytes reproduced, plus the cases the demo site does not show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree

from inkwell.feeds import (
    SitemapEntry,
    sitemap_index,
    sitemap_stylesheet_href,
    sitemap_urlset,
    sitemap_xsl,
)

from .support import GHOST_SITE_URL, REFERENCE

SM = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
IMG = "{http://www.google.com/schemas/sitemap-image/1.1}"


def lastmod(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def test_ghost_index_is_reproduced_byte_for_byte() -> None:
    raw = (REFERENCE / "sitemap.xml").read_bytes()
    parts = [
        (node.findtext("s:loc", namespaces=SM) or "", node.findtext("s:lastmod", namespaces=SM))
        for node in etree.fromstring(raw).iterfind("s:sitemap", SM)
    ]
    assert parts[0][0] == GHOST_SITE_URL + "sitemap-pages.xml"
    names = [(loc.rsplit("/", 1)[1], lastmod(mod or "")) for loc, mod in parts]
    href = sitemap_stylesheet_href(GHOST_SITE_URL)
    assert sitemap_index(GHOST_SITE_URL, names, stylesheet_href=href) == raw


@pytest.mark.parametrize("part", ["posts", "pages", "tags", "authors"])
def test_ghost_urlsets_are_reproduced_byte_for_byte(part: str) -> None:
    raw = (REFERENCE / f"sitemap-{part}.xml").read_bytes()
    entries = [
        SitemapEntry(
            loc=node.findtext("s:loc", namespaces=SM) or "",
            lastmod=lastmod(node.findtext("s:lastmod", namespaces=SM) or ""),
        )
        for node in etree.fromstring(raw).iterfind("s:url", SM)
    ]
    assert entries
    out = sitemap_urlset(entries, stylesheet_href=sitemap_stylesheet_href(GHOST_SITE_URL))
    assert out == raw


def test_stylesheet_is_optional() -> None:
    out = sitemap_urlset([SitemapEntry("http://x.test/", None)])
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?><urlset ')
    assert b"xml-stylesheet" not in out
    assert b"xml-stylesheet" not in sitemap_index("http://x.test/", [])


def test_stylesheet_href_is_protocol_relative_under_the_site_root() -> None:
    assert sitemap_stylesheet_href("https://blog.test/") == "//blog.test/sitemap.xsl"
    assert sitemap_stylesheet_href("https://x.test:8443/blog") == "//x.test:8443/blog/sitemap.xsl"


def test_lastmod_is_utc_with_milliseconds_and_optional() -> None:
    entries = [
        SitemapEntry("http://x.test/a/", datetime(2026, 3, 1, 12, 0, 0, 81_999, tzinfo=UTC)),
        SitemapEntry(
            "http://x.test/b/", datetime(2026, 3, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
        ),
        SitemapEntry("http://x.test/c/", None),
    ]
    root = etree.fromstring(sitemap_urlset(entries))
    urls = root.findall("s:url", SM)
    assert [u.findtext("s:lastmod", namespaces=SM) for u in urls] == [
        "2026-03-01T12:00:00.081Z",
        "2026-03-01T12:00:00.000Z",
        None,
    ]


def test_image_entries_follow_ghost() -> None:
    entry = SitemapEntry(
        "http://x.test/post/",
        datetime(2026, 1, 1, tzinfo=UTC),
        image="http://x.test/content/images/2026/01/cover.png",
    )
    out = sitemap_urlset([entry])
    assert (
        b"<url><loc>http://x.test/post/</loc><lastmod>2026-01-01T00:00:00.000Z</lastmod>"
        b"<image:image><image:loc>http://x.test/content/images/2026/01/cover.png</image:loc>"
        b"<image:caption>cover.png</image:caption></image:image></url>"
    ) in out
    image = etree.fromstring(out).find(f"s:url/{IMG}image", SM)
    assert image is not None
    assert image.findtext(f"{IMG}loc") == "http://x.test/content/images/2026/01/cover.png"


def test_locations_are_escaped() -> None:
    out = sitemap_urlset([SitemapEntry("http://x.test/?a=1&b='2'", None)])
    assert b"<loc>http://x.test/?a=1&amp;b=&apos;2&apos;</loc>" in out
    assert (
        etree.fromstring(out).findtext("s:url/s:loc", namespaces=SM) == "http://x.test/?a=1&b='2'"
    )


def test_index_parts_resolve_against_the_site_root() -> None:
    out = sitemap_index(
        "https://x.test/blog",
        [("sitemap-posts.xml", None), ("https://cdn.test/sitemap-extra.xml", None)],
    )
    root = etree.fromstring(out)
    assert [s.findtext("s:loc", namespaces=SM) for s in root.iterfind("s:sitemap", SM)] == [
        "https://x.test/blog/sitemap-posts.xml",
        "https://cdn.test/sitemap-extra.xml",
    ]
    assert root.find("s:sitemap/s:lastmod", SM) is None


def test_empty_urlset_is_valid() -> None:
    root = etree.fromstring(sitemap_urlset([]))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert len(root) == 0


def test_stylesheet_renders_both_kinds_of_sitemap() -> None:
    transform = etree.XSLT(etree.fromstring(sitemap_xsl()))
    index = sitemap_index(
        "http://x.test/", [("sitemap-posts.xml", datetime(2026, 1, 2, tzinfo=UTC))]
    )
    page = str(transform(etree.fromstring(index)))
    assert "1 sitemaps" in page
    assert '<a href="http://x.test/sitemap-posts.xml">http://x.test/sitemap-posts.xml</a>' in page
    assert "2026-01-02 00:00" in page
    urlset = sitemap_urlset(
        [
            SitemapEntry("http://x.test/a/", None, image="http://x.test/i.png"),
            SitemapEntry("http://x.test/b/", None),
        ]
    )
    page = str(transform(etree.fromstring(urlset)))
    assert "2 addresses" in page
    assert '<a href="http://x.test/b/">http://x.test/b/</a>' in page
