"""The promise of the import: a Ghost blog's feed in, the same posts at the same URLs and the same
``/rss/`` items out (titles, links, guids, categories, creators, dates, descriptions, content)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from httpx import ASGITransport, AsyncClient
from lxml import html as lxml_html

from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.importers.pipeline import import_feed
from inkwell.settings import Settings

GHOST_FEED = Path(__file__).parent / "feeds" / "ghost_reference" / "rss.xml"
GHOST_URL = "http://127.0.0.1:2368"


async def serve_clone(
    settings: Settings, site_database: Database, feed: Path
) -> AsyncIterator[AsyncClient]:
    """An app on a fresh import of ``feed``, as a Ghost blog at GHOST_URL would be moved."""
    clone = settings.model_copy(update={"site_url": GHOST_URL})
    async with site_database.session() as session:
        report = await import_feed(session, str(feed), settings=clone)
    assert len(report.created) == 4 and not report.skipped
    app = create_app(clone)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url=GHOST_URL) as http:
            yield http


@pytest.fixture
async def ghost_clone(settings: Settings, site_database: Database) -> AsyncIterator[AsyncClient]:
    async for http in serve_clone(settings, site_database, GHOST_FEED):
        yield http


# Ghost serves slugs it did not make itself (an API client or an old import chose them).
UNDERSCORE_LINK = "/blog/2026/03/sqlite_on_a_tiny_server/"


@pytest.fixture
async def underscore_clone(
    settings: Settings, site_database: Database, tmp_path: Path
) -> AsyncIterator[AsyncClient]:
    feed = tmp_path / "rss.xml"
    original = GHOST_FEED.read_text(encoding="utf-8")
    feed.write_text(
        original.replace("/blog/2026/03/sqlite-on-a-tiny-server/", UNDERSCORE_LINK),
        encoding="utf-8",
    )
    async for http in serve_clone(settings, site_database, feed):
        yield http


def entries(xml: bytes | str) -> list[Any]:
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    return list(parsed.entries)


def card_classes(fragment: str) -> list[str]:
    """The card structure of some HTML: every element's tag and classes, in order."""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return [f"{el.tag}.{el.get('class', '')}" for el in root.iter() if isinstance(el.tag, str)]


def words(fragment: str) -> str:
    text = lxml_html.fragment_fromstring(fragment, create_parent="div").text_content()
    return re.sub(r"\s+", " ", text).strip()


async def test_every_post_answers_at_its_ghost_url(ghost_clone: AsyncClient) -> None:
    for item in entries(GHOST_FEED.read_bytes()):
        response = await ghost_clone.get(item.link.removeprefix(GHOST_URL))
        assert response.status_code == 200, item.link
        assert item.title in response.text


async def test_rss_items_match_ghosts(ghost_clone: AsyncClient) -> None:
    ours = entries((await ghost_clone.get("/rss/")).content)
    theirs = entries(GHOST_FEED.read_bytes())
    assert [e.id for e in ours] == [e.id for e in theirs]
    for mine, ghost in zip(ours, theirs, strict=True):
        assert mine.title == ghost.title
        assert mine.link == ghost.link
        assert mine.guidislink is False
        assert [t.term for t in mine.tags] == [t.term for t in ghost.tags]
        assert mine.author == ghost.author
        assert mine.published == ghost.published
        assert words(mine.summary) == words(ghost.summary)
        assert words(mine.content[0].value) == words(ghost.content[0].value)
        assert card_classes(mine.content[0].value) == card_classes(ghost.content[0].value)


async def test_a_slug_with_underscores_answers_at_the_same_url(
    underscore_clone: AsyncClient,
) -> None:
    response = await underscore_clone.get(UNDERSCORE_LINK)
    assert response.status_code == 200
    links = [e.link for e in entries((await underscore_clone.get("/rss/")).content)]
    assert GHOST_URL + UNDERSCORE_LINK in links
