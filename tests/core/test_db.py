"""Sessions: writers on one SQLite file queue instead of failing; readers never queue."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from inkwell.core.db import Database

WRITERS = 8


@pytest.fixture
async def counter_file(tmp_path: Path) -> AsyncIterator[Path]:
    """An SQLite file with one table of numbers, outside the migrated test database."""
    path = tmp_path / "counter.db"
    database = Database(f"sqlite+aiosqlite:///{path}")
    try:
        async with database.session(write=True) as session:
            await session.execute(text("CREATE TABLE counter (n INTEGER NOT NULL UNIQUE)"))
        yield path
    finally:
        await database.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def add_next_number(path: Path) -> None:
    """Read the highest number, then write the next one: the read-then-write of an import."""
    database = Database(sqlite_url(path))
    try:
        async with database.session(write=True) as session:
            highest = (await session.execute(text("SELECT max(n) FROM counter"))).scalar()
            # Let the other writers run between this read and the write below.
            await asyncio.sleep(0.01)
            await session.execute(
                text("INSERT INTO counter (n) VALUES (:n)"), {"n": (highest or 0) + 1}
            )
    finally:
        await database.dispose()


def lock_is_free(path: Path) -> bool:
    """Whether another connection could take the write lock right now (without waiting)."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        other.close()


async def test_concurrent_writers_on_one_sqlite_file_all_succeed(counter_file: Path) -> None:
    await asyncio.gather(*(add_next_number(counter_file) for _ in range(WRITERS)))
    database = Database(sqlite_url(counter_file))
    try:
        async with database.session() as session:
            numbers = (await session.execute(text("SELECT n FROM counter ORDER BY n"))).scalars()
            # Each writer saw the previous one's commit: they ran one after the other.
            assert list(numbers) == list(range(1, WRITERS + 1))
    finally:
        await database.dispose()


async def test_a_write_session_holds_the_write_lock_from_its_start(counter_file: Path) -> None:
    database = Database(sqlite_url(counter_file))
    try:
        async with database.session(write=True) as session:
            await session.execute(text("SELECT count(*) FROM counter"))
            assert not lock_is_free(counter_file)
        assert lock_is_free(counter_file)
    finally:
        await database.dispose()


async def test_a_read_session_does_not_take_the_write_lock(counter_file: Path) -> None:
    database = Database(sqlite_url(counter_file))
    try:
        async with database.session() as session:
            await session.execute(text("SELECT count(*) FROM counter"))
            assert lock_is_free(counter_file)
    finally:
        await database.dispose()


async def test_a_savepoint_rolls_back_alone_in_a_write_session(db_url: str) -> None:
    database = Database(db_url)
    try:
        async with database.session(write=True) as session:
            await session.execute(text("CREATE TEMPORARY TABLE scratch (n INTEGER)"))
            savepoint = await session.begin_nested()
            await session.execute(text("INSERT INTO scratch (n) VALUES (1)"))
            await savepoint.rollback()
            await session.execute(text("INSERT INTO scratch (n) VALUES (2)"))
            kept = (await session.execute(text("SELECT n FROM scratch"))).scalars()
            assert list(kept) == [2]
    finally:
        await database.dispose()


async def test_a_failed_write_session_keeps_nothing(counter_file: Path) -> None:
    database = Database(sqlite_url(counter_file))
    try:
        with pytest.raises(RuntimeError):
            async with database.session(write=True) as session:
                await session.execute(text("INSERT INTO counter (n) VALUES (1)"))
                raise RuntimeError("stop")
        async with database.session() as session:
            assert (await session.execute(text("SELECT count(*) FROM counter"))).scalar() == 0
    finally:
        await database.dispose()


async def test_a_read_session_runs_no_transaction_statements(counter_file: Path) -> None:
    from sqlalchemy import event

    database = Database(sqlite_url(counter_file))
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement.split()[0].upper())

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        async with database.session() as session:
            await session.execute(text("SELECT count(*) FROM counter"))
            await session.execute(text("SELECT max(n) FROM counter"))
    finally:
        await database.dispose()
    assert seen == ["SELECT", "SELECT"]


async def test_writes_in_a_read_session_are_still_one_transaction(counter_file: Path) -> None:
    database = Database(sqlite_url(counter_file))
    try:
        with pytest.raises(RuntimeError):
            async with database.session() as session:
                await session.execute(text("INSERT INTO counter (n) VALUES (1)"))
                await session.execute(text("INSERT INTO counter (n) VALUES (2)"))
                raise RuntimeError("the caller gave up")
        async with database.session() as session:
            count = (await session.execute(text("SELECT count(*) FROM counter"))).scalar()
    finally:
        await database.dispose()
    assert count == 0
