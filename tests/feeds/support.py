"""Test inputs for the feed writers: factories, and Ghost's own feeds rebuilt as inputs.

``ghost_reference/`` holds what a real Ghost 6.64 served for the demo site (copied from the
project's shared reference capture): the RSS and sitemap tests render the same posts and
compare with those bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from lxml import etree

from inkwell.feeds import FeedAuthor, FeedItem, FeedSite
from inkwell.feeds.html import truncate_html_words

REFERENCE = Path(__file__).parent / "ghost_reference"
GHOST_SITE_URL = "http://127.0.0.1:2368/"
NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
}

ItemFactory = Callable[..., FeedItem]

ADA = FeedAuthor("Ada Example", "http://127.0.0.1:8000/author/ada/")
BOB = FeedAuthor("Bob Büchner", "http://127.0.0.1:8000/author/bob/")


def build_site(**overrides: Any) -> FeedSite:
    site = FeedSite(
        title="Ada's Workbench",
        description="Small notes on Python, databases & the habits around them.",
        url="http://127.0.0.1:8000/",
        icon_url="http://127.0.0.1:8000/favicon.png",
        generator="Inkwell 0.1",
    )
    return replace(site, **overrides)


def build_item(**overrides: Any) -> FeedItem:
    item = FeedItem(
        id="6b0695025a9772699b61dd5e",
        guid="6b0695025a9772699b61dd5e",
        title="Keeping a SQLite file healthy",
        url="http://127.0.0.1:8000/blog/2026/03/sqlite-healthy/",
        html=(
            '<p>My notes app lives in <a href="/tag/sqlite/">one SQLite file</a>.</p>'
            '<figure class="kg-card kg-image-card"><img src="/content/images/desk.png" '
            'class="kg-image" alt="A desk" srcset="/content/images/size/w600/desk.png 600w, '
            '/content/images/desk.png 1200w"></figure><p>It has never lost a row.</p>'
        ),
        custom_excerpt=None,
        meta_description=None,
        tags=("databases", "python"),
        authors=(ADA, BOB),
        published_at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
        updated_at=datetime(2026, 3, 20, 12, 30, 15, tzinfo=UTC),
        feature_image=None,
        feature_image_alt=None,
    )
    return replace(item, **overrides)


@dataclass(frozen=True)
class GhostFeed:
    """A reference RSS feed read back into the inputs that produce it."""

    raw: bytes
    site: FeedSite
    items: list[FeedItem]
    self_url: str
    last_build: datetime
    title: str


def read_ghost_feed(name: str) -> GhostFeed:
    """Rebuild the FeedItems behind ``ghost_reference/{name}`` from the XML itself.

    A description that is not the first 50 words of the content can only have been a
    custom excerpt, so it becomes one.
    """
    raw = (REFERENCE / name).read_bytes()
    channel = etree.fromstring(raw).find("channel")
    assert channel is not None
    items = []
    for node in channel.findall("item"):
        content = _text(node, "content:encoded")
        description = _text(node, "description")
        published = parsedate_to_datetime(_text(node, "pubDate"))
        items.append(
            FeedItem(
                id=_text(node, "guid"),
                guid=_text(node, "guid"),
                title=_text(node, "title"),
                url=_text(node, "link"),
                html=content,
                custom_excerpt=(
                    None if truncate_html_words(content, 50) == description else description
                ),
                meta_description=None,
                tags=tuple(c.text or "" for c in node.findall("category")),
                authors=(FeedAuthor(_text(node, "dc:creator"), GHOST_SITE_URL + "author/ada/"),),
                published_at=published,
                updated_at=published,
                feature_image=None,
            )
        )
    return GhostFeed(
        raw=raw,
        site=FeedSite(
            title="Ada's Workbench",
            description=_text(channel, "description"),
            url=_text(channel, "link"),
            icon_url=_text(channel, "image/url"),
            generator=_text(channel, "generator"),
        ),
        items=items,
        self_url=_attribute(channel, "atom:link", "href"),
        last_build=parsedate_to_datetime(_text(channel, "lastBuildDate")),
        title=_text(channel, "title"),
    )


def _text(node: etree._Element, path: str) -> str:
    found = node.find(path, NS)
    assert found is not None and found.text is not None, path
    return found.text


def _attribute(node: etree._Element, path: str, name: str) -> str:
    found = node.find(path, NS)
    assert found is not None, path
    value = found.get(name)
    assert value is not None, (path, name)
    return value
