"""RSS 2.0 in exactly the shape Ghost 6 serves at ``/rss/``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ._dates import rfc822
from ._items import feature_image_url, feed_html, html_excerpt, public_tags, with_feature_image
from ._xml import cdata, element, empty
from .records import FeedItem, FeedSite

__all__ = ["RSS_CONTENT_TYPE", "rss"]

RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8"

# Ghost's root element, namespace order and all: version sits between the declarations.
_RSS_OPEN = (
    '<rss xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"'
    ' xmlns:media="http://search.yahoo.com/mrss/">'
)


def rss(
    site: FeedSite,
    items: Sequence[FeedItem],
    *,
    self_url: str,
    last_build: datetime,
    title: str | None = None,
    description: str | None = None,
    link: str | None = None,
) -> bytes:
    """Render an RSS 2.0 feed, UTF-8, byte-compatible with Ghost's.

    ``items`` are written in the order given (the caller sorts newest first and pages).
    ``self_url`` is the feed's own absolute URL (``atom:link rel="self"``). ``title``,
    ``description`` and ``link`` override the site's values for the channel; for a tag or
    author feed Ghost uses ``title=f"{tag or author name} - {site.title}"`` and keeps the
    site's description and link.
    """
    channel_title = site.title if title is None else title
    channel_link = site.url if link is None else link
    # Like Ghost (npm "rss"), an empty description falls back to the title.
    channel_description = (site.description if description is None else description) or (
        channel_title
    )
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        _RSS_OPEN,
        "<channel>",
        f"<title>{cdata(channel_title)}</title>",
        f"<description>{cdata(channel_description)}</description>",
        element("link", channel_link),
        "<image>",
        element("url", site.icon_url),
        element("title", channel_title),
        element("link", channel_link),
        "</image>",
        element("generator", site.generator),
        element("lastBuildDate", rfc822(last_build)),
        empty("atom:link", href=self_url, rel="self", type="application/rss+xml"),
        element("ttl", "60"),
    ]
    parts.extend(_item(site, item) for item in items)
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def _item(site: FeedSite, item: FeedItem) -> str:
    content = feed_html(item)
    description = html_excerpt(item, content)
    image = feature_image_url(site, item)
    parts = ["<item>"]
    # Ghost (npm "rss") leaves out an empty title, description or author rather than emit "".
    if item.title:
        parts.append(f"<title>{cdata(item.title)}</title>")
    if description:
        parts.append(f"<description>{cdata(description)}</description>")
    parts.append(element("link", item.url))
    parts.append(element("guid", item.guid, isPermaLink="false"))
    parts.extend(f"<category>{cdata(name)}</category>" for name in public_tags(item.tags))
    if item.authors and item.authors[0].name:
        parts.append(f"<dc:creator>{cdata(item.authors[0].name)}</dc:creator>")
    parts.append(element("pubDate", rfc822(item.published_at)))
    if image is not None:
        parts.append(empty("media:content", url=image, medium="image"))
    # Ghost sets the alt of the image it inserts to the post title.
    content = with_feature_image(content, image, item.title)
    parts.append(f"<content:encoded>{cdata(content)}</content:encoded>")
    parts.append("</item>")
    return "".join(parts)
