"""The excerpt a feed carries reads the same words as the one the site shows for the post."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree

from inkwell import feeds, render
from inkwell.content.demo import demo_posts
from inkwell.site.feed_routes import feed_item
from inkwell.site.seo import post_description
from inkwell.site.views import card_excerpt
from tests.site.builders import post

from .support import build_site

SITE_URL = "http://127.0.0.1:8000"
POST_URL = f"{SITE_URL}/blog/2026/03/cards/"
OPTIONS = render.RenderOptions(site_url=SITE_URL)

# A post that opens with the cards whose chrome feeds drop (bookmark metadata and thumbnail,
# audio and video player controls), in Ghost's own markup.
CARD_RICH_HTML = (
    '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
    'href="https://example.test/guide"><div class="kg-bookmark-content">'
    '<div class="kg-bookmark-title">A field guide</div>'
    '<div class="kg-bookmark-description">Everything about moths &amp; lamps.</div>'
    '<div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="/i.png" alt="">'
    '<span class="kg-bookmark-author">Ada Example</span>'
    '<span class="kg-bookmark-publisher">Moth Weekly</span></div></div>'
    '<div class="kg-bookmark-thumbnail"><img src="/t.png" alt=""></div></a></figure>'
    '<div class="kg-card kg-audio-card"><img src="/a.png" alt="audio-thumbnail" '
    'class="kg-audio-thumbnail"><div class="kg-audio-player-container">'
    '<audio src="/content/media/ep1.mp3" preload="metadata"></audio>'
    '<div class="kg-audio-title">Episode one</div><div class="kg-audio-player">'
    '<button class="kg-audio-play-icon">Play</button>'
    '<span class="kg-audio-current-time">0:00</span>'
    '<div class="kg-audio-time">/<span class="kg-audio-duration">12:34</span></div>'
    "</div></div></div>"
    '<figure class="kg-card kg-video-card"><div class="kg-video-container">'
    '<video src="/content/media/clip.mp4" poster="/p.png" width="640" height="360"></video>'
    '<div class="kg-video-overlay"><button class="kg-video-large-play-icon">Play</button></div>'
    '<div class="kg-video-player-container"><div class="kg-video-player">'
    '<span class="kg-video-current-time">0:00</span></div></div></div></figure>'
    "<p>After the cards, the words of the post itself go on for a while: "
    + " ".join(f"word{n}" for n in range(60))
    + ".</p>"
)


def demo_sources() -> list[tuple[str, str]]:
    return [(data.title, data.source) for data in demo_posts("Ada Example")]


def excerpts(html: str) -> tuple[str, str, str]:
    """(card excerpt, meta description, RSS description as text) of a post without excerpts."""
    row = post(html=html, plaintext_excerpt=render.excerpt(html), custom_excerpt=None)
    item = feed_item(row, POST_URL, SITE_URL)
    built = datetime(2026, 3, 18, tzinfo=UTC)
    xml = feeds.rss(build_site(), [item], self_url=f"{SITE_URL}/rss/", last_build=built)
    description = etree.fromstring(xml).findtext("channel/item/description") or ""
    return card_excerpt(row), post_description(row), render.plain_text(description)


def same_words(first: str, second: str) -> bool:
    """Both excerpts start the same text: the shorter, without its "…", begins the longer."""
    shorter, longer = sorted((first.removesuffix("…"), second.removesuffix("…")), key=len)
    return len(shorter.split()) >= 10 and longer.startswith(shorter)


@pytest.mark.parametrize(("title", "source"), demo_sources())
def test_demo_post_excerpts_agree_on_the_page_and_in_the_feed(title: str, source: str) -> None:
    card, meta, feed = excerpts(render.render_markdown(source, OPTIONS))
    assert same_words(card, feed), (card, feed)
    assert same_words(meta, feed), (meta, feed)


def test_card_rich_post_excerpts_agree_on_the_page_and_in_the_feed() -> None:
    html = render.render_html(CARD_RICH_HTML, OPTIONS, trusted=True)
    card, meta, feed = excerpts(html)
    assert same_words(card, feed), (card, feed)
    assert same_words(meta, feed), (meta, feed)
    assert "Moth Weekly" not in card + feed  # bookmark metadata is chrome, on both sides
    assert "Everything about moths & lamps." in card + feed
