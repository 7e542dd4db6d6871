"""Atom 1.0: well-formed, complete, and read back correctly by feedparser."""

from __future__ import annotations

import calendar
import uuid
from dataclasses import replace
from datetime import UTC, datetime

import feedparser
from lxml import etree

from inkwell.feeds import FeedSite, atom, atom_entry_id

from .support import ItemFactory

SELF_URL = "http://127.0.0.1:8000/atom.xml"
UPDATED = datetime(2026, 3, 20, 12, 30, 15, tzinfo=UTC)
A = "{http://www.w3.org/2005/Atom}"


def parse(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_feed_metadata(site: FeedSite, make_item: ItemFactory) -> None:
    out = atom(site, [make_item()], self_url=SELF_URL, updated=UPDATED)
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?><feed ')
    feed = parse(out).feed
    assert feed.id == "http://127.0.0.1:8000/"
    assert feed.title == "Ada's Workbench"
    assert feed.subtitle == "Small notes on Python, databases & the habits around them."
    assert feed.language == "en"
    links = {(link.rel, link.type, link.href) for link in feed.links}
    assert links == {
        ("alternate", "text/html", "http://127.0.0.1:8000/"),
        ("self", "application/atom+xml", SELF_URL),
    }
    assert calendar.timegm(feed.updated_parsed) == UPDATED.timestamp()
    assert feed.generator == "Inkwell 0.1"
    assert feed.icon == "http://127.0.0.1:8000/favicon.png"


def test_entry_fields(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(feature_image="/content/images/cover.png", feature_image_alt="A cover")
    entry = parse(atom(site, [item], self_url=SELF_URL, updated=UPDATED)).entries[0]
    assert entry.id == atom_entry_id(item.guid)
    assert entry.title == "Keeping a SQLite file healthy"
    assert entry.link == item.url
    assert calendar.timegm(entry.published_parsed) == item.published_at.timestamp()
    assert calendar.timegm(entry.updated_parsed) == item.updated_at.timestamp()
    assert [(a.name, a.href) for a in entry.authors] == [
        ("Ada Example", "http://127.0.0.1:8000/author/ada/"),
        ("Bob Büchner", "http://127.0.0.1:8000/author/bob/"),
    ]
    assert [t.term for t in entry.tags] == ["databases", "python"]
    assert entry.summary_detail.type == "text/html"
    assert entry.summary.startswith("<p>My notes app lives in")
    [content] = entry.content
    assert content.type == "text/html"
    assert 'src="http://127.0.0.1:8000/content/images/cover.png"' in content.value
    assert 'href="http://127.0.0.1:8000/tag/sqlite/"' in content.value


def test_content_is_escaped_html_with_absolute_urls_and_feature_image(
    site: FeedSite, make_item: ItemFactory
) -> None:
    item = make_item(
        html='<p>See <a href="/about/">this</a> ]]> &amp; that</p>',
        feature_image="/c.png",
        feature_image_alt="Cover",
    )
    root = etree.fromstring(atom(site, [item], self_url=SELF_URL, updated=UPDATED))
    content = root.find(f"{A}entry/{A}content")
    assert content is not None
    assert content.get("type") == "html"
    assert content.get("{http://www.w3.org/XML/1998/namespace}base") == item.url
    assert content.text == (
        '<img src="http://127.0.0.1:8000/c.png" alt="Cover">'
        '<p>See <a href="http://127.0.0.1:8000/about/">this</a> ]]> &amp; that</p>'
    )


def test_summary_is_text_for_written_excerpts(site: FeedSite, make_item: ItemFactory) -> None:
    items = [
        make_item(custom_excerpt="Tips & <tricks>"),
        make_item(meta_description="Meta only."),
        make_item(html=""),
    ]
    root = etree.fromstring(atom(site, items, self_url=SELF_URL, updated=UPDATED))
    summaries = [
        (s.get("type"), s.text) if s is not None else None
        for s in (e.find(f"{A}summary") for e in root.iterfind(f"{A}entry"))
    ]
    assert summaries == [("text", "Tips & <tricks>"), ("text", "Meta only."), None]
    parsed = parse(etree.tostring(root))
    assert parsed.entries[0].summary_detail.type == "text/plain"
    assert parsed.entries[0].summary == "Tips & <tricks>"


def test_internal_tags_are_dropped(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(tags=("#internal", "python"))
    entry = parse(atom(site, [item], self_url=SELF_URL, updated=UPDATED)).entries[0]
    assert [t.term for t in entry.tags] == ["python"]


def test_entry_ids_are_stable_iris(make_item: ItemFactory) -> None:
    post_id = "6b0695025a9772699b61dd5e"
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"inkwell:post:{post_id}").urn
    assert atom_entry_id(post_id) == expected
    assert atom_entry_id(post_id) == atom_entry_id(post_id)
    assert atom_entry_id("6b0695025a9772699b61dd5f") != expected
    # Imported guids that already are IRIs stay what readers have seen before.
    assert atom_entry_id("https://old.example/?p=12") == "https://old.example/?p=12"
    assert atom_entry_id("tag:old.example,2019:post-12") == "tag:old.example,2019:post-12"
    assert atom_entry_id("urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e").startswith(
        "urn:uuid:0f8f"
    )
    assert atom_entry_id("not an iri: really").startswith("urn:uuid:")


def test_entry_id_does_not_follow_slug_or_title(site: FeedSite, make_item: ItemFactory) -> None:
    before = make_item()
    after = make_item(url="http://127.0.0.1:8000/blog/2026/03/renamed/", title="Renamed")
    ids = [
        parse(atom(site, [item], self_url=SELF_URL, updated=UPDATED)).entries[0].id
        for item in (before, after)
    ]
    assert ids[0] == ids[1]


def test_updated_is_never_before_published(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    root = etree.fromstring(atom(site, [item], self_url=SELF_URL, updated=UPDATED))
    assert root.findtext(f"{A}entry/{A}published") == "2026-03-16T09:00:00Z"
    assert root.findtext(f"{A}entry/{A}updated") == "2026-03-16T09:00:00Z"


def test_empty_feed(site: FeedSite) -> None:
    out = atom(replace(site, description=""), [], self_url=SELF_URL, updated=UPDATED)
    root = etree.fromstring(out)
    assert root.find(f"{A}entry") is None
    assert root.find(f"{A}subtitle") is None
    assert root.findtext(f"{A}updated") == "2026-03-20T12:30:15Z"
    assert parse(out).entries == []


def test_unicode_and_special_characters(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(title="Ünïcødé 🐍 & <b>not bold</b> 'x'\x01!")
    out = atom(site, [item], self_url=SELF_URL, updated=UPDATED)
    entry = parse(out).entries[0]
    assert entry.title == "Ünïcødé 🐍 & <b>not bold</b> 'x'!"
    assert entry.title_detail.type == "text/plain"
