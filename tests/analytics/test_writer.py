"""The background writer: batches, the pause between them, a full buffer, a failing database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, text

from inkwell.analytics.models import AnalyticsEvent
from inkwell.analytics.types import Counted, Derived
from inkwell.analytics.writer import EventWriter
from inkwell.core.db import Database

DAY = date(2026, 5, 4)


def counted(number: int) -> Counted:
    """A page view of ``/page-<number>/``."""
    return Counted(
        at=datetime(2026, 5, 4, 12, 0, number % 60, tzinfo=UTC),
        day=DAY,
        name="pageview",
        visitor=f"{number:032x}",
        derived=Derived(path=f"/page-{number}/", browser="Firefox"),
    )


async def stored_paths(database: Database) -> list[str]:
    async with database.session() as session:
        return list(await session.scalars(select(AnalyticsEvent.path).order_by(AnalyticsEvent.id)))


@pytest.fixture
async def writer(site_database: Database) -> AsyncIterator[EventWriter]:
    """A writer of batches of 3, flushing every 50 ms, holding 10 events at most."""
    made = EventWriter(site_database, batch_size=3, flush_ms=50, capacity=10)
    try:
        yield made
    finally:
        await made.stop()


async def test_a_flush_writes_every_waiting_event_in_order(
    writer: EventWriter, site_database: Database
) -> None:
    for number in range(7):
        assert writer.offer(counted(number))
    assert await writer.flush()
    assert await stored_paths(site_database) == [f"/page-{n}/" for n in range(7)]
    assert (writer.waiting, writer.stats.written) == (0, 7)


async def test_a_flush_of_one_batch_leaves_the_rest_waiting(
    writer: EventWriter, site_database: Database
) -> None:
    for number in range(7):
        writer.offer(counted(number))
    assert await writer.flush(batches=1)
    assert await stored_paths(site_database) == ["/page-0/", "/page-1/", "/page-2/"]
    assert writer.waiting == 4


async def test_the_running_writer_writes_a_burst_batch_by_batch(
    writer: EventWriter, site_database: Database
) -> None:
    writer.start()
    for number in range(9):
        writer.offer(counted(number))
    for _ in range(200):  # three batches, with a pause after each
        if writer.stats.written == 9:
            break
        await asyncio.sleep(0.01)
    assert await stored_paths(site_database) == [f"/page-{n}/" for n in range(9)]


async def test_a_full_buffer_drops_new_events_and_counts_them(writer: EventWriter) -> None:
    taken = [writer.offer(counted(number)) for number in range(12)]
    assert taken == [True] * 10 + [False] * 2
    assert (writer.waiting, writer.stats.accepted, writer.stats.dropped) == (10, 10, 2)


async def test_a_failed_batch_is_kept_for_the_next_try(
    writer: EventWriter, site_database: Database
) -> None:
    writer.offer(counted(1))
    async with site_database.session(write=True) as session:
        await session.execute(text("ALTER TABLE analytics_events RENAME TO events_away"))
    try:
        assert not await writer.flush()
        assert (writer.waiting, writer.stats.failed_batches) == (1, 1)
    finally:
        async with site_database.session(write=True) as session:
            await session.execute(text("ALTER TABLE events_away RENAME TO analytics_events"))
    assert await writer.flush()
    assert await stored_paths(site_database) == ["/page-1/"]


async def test_stopping_writes_what_is_still_waiting(
    writer: EventWriter, site_database: Database
) -> None:
    writer.start()
    writer.offer(counted(5))
    await writer.stop()
    async with site_database.session() as session:
        assert await session.scalar(select(func.count()).select_from(AnalyticsEvent)) == 1
