"""The databases the benchmark's servers run on: rows counted from outside the server, and a
scratch PostgreSQL database made for one run and dropped after it.

Counting from outside is what tells "answered" from "stored": a server may accept work and
write it later (comments in flight, analytics events in the writer's buffer), so a count is read
once it has stopped moving (``settled_count``).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.postgres_databases import create_postgres_database, drop_postgres_database

SETTLE_TIMEOUT_S = 60.0
CONNECT_TIMEOUT_S = 5.0
# The CI role of the development machine (see tests/conftest.py): it may create databases.
POSTGRES_ADMIN_URL = "postgresql://inkwell_ci:inkwell_ci@127.0.0.1:5432/postgres"


class PostgresUnreachable(RuntimeError):
    """No PostgreSQL server answers at the URL given (or the role may not connect)."""


def async_url(url: str) -> str:
    """``url`` with the async driver Inkwell uses (asyncpg, aiosqlite)."""
    parsed = make_url(url)
    driver = {"postgresql": "postgresql+asyncpg", "sqlite": "sqlite+aiosqlite"}
    name = driver.get(parsed.drivername, parsed.drivername)
    return parsed.set(drivername=name).render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """``url`` without its password, for the output and the results."""
    return make_url(url).render_as_string(hide_password=True)


def settled_count(
    count: Callable[[], int],
    *,
    still_s: float = 0.5,
    poll_s: float = 0.5,
    timeout_s: float = SETTLE_TIMEOUT_S,
) -> tuple[int, float]:
    """``count()`` once it has not changed for ``still_s``, and when (``time.monotonic``) the
    first poll saw that final value; gives up moving on after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    value, since = count(), time.monotonic()
    while time.monotonic() - since < still_s and time.monotonic() < deadline:
        time.sleep(poll_s)
        now = count()
        if now != value:
            value, since = now, time.monotonic()
    return value, since


def count_sqlite_rows(database: Path, table: str) -> int:
    """The rows of ``table`` in the SQLite file ``database`` (the server may be writing)."""
    connection = sqlite3.connect(database, timeout=30)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


class RowCounter:
    """Counts the rows of one table of a running server's database, SQLite or PostgreSQL.

    A PostgreSQL connection is kept open for the counter's life (its own event loop), so that
    polling every 100 ms costs a query, not a connection. Use it as a context manager.
    """

    def __init__(self, url: str, table: str) -> None:
        self.url = url
        self.table = table
        self._loop: asyncio.AbstractEventLoop | None = None
        self._connection: AsyncConnection | None = None

    def __enter__(self) -> RowCounter:
        if make_url(self.url).get_backend_name() == "postgresql":
            self._loop = asyncio.new_event_loop()
            self._connection = self._loop.run_until_complete(self._connect())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            if self._connection is not None:
                self._loop.run_until_complete(self._close(self._connection))
            self._loop.close()
        self._loop, self._connection = None, None

    async def _connect(self) -> AsyncConnection:
        engine = create_async_engine(async_url(self.url), isolation_level="AUTOCOMMIT")
        return await engine.connect()

    @staticmethod
    async def _close(connection: AsyncConnection) -> None:
        engine = connection.engine
        await connection.close()
        await engine.dispose()

    async def _count(self, connection: AsyncConnection) -> int:
        result = await connection.execute(text(f"SELECT count(*) FROM {self.table}"))
        return int(result.scalar_one())

    def __call__(self) -> int:
        """The table's row count now."""
        if self._loop is None or self._connection is None:
            database = make_url(self.url).database
            return count_sqlite_rows(Path(database or ""), self.table)
        return self._loop.run_until_complete(self._count(self._connection))


def check_postgres(admin_url: str) -> None:
    """Raise PostgresUnreachable (saying why) unless ``admin_url`` accepts a connection."""

    async def probe() -> None:
        engine = create_async_engine(
            async_url(admin_url), connect_args={"timeout": CONNECT_TIMEOUT_S}
        )
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        finally:
            await engine.dispose()

    try:
        asyncio.run(asyncio.wait_for(probe(), CONNECT_TIMEOUT_S * 2))
    except (OSError, TimeoutError, SQLAlchemyError) as exc:  # refused, silent, or turned away
        raise PostgresUnreachable(f"{type(exc).__name__}: {exc}".strip()) from exc


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A new empty database (``inkwell_bench_...``) for the block; its async URL. Dropped after."""
    admin = async_url(admin_url)
    url = asyncio.run(create_postgres_database(admin, prefix="inkwell_bench"))
    try:
        yield url
    finally:
        asyncio.run(drop_postgres_database(admin, url))
