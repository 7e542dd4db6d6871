"""Analytics fixtures shared by the tests of this folder."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select

from inkwell.analytics import service, visitors
from inkwell.analytics.models import AnalyticsEvent
from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.app_on_test_database import settings, site_database  # noqa: F401


@pytest.fixture(autouse=True)
def no_remembered_salt() -> Iterator[None]:
    """Each test starts with no salt remembered: the tables are emptied between tests, and a
    salt held in memory would outlive its row."""
    visitors._current.clear()
    yield
    visitors._current.clear()


@dataclass
class Site:
    """An app on the test's database, its HTTP client, and a way to write what it collected."""

    app: FastAPI
    http: AsyncClient
    database: Database

    async def written(self) -> list[AnalyticsEvent]:
        """Every raw event stored, once the writer has written its buffer."""
        await self.app.state.analytics.writer.flush()
        async with self.database.session() as session:
            return list(await session.scalars(select(AnalyticsEvent).order_by(AnalyticsEvent.id)))

    async def configure(self, **wanted: Any) -> None:
        """Change analytics settings, as the admin would (workers see it within a second)."""
        async with self.database.session(write=True) as session:
            await service.update_settings(session, wanted)
        self.app.state.analytics._settings = None  # this test's worker: at once


OpenSite = Callable[..., AbstractAsyncContextManager[Site]]


@pytest.fixture
def open_site(settings: Settings, site_database: Database) -> OpenSite:  # noqa: F811
    """Start an app on the test's database: ``async with open_site(**setting_overrides)``."""

    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[Site]:
        app = create_app(settings.model_copy(update=overrides))
        async with app.router.lifespan_context(app):
            transport = ASGITransport(app=app, client=("203.0.113.7", 50000))
            async with AsyncClient(transport=transport, base_url="http://blog.test") as http:
                yield Site(app, http, site_database)

    return start


@pytest.fixture
async def site(open_site: OpenSite) -> AsyncIterator[Site]:
    """An app on the test's database (SQLite and PostgreSQL)."""
    async with open_site() as started:
        yield started
