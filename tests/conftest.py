"""Shared fixtures: real temporary databases (SQLite files and PostgreSQL), the app, a client.

Every test run creates its own databases and drops them at the end. Tests that need PostgreSQL
skip when ``INKWELL_TEST_POSTGRES_URL`` is unset, unless ``INKWELL_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient
from hypothesis import settings as hypothesis_settings
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from inkwell.app import create_app
from inkwell.core import changes, events
from inkwell.core.db import Base, Database
from inkwell.core.migrate import upgrade
from inkwell.features import load_all_models
from inkwell.settings import Settings

load_all_models()

# Property tests: random examples on a developer's machine (to find new bugs), the same
# examples on every CI run (so a green run stays green, and a failure prints the blob to
# reproduce it with @reproduce_failure).
hypothesis_settings.register_profile("dev")
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

POSTGRES_ENV = "INKWELL_TEST_POSTGRES_URL"


def services_required() -> bool:
    """CI sets INKWELL_REQUIRE_SERVICES=1: a missing server is then a failure, not a skip."""
    return os.environ.get("INKWELL_REQUIRE_SERVICES") == "1"


def postgres_admin_url() -> str:
    """The PostgreSQL server's URL, or skip (fail under INKWELL_REQUIRE_SERVICES=1)."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = f"PostgreSQL not configured: set {POSTGRES_ENV}=postgresql://user:pw@host/db"
        if services_required():
            pytest.fail(reason)
        pytest.skip(reason)
    return Settings(database_url=url).database_url


async def create_postgres_database(admin_url: str) -> str:
    """Create an empty, uniquely named database on the server and return its URL."""
    name = f"inkwell_test_{uuid.uuid4().hex[:12]}"
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(admin_url: str, database_url: str) -> None:
    """Drop a database made by create_postgres_database."""
    name = make_url(database_url).database
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file for this test run."""
    path = tmp_path_factory.mktemp("db") / "inkwell.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
async def postgres_url() -> AsyncIterator[str]:
    """A migrated PostgreSQL database for this test run, dropped at the end."""
    admin = postgres_admin_url()
    url = await create_postgres_database(admin)
    try:
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await drop_postgres_database(admin, url)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


async def _empty_all_tables(database: Database) -> None:
    async with database.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            await conn.execute(table.delete())
    # Rows went behind the services' back: tell every cache, as a service write would.
    changes.bump(database.url)


@pytest.fixture
async def database(db_url: str) -> AsyncIterator[Database]:
    """The run's database, emptied after each test so tests never see each other's rows."""
    db = Database(db_url)
    try:
        yield db
    finally:
        await _empty_all_tables(db)
        await db.dispose()


@pytest.fixture
async def session(database: Database) -> AsyncIterator[AsyncSession]:
    """A session on the test database, committed at the end of the test."""
    async with database.session() as s:
        yield s


@pytest.fixture
def settings(sqlite_url: str, tmp_path: Path) -> Settings:
    """Settings for an app on the run's SQLite database, without demo content."""
    return Settings(
        database_url=sqlite_url,
        demo_content=False,
        site_url="http://blog.test",
        media_dir=tmp_path / "media",
    )


@pytest.fixture
async def site_database(settings: Settings) -> AsyncIterator[Database]:
    """The database behind ``client``, emptied after each test."""
    db = Database(settings.database_url)
    try:
        yield db
    finally:
        await _empty_all_tables(db)
        await db.dispose()


@pytest.fixture
async def client(settings: Settings, site_database: Database) -> AsyncIterator[AsyncClient]:
    """An HTTP client talking to a real app (lifespan run) in process."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://blog.test") as http:
            yield http


@pytest.fixture
def heard() -> Iterator[list[events.Event]]:
    """Every domain event delivered (after a commit) while the test runs, oldest first."""
    received: list[events.Event] = []
    unsubscribe = events.subscribe("*", received.append)
    try:
        yield received
    finally:
        unsubscribe()


@pytest.fixture
def anyio_backend() -> Iterator[str]:
    """Only asyncio: asyncpg and aiosqlite run on it."""
    yield "asyncio"
