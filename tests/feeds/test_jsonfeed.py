"""JSON Feed 1.1: required keys, types, and what each item carries."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

from inkwell.feeds import FeedSite, json_feed

from .support import ItemFactory

FEED_URL = "http://127.0.0.1:8000/feed.json"


def load(data: bytes) -> dict[str, Any]:
    feed = json.loads(data.decode("utf-8"))
    assert isinstance(feed, dict)
    # The spec's requirements, and no nulls: absent values are left out.
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str)
    assert isinstance(feed["items"], list)
    assert "null" not in data.decode()
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html"), str)
    return feed


def parse_date(value: str) -> datetime:
    assert value.endswith("Z")
    return datetime.fromisoformat(value)


def test_top_level(site: FeedSite, make_item: ItemFactory) -> None:
    other = make_item(guid="g2", authors=(make_item().authors[1],))
    feed = load(json_feed(site, [make_item(), other], feed_url=FEED_URL))
    assert feed["title"] == "Ada's Workbench"
    assert feed["home_page_url"] == "http://127.0.0.1:8000/"
    assert feed["feed_url"] == FEED_URL
    assert feed["description"] == "Small notes on Python, databases & the habits around them."
    assert feed["icon"] == "http://127.0.0.1:8000/favicon.png"
    assert feed["favicon"] == "http://127.0.0.1:8000/favicon.png"
    assert feed["language"] == "en"
    # The feed's authors: everyone who wrote the items, once each, in order.
    assert feed["authors"] == [
        {"name": "Ada Example", "url": "http://127.0.0.1:8000/author/ada/"},
        {"name": "Bob Büchner", "url": "http://127.0.0.1:8000/author/bob/"},
    ]
    assert "next_url" not in feed


def test_item_fields(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(feature_image="/content/images/cover.png", tags=("#x", "python"))
    [entry] = load(json_feed(site, [item], feed_url=FEED_URL))["items"]
    assert entry["id"] == "6b0695025a9772699b61dd5e"
    assert entry["url"] == item.url
    assert entry["title"] == "Keeping a SQLite file healthy"
    assert entry["content_html"].startswith(
        '<p>My notes app lives in <a href="http://127.0.0.1:8000/tag/sqlite/">'
    )
    assert 'src="http://127.0.0.1:8000/content/images/desk.png"' in entry["content_html"]
    # The feature image is in "image", not pushed into the HTML as RSS does.
    assert entry["image"] == "http://127.0.0.1:8000/content/images/cover.png"
    assert "cover.png" not in entry["content_html"]
    assert entry["summary"] == "My notes app lives in one SQLite file. It has never lost a row."
    assert parse_date(entry["date_published"]) == item.published_at
    assert parse_date(entry["date_modified"]) == item.updated_at
    assert entry["authors"] == [
        {"name": "Ada Example", "url": "http://127.0.0.1:8000/author/ada/"},
        {"name": "Bob Büchner", "url": "http://127.0.0.1:8000/author/bob/"},
    ]
    assert entry["tags"] == ["python"]


def test_optional_item_fields_are_left_out(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(html="", authors=(), tags=("#only-internal",), feature_image=None)
    feed = load(json_feed(replace(site, description=""), [item], feed_url=FEED_URL))
    assert "description" not in feed
    assert "authors" not in feed
    [entry] = feed["items"]
    assert set(entry) == {"id", "url", "title", "content_html", "date_published", "date_modified"}
    assert entry["content_html"] == ""


def test_summary_prefers_written_excerpts(site: FeedSite, make_item: ItemFactory) -> None:
    items = [
        make_item(custom_excerpt="Custom.", meta_description="Meta."),
        make_item(meta_description="Meta."),
    ]
    summaries = [e["summary"] for e in load(json_feed(site, items, feed_url=FEED_URL))["items"]]
    assert summaries == ["Custom.", "Meta."]


def test_next_url_for_pagination(site: FeedSite, make_item: ItemFactory) -> None:
    feed = load(json_feed(site, [make_item()], feed_url=FEED_URL, next_url=FEED_URL + "?page=2"))
    assert feed["next_url"] == "http://127.0.0.1:8000/feed.json?page=2"


def test_dates_are_rfc3339_utc(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(
        published_at=datetime(2026, 3, 16, 11, 0, tzinfo=timezone(timedelta(hours=2))),
        updated_at=datetime(2026, 3, 16, 10, 0),  # naive: UTC
    )
    [entry] = load(json_feed(site, [item], feed_url=FEED_URL))["items"]
    assert entry["date_published"] == "2026-03-16T09:00:00Z"
    assert entry["date_modified"] == "2026-03-16T10:00:00Z"


def test_empty_feed(site: FeedSite) -> None:
    feed = load(json_feed(site, [], feed_url=FEED_URL))
    assert feed["items"] == []
    assert "authors" not in feed


def test_unicode_is_kept_as_utf8(site: FeedSite, make_item: ItemFactory) -> None:
    item = make_item(title='Ünïcødé 🐍 日本語 "q" </script>')
    data = json_feed(site, [item], feed_url=FEED_URL)
    assert "Ünïcødé 🐍 日本語".encode() in data
    assert load(data)["items"][0]["title"] == 'Ünïcødé 🐍 日本語 "q" </script>'


def test_lone_surrogates_cannot_break_the_document(site: FeedSite, make_item: ItemFactory) -> None:
    data = json_feed(site, [make_item(title="bad \ud800 half")], feed_url=FEED_URL)
    assert load(data)["items"][0]["title"] == "bad ? half"
