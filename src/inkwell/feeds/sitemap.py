"""Sitemaps (sitemaps.org 0.9) in the shape Ghost 6 serves at ``/sitemap.xml`` and its parts."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from datetime import datetime
from importlib.resources import files
from urllib.parse import urljoin, urlsplit

from ._dates import iso_millis
from ._xml import attributes, element
from .records import SitemapEntry

__all__ = [
    "SITEMAP_CONTENT_TYPE",
    "SITEMAP_XSL_CONTENT_TYPE",
    "sitemap_index",
    "sitemap_stylesheet_href",
    "sitemap_urlset",
    "sitemap_xsl",
]

SITEMAP_CONTENT_TYPE = "text/xml; charset=utf-8"
SITEMAP_XSL_CONTENT_TYPE = "text/xsl; charset=utf-8"

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"


def sitemap_stylesheet_href(site_url: str) -> str:
    """Where Ghost's sitemaps point their stylesheet: protocol-relative ``//host/sitemap.xsl``
    under the site root, so it loads over whichever scheme the sitemap was fetched with."""
    parts = urlsplit(site_url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"//{parts.netloc}{path}sitemap.xsl"


def _head(stylesheet_href: str | None) -> str:
    if stylesheet_href is None:
        return _DECLARATION
    instruction = attributes({"type": "text/xsl", "href": stylesheet_href})
    return f"{_DECLARATION}<?xml-stylesheet{instruction}?>"


def sitemap_index(
    site_url: str,
    parts: Sequence[tuple[str, datetime | None]],
    *,
    stylesheet_href: str | None = None,
) -> bytes:
    """Render a ``<sitemapindex>``: one ``<sitemap>`` per ``(name, lastmod)`` in ``parts``.

    ``name`` is a file name under the site root (``"sitemap-posts.xml"``) or an absolute URL;
    ``lastmod`` (omitted when None) is the newest change in that part. Ghost lists pages,
    posts, authors, tags, in that order. ``stylesheet_href`` adds an ``xml-stylesheet``
    processing instruction as Ghost does (see :func:`sitemap_stylesheet_href`).
    """
    root = site_url if site_url.endswith("/") else site_url + "/"
    out = [
        _head(stylesheet_href),
        f'<sitemapindex xmlns="{_SITEMAP_NS}">',
    ]
    for name, lastmod in parts:
        out.append("<sitemap>")
        out.append(element("loc", urljoin(root, name)))
        if lastmod is not None:
            out.append(element("lastmod", iso_millis(lastmod)))
        out.append("</sitemap>")
    out.append("</sitemapindex>")
    return "".join(out).encode("utf-8")


def sitemap_urlset(
    entries: Sequence[SitemapEntry],
    *,
    stylesheet_href: str | None = None,
) -> bytes:
    """Render a ``<urlset>`` of ``entries`` in the order given.

    Each entry's ``lastmod`` is written like Ghost's (``2026-11-25T07:57:54.000Z``); an
    entry with an ``image`` gets Google's ``image:image`` with the image URL and, as Ghost
    writes it, the image's file name as caption.
    """
    out = [
        _head(stylesheet_href),
        f'<urlset xmlns="{_SITEMAP_NS}" xmlns:image="{_IMAGE_NS}">',
    ]
    for entry in entries:
        out.append("<url>")
        out.append(element("loc", entry.loc))
        if entry.lastmod is not None:
            out.append(element("lastmod", iso_millis(entry.lastmod)))
        if entry.image:
            caption = posixpath.basename(urlsplit(entry.image).path)
            out.append("<image:image>")
            out.append(element("image:loc", entry.image))
            if caption:
                out.append(element("image:caption", caption))
            out.append("</image:image>")
        out.append("</url>")
    out.append("</urlset>")
    return "".join(out).encode("utf-8")


def sitemap_xsl() -> bytes:
    """Inkwell's own XSLT stylesheet that makes the sitemaps readable in a browser; serve it
    at the ``stylesheet_href`` given to the sitemap functions."""
    return files(__package__).joinpath("sitemap.xsl").read_bytes()
