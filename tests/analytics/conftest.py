"""Analytics fixtures and helpers shared by the tests of this folder: no salt remembered
between tests, sample exports, what the aggregates hold."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import service, visitors
from inkwell.analytics.models import AnalyticsDaily, AnalyticsEvent, AnalyticsRollup
from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.app_on_test_database import settings, site_database  # noqa: F401

DATA = Path(__file__).parent / "fixtures"

Stored = dict[tuple[date, str, str], tuple[int, int]]


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
        """Change analytics settings, as the admin would (its change event tells workers)."""
        async with self.database.session(write=True) as session:
            await service.update_settings(session, wanted)


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


def sample(name: str) -> bytes:
    """The bytes of a sample export in ``tests/analytics/fixtures``."""
    return (DATA / name).read_bytes()


async def stored_daily(session: AsyncSession) -> Stored:
    """Every daily aggregate: (day, dimension, value) -> (visitors, pageviews)."""
    rows = (await session.execute(select(AnalyticsDaily))).scalars().all()
    return {(r.day, r.dimension, r.value): (r.visitors, r.pageviews) for r in rows}


async def rollup_sources(session: AsyncSession) -> dict[date, str]:
    """Each marked day's source (``events`` or ``import``)."""
    rows = (await session.execute(select(AnalyticsRollup))).scalars().all()
    return {r.day: r.source for r in rows}


async def add_raw_event(session: AsyncSession, day: date, path: str = "/") -> None:
    """One raw page view on ``day``, as the writer stores it (not yet rolled up)."""
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    session.add(AnalyticsEvent(at=at, day=day, name="pageview", visitor="v" * 32, path=path))
    await session.flush()


async def add_counted_day(session: AsyncSession, day: date, pageviews: int) -> None:
    """A day Inkwell rolled up from its own events: its site total and its mark."""
    session.add(AnalyticsDaily(day=day, dimension="", value="", visitors=1, pageviews=pageviews))
    session.add(AnalyticsRollup(day=day, source="events"))
    await session.flush()
