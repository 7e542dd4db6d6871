"""Content API tests: the app on the test's own database (SQLite and PostgreSQL), a Content
key of a real integration, and a small published site."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from httpx import AsyncClient

from inkwell.core.db import Database
from inkwell.ghost_api import integrations
from tests import app_on_test_database
from tests.factories import make_post

settings = app_on_test_database.settings
site_database = app_on_test_database.site_database


@dataclass(frozen=True)
class ContentKey:
    """A Content API key and the id its cached answers are tagged with."""

    secret: str
    key_id: str


@pytest.fixture
async def content_key(site_database: Database) -> ContentKey:
    """A Content API key of a real integration."""
    async with site_database.session() as session:
        made = await integrations.create_integration(session, "Static front-end")
        await session.commit()
    return ContentKey(made.content_api_key, made.content_key_id)


@pytest.fixture
async def api(client: AsyncClient, content_key: ContentKey) -> AsyncIterator[AsyncClient]:
    """A client whose every request carries the Content key, as Ghost's clients send it."""
    client.params = client.params.set("key", content_key.secret)
    yield client


def day(n: int) -> datetime:
    """March ``n``, 2026, 09:00 UTC."""
    return datetime(2026, 3, n, 9, 0, tzinfo=UTC)


@pytest.fixture
async def demo_site(site_database: Database) -> None:
    """Four published posts (as Ghost's reference site), a draft, a page and an internal tag."""
    async with site_database.session() as session:
        await make_post(
            session,
            title="Release notes for one",
            slug="release-notes-for-one",
            tags=["writing", "python"],
            published_at=day(2),
        )
        await make_post(
            session,
            title="Column change checklist",
            slug="column-change-checklist",
            tags=["databases"],
            published_at=day(5),
            featured=True,
        )
        await make_post(
            session,
            title="Reading tracebacks bottom up",
            slug="reading-tracebacks-bottom-up",
            tags=["python", "debugging", "#internal"],
            published_at=day(9),
        )
        await make_post(
            session,
            title="Keeping a SQLite file healthy on a tiny server",
            slug="sqlite-on-a-tiny-server",
            tags=["databases", "python"],
            published_at=day(16),
        )
        await make_post(session, title="Unfinished", slug="unfinished", status="draft")
        await make_post(session, title="About", slug="about", type="page", tags=[])
        await session.commit()
