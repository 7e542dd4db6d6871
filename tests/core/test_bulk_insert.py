"""core.bulk_insert: rows written through the driver read back as SQLAlchemy wrote them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import JSON, Column, Date, Integer, MetaData, String, Table, func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import asyncpg

from inkwell.core.bulk_insert import BulkInsertError, bulk_insert, insert_records, shape_of
from inkwell.core.db import Database, UTCDateTime

PROBE = Table(
    "bulk_insert_probe",
    MetaData(),
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("day", Date, nullable=False),
    Column("label", String(20), nullable=False),
    Column("extra", JSON, nullable=True),
    Column("kind", String(10), nullable=False, default="plain"),
)


@pytest.fixture
async def probe(database: Database) -> AsyncIterator[Database]:
    """The test database with the probe table, dropped afterwards."""
    async with database.engine.begin() as conn:
        await conn.run_sync(PROBE.metadata.create_all)
    try:
        yield database
    finally:
        async with database.engine.begin() as conn:
            await conn.run_sync(PROBE.metadata.drop_all)


def _row(label: str, extra: dict[str, str] | None = None) -> dict[str, object]:
    return {
        "at": datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=UTC),
        "day": date(2026, 3, 4),
        "label": label,
        "extra": extra,
        "kind": "plain",
    }


async def _stored(database: Database) -> list[tuple[object, ...]]:
    async with database.session() as session:
        result = await session.execute(
            select(PROBE.c.at, PROBE.c.day, PROBE.c.label, PROBE.c.extra).order_by(PROBE.c.id)
        )
        return [tuple(row) for row in result]


async def test_rows_read_back_with_their_types(probe: Database) -> None:
    rows = [_row("plain"), _row("with extra", {"plan": "pro", "note": "é ✓"})]
    async with probe.session(write=True) as session:
        await bulk_insert(session, PROBE, rows)
    assert await _stored(probe) == [
        (rows[0]["at"], date(2026, 3, 4), "plain", None),
        (rows[1]["at"], date(2026, 3, 4), "with extra", {"plan": "pro", "note": "é ✓"}),
    ]


async def test_stored_timestamps_compare_like_sqlalchemys(probe: Database) -> None:
    # The same instant written both ways must be equal in SQL (SQLite compares the text).
    async with probe.session(write=True) as session:
        await bulk_insert(session, PROBE, [_row("bulk")])
        await session.execute(PROBE.insert(), [_row("orm")])
    async with probe.session() as session:
        distinct = await session.scalar(select(func.count(func.distinct(PROBE.c.at))))
    assert distinct == 1


async def test_no_rows_is_no_statement(probe: Database) -> None:
    async with probe.session(write=True) as session:
        await bulk_insert(session, PROBE, [])
    assert await _stored(probe) == []


async def test_a_refused_batch_stores_nothing(probe: Database) -> None:
    rows = [_row("fine"), {**_row("broken"), "label": None}]
    with pytest.raises(BulkInsertError) as refused:
        async with probe.session(write=True) as session:
            await bulk_insert(session, PROBE, rows)
    assert "broken" not in str(refused.value)  # the error names no value
    assert await _stored(probe) == []


async def test_a_row_without_every_column_is_refused_before_writing(probe: Database) -> None:
    # A column default is SQLAlchemy's to apply: the bulk path asks for the value instead.
    incomplete = {key: value for key, value in _row("short").items() if key != "kind"}
    with pytest.raises(ValueError, match="needs a value for each of kind"):
        async with probe.session(write=True) as session:
            await bulk_insert(session, PROBE, [incomplete])
    assert await _stored(probe) == []


async def test_records_made_ahead_read_back_like_rows(probe: Database) -> None:
    # A writer shapes each row as it arrives and writes the records later, in one batch.
    shape = shape_of(PROBE, _row("x"), probe.engine.dialect)
    records = [shape.record(_row("early", {"n": "1"})), shape.record(_row("late"))]
    async with probe.session(write=True) as session:
        await insert_records(session, shape, records)
    stored = await _stored(probe)
    assert [(label, extra) for _at, _day, label, extra in stored] == [
        ("early", {"n": "1"}),
        ("late", None),
    ]
    assert stored[0][0] == _row("early")["at"]


async def test_records_shaped_for_another_database_are_refused(probe: Database) -> None:
    pg = asyncpg.dialect()
    other = sqlite.dialect() if probe.engine.dialect.name != "sqlite" else pg
    shape = shape_of(PROBE, _row("x"), other)
    with pytest.raises(ValueError, match=f"records shaped for {other.name}"):
        async with probe.session(write=True) as session:
            await insert_records(session, shape, [shape.record(_row("elsewhere"))])
    assert await _stored(probe) == []
