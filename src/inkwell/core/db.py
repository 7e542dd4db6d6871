"""Database plumbing shared by every feature: engine, sessions, base model, naming convention."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

from inkwell.core.time import as_utc

# Constraint names must be stable so that Alembic can drop them on SQLite (batch mode) and
# PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back aware and in UTC, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        # SQLite has no time zones: store naive UTC so that string ordering stays correct.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


# Marks the connections of write sessions (an execution option of the engine they come from).
WRITE_OPTION = "inkwell_write"
# How long a writer waits for another to finish before SQLite says "database is locked": a
# large import holds the write lock for seconds, and the writers queued behind it must wait.
BUSY_TIMEOUT_MS = 30_000


def _sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # The driver would open transactions itself, lazily and always DEFERRED: take that over
    # (the "begin" listener below emits BEGIN), as SQLAlchemy's SQLite docs recommend.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A deferred transaction that reads and then writes cannot wait for the write lock: if
    # another writer committed since its read, SQLite fails it at once ("database is locked",
    # busy_timeout or not). So a write session asks for the lock up front and queues behind
    # other writers; a read session stays deferred and never waits for a writer (WAL).
    #
    # A read session begins nothing until its first statement that is not a SELECT: a page
    # request then costs no BEGIN/COMMIT round trips to the driver's thread, as it did when the
    # driver managed transactions; a write (or a savepoint) still runs in one transaction.
    if connection.get_execution_options().get(WRITE_OPTION, False):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.info[_LAZY_BEGIN] = True


_LAZY_BEGIN = "inkwell_lazy_begin"


def _sqlite_begin_before_writing(
    connection: Connection, cursor: Any, statement: str, *_args: Any
) -> None:
    if connection.info.get(_LAZY_BEGIN) and statement.lstrip()[:6].upper() != "SELECT":
        connection.info[_LAZY_BEGIN] = False
        cursor.execute("BEGIN")


def _sqlite_transaction_ended(connection: Connection) -> None:
    connection.info.pop(_LAZY_BEGIN, None)


def make_engine(database_url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine; on SQLite, make sure the folder exists and set pragmas."""
    if database_url.startswith("sqlite"):
        ensure_sqlite_folder(database_url)
        engine = create_async_engine(database_url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        event.listen(engine.sync_engine, "before_cursor_execute", _sqlite_begin_before_writing)
        for ended in ("commit", "rollback"):
            event.listen(engine.sync_engine, ended, _sqlite_transaction_ended)
        return engine
    return create_async_engine(database_url, pool_pre_ping=True, **kwargs)


def ensure_sqlite_folder(database_url: str) -> None:
    """Create the parent folder of an SQLite file URL so that the first start just works."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    path = make_url(database_url).database
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)


class Database:
    """The engine and a session factory, opened once per process."""

    def __init__(self, database_url: str, **engine_kwargs: Any) -> None:
        self.url = database_url
        self.engine = make_engine(database_url, **engine_kwargs)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # Same pool; its connections carry the option that makes SQLite BEGIN IMMEDIATE.
        write_engine = self.engine.execution_options(**{WRITE_OPTION: True})
        self.write_sessions = async_sessionmaker(write_engine, expire_on_commit=False)

    @asynccontextmanager
    async def session(self, *, write: bool = False) -> AsyncIterator[AsyncSession]:
        """A session that commits on success and rolls back on error.

        Pass ``write=True`` for work that writes (CLI commands, imports, first start): on
        SQLite its transaction takes the write lock when it begins, so concurrent writers wait
        their turn instead of failing. Read sessions (page requests) never take it.
        """
        factory = self.write_sessions if write else self.sessions
        async with factory() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
