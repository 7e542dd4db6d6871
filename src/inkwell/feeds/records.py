"""Plain input records for the feed writers: the caller maps its posts onto these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["FeedAuthor", "FeedItem", "FeedSite", "SitemapEntry"]


@dataclass(frozen=True)
class FeedSite:
    """The site a feed belongs to."""

    title: str
    description: str
    url: str  # site root URL with a trailing slash, e.g. "http://127.0.0.1:8000/"
    icon_url: str  # absolute; Ghost points at the site URL + "favicon.png"
    generator: str  # e.g. "Inkwell 0.1"
    language: str = "en"


@dataclass(frozen=True)
class FeedAuthor:
    name: str
    url: str  # absolute URL of the author's archive page


@dataclass(frozen=True)
class FeedItem:
    """One published post as the feeds see it."""

    id: str  # the post's 24-hex id
    guid: str  # what to emit as guid: the post id, or the guid the post was imported with
    title: str
    url: str  # absolute permalink
    html: str  # full post HTML; relative URLs are made absolute by the writers
    custom_excerpt: str | None
    meta_description: str | None
    tags: tuple[str, ...]  # public tag names in order; "#internal" names are dropped anyway
    authors: tuple[FeedAuthor, ...]  # the first is the primary author
    published_at: datetime  # aware (naive values are taken as UTC)
    updated_at: datetime
    feature_image: str | None  # absolute, or relative to the site URL
    feature_image_alt: str | None = None


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of a sitemap; ``image`` adds Google's ``image:image`` extension."""

    loc: str
    lastmod: datetime | None
    image: str | None = None  # absolute URL of the page's main image
