"""Many rows into one table through the driver's own bulk path, for append-only streams.

SQLAlchemy's ``insert`` with a list of rows spends most of its time per row in its generic
machinery. A stream of small rows (analytics events) needs none of it: the values are made
storable by the columns' own bind processors (so they read back exactly as if SQLAlchemy had
written them), then handed over in one call, ``executemany`` on SQLite and a binary ``COPY``
on PostgreSQL, inside the session's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession


class BulkInsertError(Exception):
    """The driver refused a batch (nothing of it is stored once the session rolls back)."""


Processor = Callable[[Any], Any] | None


def _processors(table: Table, names: Sequence[str], dialect: Dialect) -> list[Processor]:
    return [table.c[name].type._cached_bind_processor(dialect) for name in names]


def _records(
    rows: Sequence[Mapping[str, Any]], names: Sequence[str], processors: Sequence[Processor]
) -> list[tuple[Any, ...]]:
    pairs = list(zip(names, processors, strict=True))
    return [tuple(p(row[n]) if p else row[n] for n, p in pairs) for row in rows]


async def bulk_insert(
    session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert ``rows`` in the session's transaction, or raise :class:`BulkInsertError`.

    Every row has the same keys: a value for each column but those the database fills (an
    autoincrement key); Python-side column defaults are not applied here."""
    if not rows:
        return
    names = list(rows[0])
    connection = await session.connection()
    dialect = connection.dialect
    statement = table.insert().compile(dialect=dialect, column_keys=names)
    order = list(statement.positiontup or names)
    if set(order) != set(names):
        missing = ", ".join(sorted(set(order) - set(names)))
        raise ValueError(f"bulk_insert into {table.name} needs a value for each of {missing}")
    records = _records(rows, order, _processors(table, order, dialect))
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None, "a connection in a transaction has its driver's connection"
    try:
        if dialect.name == "postgresql":
            await driver.copy_records_to_table(table.name, records=records, columns=order)
        else:  # SQLite's paramstyle is positional, in the order of ``order``
            await driver.executemany(str(statement), records)
    except (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        # The error's name alone: its message may quote the rows' values.
        raise BulkInsertError(type(exc).__name__) from exc
