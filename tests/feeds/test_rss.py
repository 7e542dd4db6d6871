"""RSS 2.0: Ghost's exact shape, checked against a real Ghost feed and through feedparser."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import feedparser
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from inkwell.feeds import FeedAuthor, FeedSite, rss

from .support import NS, ItemFactory, build_item, build_site, read_ghost_feed

SELF_URL = "http://127.0.0.1:8000/rss/"
BUILT = datetime(2026, 11, 25, 7, 57, 57, tzinfo=UTC)

# One XML token: CDATA section, processing instruction/declaration, tag, or text.
_XML_TOKEN = re.compile(rb"<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<[^>]*>|[^<]+", re.DOTALL)
_TAG = re.compile(rb"<(/?)([\w:.-]+)((?:\s+[\w:.-]+=\"[^\"]*\")*)\s*(/?)>")
_ATTR = re.compile(rb"([\w:.-]+)=\"([^\"]*)\"")
# Attribute values that are part of the shape rather than data.
_SHAPE_ATTRS = {b"isPermaLink", b"rel", b"type", b"medium", b"version"}


def skeleton(xml: bytes) -> list[tuple[bytes, ...]]:
    """The document's shape: tags with their attribute names (and the values that are fixed
    by the format), in order, with text and CDATA reduced to markers. Adjacent CDATA sections
    (a split "]]>") count as one."""
    out: list[tuple[bytes, ...]] = []
    for token in _XML_TOKEN.findall(xml):
        if token.startswith(b"<![CDATA["):
            if not out or out[-1] != (b"CDATA",):
                out.append((b"CDATA",))
        elif token.startswith(b"<?"):
            out.append((b"PI", token.split()[0]))
        elif token.startswith(b"<"):
            tag = _TAG.fullmatch(token)
            assert tag is not None, token
            closing, name, attrs, empty = tag.groups()
            shape = b" ".join(
                k + (b"=" + v if k in _SHAPE_ATTRS or k.startswith(b"xmlns") else b"")
                for k, v in _ATTR.findall(attrs)
            )
            out.append((b"/" if closing else b"", name, shape, empty))
        else:
            out.append((b"TEXT",))
    return out


def parse(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize(
    ("name", "title"),
    [("rss.xml", None), ("tag_rss.xml", "python - Ada's Workbench")],
)
def test_ghost_reference_feed_is_reproduced_byte_for_byte(name: str, title: str | None) -> None:
    ghost = read_ghost_feed(name)
    assert ghost.site.generator == "Ghost 6.64"
    out = rss(
        ghost.site,
        ghost.items,
        self_url=ghost.self_url,
        last_build=ghost.last_build,
        title=title,
    )
    assert out == ghost.raw


@pytest.mark.parametrize("name", ["rss.xml", "tag_rss.xml"])
def test_inkwell_values_keep_ghosts_shape(name: str) -> None:
    ghost = read_ghost_feed(name)
    site = replace(ghost.site, generator="Inkwell 0.1")
    out = rss(
        site,
        ghost.items,
        self_url=ghost.self_url,
        last_build=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC),
        title=ghost.title,
    )
    assert skeleton(out) == skeleton(ghost.raw)
    # Only the values that legitimately differ did differ.
    ours, theirs = etree.fromstring(out), etree.fromstring(ghost.raw)
    differing = [
        a.tag
        for a, b in zip(ours.iter(), theirs.iter(), strict=True)
        if (a.text, list(a.attrib.items())) != (b.text, list(b.attrib.items()))
    ]
    assert differing == ["generator", "lastBuildDate"]
    assert ours.findtext("channel/generator") == "Inkwell 0.1"
    assert ours.findtext("channel/lastBuildDate") == "Wed, 02 Jan 2030 03:04:05 GMT"


def test_document_prologue_and_channel_are_ghosts(site: FeedSite, make_item: ItemFactory) -> None:
    out = rss(site, [make_item()], self_url=SELF_URL, last_build=BUILT).decode()
    assert out.startswith(
        '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"'
        ' xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        "<title><![CDATA[Ada's Workbench]]></title>"
        "<description><![CDATA[Small notes on Python, databases & the habits around them.]]>"
        "</description><link>http://127.0.0.1:8000/</link>"
        "<image><url>http://127.0.0.1:8000/favicon.png</url><title>Ada&apos;s Workbench</title>"
        "<link>http://127.0.0.1:8000/</link></image><generator>Inkwell 0.1</generator>"
        "<lastBuildDate>Wed, 25 Nov 2026 07:57:57 GMT</lastBuildDate>"
        '<atom:link href="http://127.0.0.1:8000/rss/" rel="self" type="application/rss+xml"/>'
        "<ttl>60</ttl><item>"
    )
    assert out.endswith("</item></channel></rss>")
    assert "\n<" not in out.split("<item>")[0]  # no pretty-printing, like Ghost


def test_every_field_through_feedparser(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(
        custom_excerpt="Four settings and two habits.",
        feature_image="/content/images/2026/03/cover.png",
    )
    parsed = parse(rss(site, [item], self_url=SELF_URL, last_build=BUILT))
    feed = parsed.feed
    assert parsed.version == "rss20"
    assert feed.title == "Ada's Workbench"
    assert feed.subtitle == "Small notes on Python, databases & the habits around them."
    assert feed.link == "http://127.0.0.1:8000/"
    assert feed.image.href == "http://127.0.0.1:8000/favicon.png"
    assert feed.image.title == "Ada's Workbench"
    assert feed.generator == "Inkwell 0.1"
    assert feed.ttl == "60"
    assert calendar.timegm(feed.updated_parsed) == BUILT.timestamp()
    assert {"href": SELF_URL, "rel": "self", "type": "application/rss+xml"} in feed.links

    [entry] = parsed.entries
    assert entry.title == "Keeping a SQLite file healthy"
    assert entry.link == item.url
    assert entry.id == "6b0695025a9772699b61dd5e"
    assert entry.guidislink is False
    assert [t.term for t in entry.tags] == ["databases", "python"]
    assert entry.author == "Ada Example"  # the primary author only
    assert calendar.timegm(entry.published_parsed) == item.published_at.timestamp()
    assert entry.summary == "Four settings and two habits."
    cover = "http://127.0.0.1:8000/content/images/2026/03/cover.png"
    assert entry.media_content == [{"url": cover, "medium": "image"}]
    # feedparser sanitises (reorders attributes), so check it semantically...
    html = entry.content[0].value
    assert entry.content[0].type == "text/html"
    assert f'src="{cover}"' in html
    assert 'href="http://127.0.0.1:8000/tag/sqlite/"' in html
    # ...and the exact bytes with a plain XML parser.
    raw = etree.fromstring(rss(site, [item], self_url=SELF_URL, last_build=BUILT))
    content = raw.findtext("channel/item/content:encoded", namespaces=NS)
    assert content is not None
    assert content.startswith(f'<img src="{cover}" alt="Keeping a SQLite file healthy"><p>')


def test_item_element_order_matches_ghost_with_feature_image(
    site: FeedSite, make_item: ItemFactory
) -> None:
    out = rss(
        site,
        [make_item(feature_image="http://cdn.test/a.png")],
        self_url=SELF_URL,
        last_build=BUILT,
    )
    item = etree.fromstring(out).find("channel/item")
    assert item is not None
    names = [etree.QName(child).localname for child in item]
    assert names == [
        "title",
        "description",
        "link",
        "guid",
        "category",
        "category",
        "creator",
        "pubDate",
        "content",  # media:content
        "encoded",
    ]
    media = item.find("media:content", NS)
    assert media is not None
    assert list(media.attrib.items()) == [("url", "http://cdn.test/a.png"), ("medium", "image")]
    assert b'<media:content url="http://cdn.test/a.png" medium="image"/>' in out
    for name in ("title", "description", "category", "dc:creator", "content:encoded"):
        assert re.search(rf"<{name}><!\[CDATA\[".encode(), out), name


def test_feature_image_goes_before_the_first_paragraph_even_when_nested(
    site: FeedSite, make_item: ItemFactory
) -> None:
    html = '<h2 id="x">Intro</h2><blockquote><p>Quote</p></blockquote><p>Body</p>'
    item = make_item(html=html, feature_image="/c.png", title='Say "hi" & <bye>')
    out = rss(site, [item], self_url=SELF_URL, last_build=BUILT)
    content = etree.fromstring(out).findtext("channel/item/content:encoded", namespaces=NS)
    assert content == (
        '<h2 id="x">Intro</h2><blockquote>'
        '<img src="http://127.0.0.1:8000/c.png" alt="Say &quot;hi&quot; &amp; &lt;bye&gt;">'
        "<p>Quote</p></blockquote><p>Body</p>"
    )


def test_feature_image_without_any_paragraph_goes_first(
    site: FeedSite, make_item: ItemFactory
) -> None:
    item = make_item(html="<pre><code>x = 1</code></pre>", feature_image="/c.png")
    out = rss(site, [item], self_url=SELF_URL, last_build=BUILT)
    content = etree.fromstring(out).findtext("channel/item/content:encoded", namespaces=NS)
    assert content == (
        '<img src="http://127.0.0.1:8000/c.png" alt="Keeping a SQLite file healthy">'
        "<pre><code>x = 1</code></pre>"
    )


def test_no_feature_image_means_no_media_and_untouched_images(
    site: FeedSite, make_item: ItemFactory
) -> None:
    out = rss(site, [make_item()], self_url=SELF_URL, last_build=BUILT)
    assert b"media:content url" not in out
    content = etree.fromstring(out).findtext("channel/item/content:encoded", namespaces=NS)
    assert content is not None
    assert content.startswith("<p>My notes app")
    assert 'alt="A desk"' in content  # Ghost would overwrite every alt with the title; we don't


@pytest.mark.parametrize(
    ("custom", "meta", "expected"),
    [
        ("Custom excerpt.", "Meta description.", "Custom excerpt."),
        (None, "Meta description.", "Meta description."),
        ("", "Meta description.", "Meta description."),
        (None, None, '<p>My notes app lives in <a href="http://127.0.0.1:8000/tag/sqlite/">'),
    ],
)
def test_description_precedence(
    site: FeedSite, make_item: ItemFactory, custom: str | None, meta: str | None, expected: str
) -> None:
    item = make_item(custom_excerpt=custom, meta_description=meta)
    out = rss(site, [item], self_url=SELF_URL, last_build=BUILT)
    description = etree.fromstring(out).findtext("channel/item/description")
    assert description is not None
    assert description.startswith(expected)
    if custom is None and meta is None:
        assert description.endswith("It has never lost a row.</p>")


def test_long_post_description_is_fifty_words_with_tags_closed(
    site: FeedSite, make_item: ItemFactory
) -> None:
    words = " ".join(f"w{i}" for i in range(80))
    item = make_item(html=f"<p><em>{words}</em> tail</p><p>more</p>")
    out = rss(site, [item], self_url=SELF_URL, last_build=BUILT)
    description = etree.fromstring(out).findtext("channel/item/description")
    assert description == "<p><em>" + " ".join(f"w{i}" for i in range(50)) + "</em></p>"


def test_internal_tags_are_never_emitted(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(tags=("#hidden", "python", "#import-2024", "  ", "c#"))
    parsed = parse(rss(site, [item], self_url=SELF_URL, last_build=BUILT))
    assert [t.term for t in parsed.entries[0].tags] == ["python", "c#"]


def test_cdata_terminator_in_content_and_title_survives(
    site: FeedSite, make_item: ItemFactory
) -> None:
    html = "<p>Arrays: a[b[0]]>c and ]]> again</p><pre><code>x]]]>y</code></pre>"
    item = make_item(html=html, title="What ]]> means")
    out = rss(site, [item], self_url=SELF_URL, last_build=BUILT)
    assert b"]]]]><![CDATA[>" in out
    root = etree.fromstring(out)
    assert root.findtext("channel/item/content:encoded", namespaces=NS) == html
    assert root.findtext("channel/item/title") == "What ]]> means"
    entry = parse(out).entries[0]
    assert entry.title == "What ]]> means"
    assert "]]> again" in entry.content[0].value


def test_relative_urls_become_absolute(site: FeedSite, make_item: ItemFactory) -> None:
    html = (
        '<p><a href="/about/">About</a> <a href="#notes">notes</a> '
        '<a href="https://elsewhere.test/x">out</a> <a href="mailto:a@b.test">mail</a></p>'
        '<img src="/content/images/a.png" srcset="/content/images/size/w600/a.png 600w, '
        '/content/images/a.png 1200w">'
    )
    out = rss(site, [make_item(html=html)], self_url=SELF_URL, last_build=BUILT)
    content = etree.fromstring(out).findtext("channel/item/content:encoded", namespaces=NS)
    assert content == (
        '<p><a href="http://127.0.0.1:8000/about/">About</a> '
        '<a href="http://127.0.0.1:8000/blog/2026/03/sqlite-healthy/#notes">notes</a> '
        '<a href="https://elsewhere.test/x">out</a> <a href="mailto:a@b.test">mail</a></p>'
        '<img src="http://127.0.0.1:8000/content/images/a.png" '
        'srcset="http://127.0.0.1:8000/content/images/size/w600/a.png 600w, '
        'http://127.0.0.1:8000/content/images/a.png 1200w">'
    )


def test_bookmark_cards_are_tidied_like_ghost(site: FeedSite, make_item: ItemFactory) -> None:
    html = (
        '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
        'href="https://sqlite.org/wal.html"><div class="kg-bookmark-content">'
        '<div class="kg-bookmark-title">WAL</div>'
        '<div class="kg-bookmark-description">How it works.</div>'
        '<div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="/i.png">'
        '<span class="kg-bookmark-author">SQLite</span></div></div>'
        '<div class="kg-bookmark-thumbnail"><img src="/t.png" alt=""></div></a></figure>'
    )
    out = rss(site, [make_item(html=html)], self_url=SELF_URL, last_build=BUILT)
    content = etree.fromstring(out).findtext("channel/item/content:encoded", namespaces=NS)
    assert content == (
        '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
        'href="https://sqlite.org/wal.html"><div class="kg-bookmark-content">'
        '<div class="kg-bookmark-title">WAL</div>'
        '<small><div class="kg-bookmark-description">How it works.</div></small>'
        "</div></a></figure>"
    )


def test_empty_feed_is_a_complete_channel(site: FeedSite) -> None:
    out = rss(site, [], self_url=SELF_URL, last_build=BUILT)
    parsed = parse(out)
    assert parsed.entries == []
    assert parsed.feed.title == "Ada's Workbench"
    assert out.endswith(b"<ttl>60</ttl></channel></rss>")


def test_unicode_and_markup_characters_round_trip(site: FeedSite, make_item: ItemFactory) -> None:
    title = "Ünïcødé 🐍 — 日本語, עברית & <tags> \"quoted\" 'single'"
    author = FeedAuthor("Zoë O'Brien", "http://127.0.0.1:8000/author/zoe/")
    item = make_item(title=title, authors=(author,), tags=("café", "🐍"))
    custom_site = replace(site, title="Café & Crème 🍰")
    out = rss(custom_site, [item], self_url=SELF_URL, last_build=BUILT)
    out.decode("utf-8")
    assert "<title>Café &amp; Crème 🍰</title>".encode() in out  # image title: escaped text
    parsed = parse(out)
    assert parsed.feed.title == "Café & Crème 🍰"
    entry = parsed.entries[0]
    assert entry.title == title
    assert entry.author == "Zoë O'Brien"
    assert [t.term for t in entry.tags] == ["café", "🐍"]


def test_characters_xml_forbids_are_dropped(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(title="Bell\x07 and \x00null", html="<p>form\x0cfeed \ud800 text</p>")
    out = rss(site, [item], self_url=SELF_URL, last_build=BUILT)
    root = etree.fromstring(out)
    assert root.findtext("channel/item/title") == "Bell and null"
    assert root.findtext("channel/item/content:encoded", namespaces=NS) == "<p>formfeed  text</p>"
    parse(out)


def test_dates_are_rfc822_gmt_whatever_the_input_zone(
    site: FeedSite, make_item: ItemFactory
) -> None:
    plus_two = timezone(timedelta(hours=2))
    items = [
        make_item(published_at=datetime(2026, 3, 16, 11, 0, 0, 999, tzinfo=plus_two)),
        make_item(published_at=datetime(2025, 12, 3, 8, 5, 9)),  # naive: taken as UTC
    ]
    out = rss(site, items, self_url=SELF_URL, last_build=datetime(2026, 1, 1, tzinfo=plus_two))
    root = etree.fromstring(out)
    assert [e.text for e in root.iterfind("channel/item/pubDate")] == [
        "Mon, 16 Mar 2026 09:00:00 GMT",
        "Wed, 03 Dec 2025 08:05:09 GMT",
    ]
    assert root.findtext("channel/lastBuildDate") == "Wed, 31 Dec 2025 22:00:00 GMT"


def test_authors_only_primary_and_none_at_all(site: FeedSite, make_item: ItemFactory) -> None:
    out = rss(
        site,
        [make_item(), make_item(authors=())],
        self_url=SELF_URL,
        last_build=BUILT,
    )
    creators = [
        [c.text for c in item.findall("dc:creator", NS)]
        for item in etree.fromstring(out).iterfind("channel/item")
    ]
    assert creators == [["Ada Example"], []]


def test_imported_guid_is_emitted_as_given(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(guid="https://old.example/?p=12&lang=en")
    entry = parse(rss(site, [item], self_url=SELF_URL, last_build=BUILT)).entries[0]
    assert entry.id == "https://old.example/?p=12&lang=en"
    assert entry.guidislink is False
    assert entry.link == item.url


def test_items_keep_the_given_order(site: FeedSite, make_item: ItemFactory) -> None:
    items = [make_item(guid=f"g{i}", title=f"Post {i}") for i in range(3)]
    parsed = parse(rss(site, items, self_url=SELF_URL, last_build=BUILT))
    assert [e.id for e in parsed.entries] == ["g0", "g1", "g2"]


def test_channel_overrides_for_a_tag_feed(site: FeedSite, make_item: ItemFactory) -> None:
    out = rss(
        site,
        [make_item()],
        self_url="http://127.0.0.1:8000/tag/python/rss/",
        last_build=BUILT,
        title="python - Ada's Workbench",
        description="Posts about Python.",
        link="http://127.0.0.1:8000/tag/python/",
    )
    channel = etree.fromstring(out).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "python - Ada's Workbench"
    assert channel.findtext("image/title") == "python - Ada's Workbench"
    assert channel.findtext("description") == "Posts about Python."
    assert channel.findtext("link") == "http://127.0.0.1:8000/tag/python/"
    assert channel.findtext("image/link") == "http://127.0.0.1:8000/tag/python/"
    assert channel.findtext("image/url") == "http://127.0.0.1:8000/favicon.png"
    self_link = channel.find("atom:link", NS)
    assert self_link is not None
    assert self_link.get("href") == "http://127.0.0.1:8000/tag/python/rss/"


def test_empty_site_description_falls_back_to_title(site: FeedSite) -> None:
    out = rss(replace(site, description=""), [], self_url=SELF_URL, last_build=BUILT)
    assert etree.fromstring(out).findtext("channel/description") == "Ada's Workbench"


def test_post_without_html_has_no_description(site: FeedSite, make_item: ItemFactory) -> None:
    out = rss(site, [make_item(html="")], self_url=SELF_URL, last_build=BUILT)
    item = etree.fromstring(out).find("channel/item")
    assert item is not None
    assert item.find("description") is None
    assert b"<content:encoded><![CDATA[]]></content:encoded>" in out
    parse(out)


XML_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


def xml_line_ends(text: str) -> str:
    """What an XML parser makes of line ends (XML 1.0 section 2.11): CRLF and lone CR read as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=60)
@given(title=XML_TEXT, html=XML_TEXT, tag=XML_TEXT)
@example(title="\r\n", html="", tag="")
@example(title="a\r\r\nb", html="", tag="")
def test_any_text_gives_a_well_formed_feed(title: str, html: str, tag: str) -> None:
    item = build_item(title=title, html=html, tags=(tag,), custom_excerpt=None)
    out = rss(build_site(), [item], self_url=SELF_URL, last_build=BUILT)
    root = etree.fromstring(out)
    allowed = "".join(c for c in title if (c in "\t\n\r" or c >= " ") and c not in "\ufffe\uffff")
    assert (root.findtext("channel/item/title") or "") == xml_line_ends(allowed)
    assert feedparser.parse(out).bozo == 0
