"""``robots.txt`` in Ghost's shape."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DEFAULT_DISALLOW", "ROBOTS_CONTENT_TYPE", "robots_txt"]

ROBOTS_CONTENT_TYPE = "text/plain"  # what Ghost sends: no charset, the file is ASCII

# Ghost's list, with Inkwell's admin added (Ghost's own analytics path has no counterpart).
DEFAULT_DISALLOW: tuple[str, ...] = (
    "/ghost/",
    "/admin/",
    "/email/",
    "/members/api/comments/counts/",
    "/r/",
    "/webmentions/receive/",
)


def robots_txt(site_url: str, disallow: Sequence[str] = DEFAULT_DISALLOW) -> str:
    """``User-agent: *``, the sitemap index URL, then one ``Disallow:`` line per path.

    Every line ends with a newline, as in Ghost's file.
    """
    sitemap = site_url.rstrip("/") + "/sitemap.xml"
    # A line break inside a value would smuggle in a directive of its own.
    paths = ("".join(path.splitlines()) for path in disallow)
    lines = ["User-agent: *", f"Sitemap: {sitemap}", *(f"Disallow: {path}" for path in paths)]
    return "".join(line + "\n" for line in lines)
