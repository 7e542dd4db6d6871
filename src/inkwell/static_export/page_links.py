"""Pure: the same-site URLs a page, a feed or a sitemap points at."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree, html

_HTML_ATTRIBUTES = ("href", "src", "poster")


def site_path(url: str, page_url: str, site_url: str) -> str | None:
    """The path of ``url`` (resolved against ``page_url``) if it is on the site, else None."""
    absolute = urljoin(page_url, url.strip())
    parts, site = urlsplit(absolute), urlsplit(site_url)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc:
        return None
    return parts.path or "/"


def links_in_html(body: bytes, page_url: str, site_url: str) -> set[str]:
    """Every on-site path an HTML page links to or loads (href, src, srcset)."""
    try:
        document = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return set()
    found: set[str] = set()
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _HTML_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                found.add(value)
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                found.add(candidate.split()[0])
    return {p for url in found if (p := site_path(url, page_url, site_url)) is not None}


def links_in_xml(body: bytes, page_url: str, site_url: str) -> set[str]:
    """On-site paths named by a sitemap (``loc``) or a feed (``link``, ``url`` attributes)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return set()
    found: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("loc", "link") and element.text:
            found.add(element.text)
        for attribute in ("href", "url"):
            value = element.get(attribute)
            if value:
                found.add(value)
    return {p for url in found if (p := site_path(url, page_url, site_url)) is not None}
