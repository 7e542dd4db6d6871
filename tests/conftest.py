"""Shared fixtures: real temporary databases (SQLite files and PostgreSQL), the app, a client.

Every test run creates its own databases and drops them at the end. Tests that need PostgreSQL
skip when ``INKWELL_TEST_POSTGRES_URL`` is unset, unless ``INKWELL_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator, Iterator
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, cast

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword
from aiosmtpd.smtp import Session as SMTPSession
from argon2 import profiles
from httpx import ASGITransport, AsyncClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import passwords
from inkwell.app import create_app
from inkwell.core import changes, events
from inkwell.core.db import Base, Database
from inkwell.core.migrate import upgrade
from inkwell.features import load_all_models
from inkwell.settings import Settings
from tests.postgres_databases import create_postgres_database, drop_postgres_database

load_all_models()

# Property tests: random examples on a developer's machine (to find new bugs), the same
# examples on every CI run (so a green run stays green, and a failure prints the blob to
# reproduce it with @reproduce_failure). No property test is timed: on a loaded machine a slow
# example or slow input generation says nothing about the code under test.
_UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
hypothesis_settings.register_profile("dev", **_UNTIMED)
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True, **_UNTIMED)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

POSTGRES_ENV = "INKWELL_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    """Hash passwords with argon2-cffi's cheapest parameters in every in-process test: a
    verification costs a millisecond, not a quarter of a second (argon2-cffi's advice for test
    suites). Servers started as subprocesses keep the real parameters."""
    passwords.configure(profiles.CHEAPEST)
    try:
        yield
    finally:
        passwords.configure(None)


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
def command_env(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run in process works on the test's database, in a folder of its own (no stray
    .env), without demo content."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INKWELL_DATABASE_URL", database.url)
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    monkeypatch.setenv("INKWELL_MEDIA_DIR", str(tmp_path / "media"))


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


class LocalSMTPServer:
    """A real SMTP server (aiosmtpd) on 127.0.0.1, in its own thread, keeping what it receives.

    ``messages`` are the parsed messages (``email.message.EmailMessage``), ``envelopes`` the
    raw SMTP envelopes (sender, recipients, bytes), oldest first. With ``logins`` set, the server
    offers AUTH (without TLS, as a test needs) and accepts only those user/password pairs.
    """

    def __init__(self, logins: dict[str, str] | None = None) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Envelope] = []
        self.logins = logins
        self.port = 0
        self._controller: Controller | None = None

    async def handle_DATA(self, server: SMTP, session: SMTPSession, envelope: Envelope) -> str:
        """aiosmtpd's hook: keep the message."""
        raw = envelope.original_content or b""
        self.envelopes.append(envelope)
        self.messages.append(
            cast(EmailMessage, message_from_bytes(raw, policy=email_policy.default))
        )
        return "250 Message accepted"

    def _authenticate(
        self, server: SMTP, session: SMTPSession, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        logins = self.logins or {}
        ok = isinstance(data, LoginPassword) and logins.get(data.login.decode()) == (
            data.password.decode()
        )
        return AuthResult(success=ok, handled=False)

    def start(self) -> None:
        """Listen on a free port (tried again should another process take it first)."""
        extra: dict[str, Any] = {}
        if self.logins is not None:
            extra = {"authenticator": self._authenticate, "auth_require_tls": False}
        for _ in range(5):
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = int(probe.getsockname()[1])
            controller = Controller(self, hostname="127.0.0.1", port=port, **extra)
            try:
                controller.start()
            except OSError:
                continue
            self.port, self._controller = port, controller
            return
        raise RuntimeError("no free port for the test SMTP server")

    def stop(self) -> None:
        """Stop listening."""
        if self._controller is not None:
            self._controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[LocalSMTPServer]:
    """A real local SMTP server for the test: send to 127.0.0.1:``.port``, read ``.messages``."""
    server = LocalSMTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
