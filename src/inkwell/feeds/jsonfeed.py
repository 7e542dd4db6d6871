"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from inkwell.render.text import plain_text

from ._dates import as_utc, rfc3339
from ._items import EXCERPT_WORDS, feature_image_url, feed_html, public_tags
from .html import truncate_html_words
from .records import FeedAuthor, FeedItem, FeedSite

__all__ = ["JSON_FEED_CONTENT_TYPE", "JSON_FEED_VERSION", "json_feed"]

JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(
    site: FeedSite,
    items: Sequence[FeedItem],
    *,
    feed_url: str,
    next_url: str | None = None,
) -> bytes:
    """Render a JSON Feed 1.1 document (UTF-8) of ``items`` in the order given.

    ``feed_url`` is this document's absolute URL; ``next_url`` the next page's, if any. The
    feed's ``authors`` are the distinct authors of the items, in order of appearance. Items
    carry the full HTML with absolute URLs, a plain-text summary and the feature image in
    ``image`` (not repeated inside the HTML: JSON Feed readers show ``image`` themselves).
    """
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": site.title,
        "home_page_url": site.url,
        "feed_url": feed_url,
    }
    if site.description:
        feed["description"] = site.description
    if next_url:
        feed["next_url"] = next_url
    feed["icon"] = site.icon_url
    feed["favicon"] = site.icon_url
    feed["language"] = site.language
    authors = _distinct_authors(items)
    if authors:
        feed["authors"] = [_author(a) for a in authors]
    feed["items"] = [_item(site, item) for item in items]
    # errors="replace": a lone surrogate in a title must not make the whole feed fail.
    return json.dumps(feed, ensure_ascii=False).encode("utf-8", errors="replace")


def _item(site: FeedSite, item: FeedItem) -> dict[str, Any]:
    content = feed_html(item)
    entry: dict[str, Any] = {
        "id": item.guid,
        "url": item.url,
        "title": item.title,
        "content_html": content,
    }
    summary = (
        item.custom_excerpt
        or item.meta_description
        or plain_text(truncate_html_words(content, EXCERPT_WORDS))
    )
    if summary:
        entry["summary"] = summary
    image = feature_image_url(site, item)
    if image is not None:
        entry["image"] = image
    entry["date_published"] = rfc3339(item.published_at)
    entry["date_modified"] = rfc3339(max(as_utc(item.updated_at), as_utc(item.published_at)))
    if item.authors:
        entry["authors"] = [_author(a) for a in item.authors]
    tags = public_tags(item.tags)
    if tags:
        entry["tags"] = tags
    return entry


def _author(author: FeedAuthor) -> dict[str, str]:
    data = {"name": author.name}
    if author.url:
        data["url"] = author.url
    return data


def _distinct_authors(items: Sequence[FeedItem]) -> list[FeedAuthor]:
    seen: dict[tuple[str, str], FeedAuthor] = {}
    for item in items:
        for author in item.authors:
            seen.setdefault((author.name, author.url), author)
    return list(seen.values())
