"""Many rows into one table through the driver's own bulk path, for append-only streams.

SQLAlchemy's ``insert`` with a list of rows spends most of its time per row in its generic
machinery. A stream of small rows (analytics events) needs none of it: the values are made
storable by the columns' own bind processors (so they read back exactly as if SQLAlchemy had
written them), then handed over in one call, ``executemany`` on SQLite and a binary ``COPY``
on PostgreSQL, inside the session's transaction. A stream's writer makes the table's
:class:`RowShape` once and each row's record as the row arrives (:meth:`RowShape.record`), so
that writing a batch does no per-row work in the event loop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession


class BulkInsertError(Exception):
    """The driver refused a batch (nothing of it is stored once the session rolls back)."""


Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class RowShape:
    """How rows with given keys go into one table on one database: the statement's column
    order and each column's bind processor. Made once, then used for every row."""

    table: Table
    columns: tuple[str, ...]
    processors: tuple[Processor, ...]
    sql: str
    dialect_name: str

    def record(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        """``row``'s values, storable, in the statement's order (a ``KeyError`` for a missing
        key). Cheap enough to be done as each row arrives, rather than for a batch at once."""
        return tuple(
            p(row[name]) if p else row[name]
            for name, p in zip(self.columns, self.processors, strict=True)
        )


def shape_of(table: Table, names: Iterable[str], dialect: Dialect) -> RowShape:
    """The shape of rows with the keys ``names`` (a value for each column but those the
    database fills, such as an autoincrement key; Python-side defaults are not applied), or a
    ``ValueError`` naming the columns without one."""
    names = list(names)
    statement = table.insert().compile(dialect=dialect, column_keys=names)
    order = tuple(statement.positiontup or names)
    if set(order) != set(names):
        missing = ", ".join(sorted(set(order) - set(names)))
        raise ValueError(f"bulk_insert into {table.name} needs a value for each of {missing}")
    processors = tuple(table.c[name].type._cached_bind_processor(dialect) for name in order)
    return RowShape(table, order, processors, str(statement), dialect.name)


async def insert_records(
    session: AsyncSession, shape: RowShape, records: Sequence[tuple[Any, ...]]
) -> None:
    """Insert records made by ``shape.record`` in the session's transaction, or raise
    :class:`BulkInsertError`."""
    if not records:
        return
    connection = await session.connection()
    if connection.dialect.name != shape.dialect_name:
        raise ValueError(f"records shaped for {shape.dialect_name}, not {connection.dialect.name}")
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None, "a connection in a transaction has its driver's connection"
    try:
        if shape.dialect_name == "postgresql":
            await driver.copy_records_to_table(
                shape.table.name, records=records, columns=shape.columns
            )
        else:  # SQLite's paramstyle is positional, in the order of ``shape.columns``
            await driver.executemany(shape.sql, records)
    except (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        # The error's name alone: its message may quote the rows' values.
        raise BulkInsertError(type(exc).__name__) from exc


async def bulk_insert(
    session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert ``rows`` in the session's transaction, or raise :class:`BulkInsertError`.

    Every row has the same keys (see :func:`shape_of`)."""
    if not rows:
        return
    connection = await session.connection()
    shape = shape_of(table, rows[0], connection.dialect)
    await insert_records(session, shape, [shape.record(row) for row in rows])
