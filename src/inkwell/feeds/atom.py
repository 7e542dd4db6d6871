"""Atom 1.0 (RFC 4287): Ghost has no Atom feed; this one carries the same data as the RSS."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from ._dates import as_utc, rfc3339
from ._items import (
    EXCERPT_WORDS,
    feature_image_url,
    feed_html,
    public_tags,
    with_feature_image,
)
from ._xml import attributes, element, empty
from .html import truncate_html_words
from .records import FeedItem, FeedSite

__all__ = ["ATOM_CONTENT_TYPE", "atom", "atom_entry_id"]

ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def atom_entry_id(guid: str) -> str:
    """A stable Atom ``id`` (an IRI) for an entry.

    An imported guid that already is an IRI (``http:``, ``tag:``, ``urn:``…) is kept, so
    readers do not see imported posts as new; a bare post id becomes a name-based UUID URN,
    which never changes when the post's slug, date or the site's domain does.
    """
    scheme, sep, rest = guid.partition(":")
    if sep and rest and scheme.isascii() and scheme.replace("+", "").replace("-", "").isalnum():
        return guid
    return uuid.uuid5(uuid.NAMESPACE_URL, f"inkwell:post:{guid}").urn


def atom(
    site: FeedSite,
    items: Sequence[FeedItem],
    *,
    self_url: str,
    updated: datetime,
) -> bytes:
    """Render an Atom 1.0 feed (UTF-8) of ``items`` in the order given.

    The feed id is the site URL; ``self_url`` is the feed's own absolute URL and ``updated``
    the time of the newest change the feed reflects. Entries carry the full HTML (absolute
    URLs, feature image first, as in the RSS feed) and a summary: the custom excerpt or meta
    description as text, else the first 50 words of the post as HTML.
    """
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom"{attributes({"xml_lang": site.language})}>',
        element("id", site.url),
        element("title", site.title),
    ]
    if site.description:
        parts.append(element("subtitle", site.description))
    parts += [
        empty("link", rel="alternate", type="text/html", href=site.url),
        empty("link", rel="self", type="application/atom+xml", href=self_url),
        element("updated", rfc3339(updated)),
        element("generator", site.generator),
        element("icon", site.icon_url),
    ]
    parts.extend(_entry(site, item) for item in items)
    parts.append("</feed>")
    return "".join(parts).encode("utf-8")


def _entry(site: FeedSite, item: FeedItem) -> str:
    content = feed_html(item)
    image = feature_image_url(site, item)
    parts = [
        "<entry>",
        element("id", atom_entry_id(item.guid)),
        element("title", item.title),
        empty("link", rel="alternate", type="text/html", href=item.url),
        element("published", rfc3339(item.published_at)),
        element("updated", rfc3339(max(as_utc(item.updated_at), as_utc(item.published_at)))),
    ]
    for author in item.authors:
        uri = element("uri", author.url) if author.url else ""
        parts.append(f"<author>{element('name', author.name)}{uri}</author>")
    parts.extend(empty("category", term=name) for name in public_tags(item.tags))
    # Excerpts written by the author are plain text; the fallback is a slice of the HTML.
    plain = item.custom_excerpt or item.meta_description
    if plain:
        parts.append(element("summary", plain, type="text"))
    else:
        summary = truncate_html_words(content, EXCERPT_WORDS)
        if summary:
            parts.append(element("summary", summary, type="html"))
    body = with_feature_image(content, image, item.feature_image_alt or item.title)
    parts.append(element("content", body, type="html", xml_base=item.url))
    parts.append("</entry>")
    return "".join(parts)
