"""Feeds: posts in, bytes out. RSS 2.0 (Ghost's shape), Atom 1.0, JSON Feed 1.1, sitemaps and
robots.txt. Pure functions: no database, no HTTP, no settings."""

from .atom import ATOM_CONTENT_TYPE, atom, atom_entry_id
from .html import absolutize_urls, truncate_html_words
from .jsonfeed import JSON_FEED_CONTENT_TYPE, JSON_FEED_VERSION, json_feed
from .records import FeedAuthor, FeedItem, FeedSite, SitemapEntry
from .robots import DEFAULT_DISALLOW, ROBOTS_CONTENT_TYPE, robots_txt
from .rss import RSS_CONTENT_TYPE, rss
from .sitemap import (
    SITEMAP_CONTENT_TYPE,
    SITEMAP_XSL_CONTENT_TYPE,
    sitemap_index,
    sitemap_stylesheet_href,
    sitemap_urlset,
    sitemap_xsl,
)

__all__ = [
    "ATOM_CONTENT_TYPE",
    "DEFAULT_DISALLOW",
    "JSON_FEED_CONTENT_TYPE",
    "JSON_FEED_VERSION",
    "ROBOTS_CONTENT_TYPE",
    "RSS_CONTENT_TYPE",
    "SITEMAP_CONTENT_TYPE",
    "SITEMAP_XSL_CONTENT_TYPE",
    "FeedAuthor",
    "FeedItem",
    "FeedSite",
    "SitemapEntry",
    "absolutize_urls",
    "atom",
    "atom_entry_id",
    "json_feed",
    "robots_txt",
    "rss",
    "sitemap_index",
    "sitemap_stylesheet_href",
    "sitemap_urlset",
    "sitemap_xsl",
    "truncate_html_words",
]
