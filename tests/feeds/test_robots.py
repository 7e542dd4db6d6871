"""robots.txt in Ghost's shape."""

from __future__ import annotations

from inkwell.feeds import DEFAULT_DISALLOW, robots_txt

from .support import GHOST_SITE_URL, REFERENCE

GHOST_DISALLOW = (
    "/ghost/",
    "/email/",
    "/members/api/comments/counts/",
    "/r/",
    "/webmentions/receive/",
    "/.ghost/analytics/api/",
)


def test_ghost_file_is_reproduced_byte_for_byte() -> None:
    expected = (REFERENCE / "robots.txt").read_text(encoding="utf-8")
    assert robots_txt(GHOST_SITE_URL, GHOST_DISALLOW) == expected


def test_default_rules() -> None:
    assert robots_txt("https://blog.test/") == (
        "User-agent: *\n"
        "Sitemap: https://blog.test/sitemap.xml\n"
        "Disallow: /ghost/\n"
        "Disallow: /admin/\n"
        "Disallow: /email/\n"
        "Disallow: /members/api/comments/counts/\n"
        "Disallow: /r/\n"
        "Disallow: /webmentions/receive/\n"
    )
    assert "/admin/" in DEFAULT_DISALLOW


def test_sitemap_url_with_or_without_trailing_slash() -> None:
    assert "Sitemap: https://x.test/blog/sitemap.xml\n" in robots_txt("https://x.test/blog")
    assert "Sitemap: https://x.test/blog/sitemap.xml\n" in robots_txt("https://x.test/blog/")


def test_no_disallow_rules() -> None:
    assert robots_txt("https://x.test/", ()) == (
        "User-agent: *\nSitemap: https://x.test/sitemap.xml\n"
    )


def test_line_breaks_cannot_inject_directives() -> None:
    text = robots_txt("https://x.test/", ["/a/\nAllow: /secret/", "/b/\r\n"])
    assert text.splitlines()[2:] == ["Disallow: /a/Allow: /secret/", "Disallow: /b/"]
