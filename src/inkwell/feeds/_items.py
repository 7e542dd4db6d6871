"""What every feed format derives from a post the same way: tags, content, excerpts."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urljoin

from inkwell.render.html_tokens import escape_attr

from .card_cleanup import tidy_cards
from .html import absolutize_urls, insert_before_first_p, truncate_html_words
from .records import FeedItem, FeedSite

EXCERPT_WORDS = 50  # Ghost's RSS description falls back to the first 50 words of the post


def public_tags(tags: Iterable[str]) -> list[str]:
    """Tag names a reader may see: Ghost never publishes internal ("#…") tags."""
    return [name for name in tags if name.strip() and not name.startswith("#")]


def feed_html(item: FeedItem) -> str:
    """The post HTML as feeds carry it: cards tidied, every URL absolute.

    URLs resolve against the post's own URL, which gives the same result as the site URL for
    the usual root-relative ``/content/...`` paths and the browser's result for the rest.
    """
    return absolutize_urls(tidy_cards(item.html), item.url)


def html_excerpt(item: FeedItem, content: str) -> str:
    """Ghost's RSS description: custom excerpt, else meta description, else 50 words of HTML."""
    return (
        item.custom_excerpt or item.meta_description or truncate_html_words(content, EXCERPT_WORDS)
    )


def feature_image_url(site: FeedSite, item: FeedItem) -> str | None:
    """The feature image as an absolute URL (relative ones are relative to the site)."""
    if not item.feature_image or not item.feature_image.strip():
        return None
    return urljoin(site.url, item.feature_image.strip())


def with_feature_image(content: str, image_url: str | None, alt: str) -> str:
    """``content`` with ``<img src alt>`` before its first paragraph, as Ghost's RSS has it
    for readers that ignore ``media:content``."""
    if image_url is None:
        return content
    tag = f'<img src="{escape_attr(image_url)}" alt="{escape_attr(alt)}">'
    return insert_before_first_p(content, tag)
