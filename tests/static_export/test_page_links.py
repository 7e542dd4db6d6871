"""Link extraction for the static build."""

from __future__ import annotations

from inkwell.static_export.page_links import links_in_html, links_in_xml, site_path

SITE = "http://blog.test"


def test_site_path_keeps_on_site_urls_only() -> None:
    assert site_path("/a/", f"{SITE}/x/", SITE) == "/a/"
    assert site_path("b/", f"{SITE}/x/", SITE) == "/x/b/"
    assert site_path("https://elsewhere.org/a/", f"{SITE}/", SITE) is None
    assert site_path("mailto:a@b.c", f"{SITE}/", SITE) is None


def test_html_links_include_srcset_candidates() -> None:
    page = b'<a href="/p/">p</a><img src="/i.png" srcset="/i-600.png 600w, /i-1000.png 1000w">'
    assert links_in_html(page, f"{SITE}/", SITE) == {"/p/", "/i.png", "/i-600.png", "/i-1000.png"}


def test_fragments_and_queries_are_dropped() -> None:
    page = b'<a href="/p/#top">p</a><link href="/assets/s.css?v=1">'
    assert links_in_html(page, f"{SITE}/", SITE) == {"/p/", "/assets/s.css"}


def test_sitemap_locations_are_found() -> None:
    xml = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://blog.test/a/</loc></url></urlset>"
    )
    assert links_in_xml(xml, f"{SITE}/sitemap.xml", SITE) == {"/a/"}


def test_broken_xml_gives_no_links() -> None:
    assert links_in_xml(b"<urlset><loc>", f"{SITE}/", SITE) == set()
