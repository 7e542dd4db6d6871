"""The background writer: events are answered at once and written in batches.

A request hands its event to ``offer`` (no await, no database): it joins an in-memory buffer.
One task per process writes the buffer in one bulk insert (``core.bulk_insert``) each time
``batch_size`` events are waiting or ``flush_ms`` has passed, so a burst of beacons costs a few
transactions, never a transaction each, and never holds up page serving. Batches go one at a
time with a short pause between, so that on SQLite the other processes' writers get the one
write lock too. Records are made as events arrive, so a batch costs the event loop no
per-row work. When the buffer is
full (the database is down or far behind), new events are dropped and counted, so memory stays
bounded. On shutdown the buffer is written before the process ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.exc import SQLAlchemyError

from inkwell.analytics import visitors
from inkwell.analytics.models import AnalyticsEvent
from inkwell.analytics.types import Counted
from inkwell.core.bulk_insert import BulkInsertError, RowShape, insert_records, shape_of
from inkwell.core.db import Database

log = logging.getLogger(__name__)
EVENTS = cast(Table, AnalyticsEvent.__table__)
WRITE_PAUSE_S = 0.02
"""The writing task's pause after each batch: room for other processes' writers."""


@dataclass
class WriterStats:
    """What the writer did since it started (the admin and the benchmark show these)."""

    accepted: int = 0
    written: int = 0
    dropped: int = 0
    failed_batches: int = 0


def row_of(event: Counted) -> dict[str, Any]:
    """The ``analytics_events`` row of ``event``."""
    derived = event.derived
    return {
        "at": event.at,
        "day": event.day,
        "name": event.name,
        "visitor": event.visitor,
        "path": derived.path,
        "referrer": derived.referrer,
        "source": derived.source,
        "utm_medium": derived.utm_medium,
        "utm_campaign": derived.utm_campaign,
        "utm_content": derived.utm_content,
        "utm_term": derived.utm_term,
        "browser": derived.browser,
        "os": derived.os,
        "device": derived.device,
        "country": derived.country,
        "props": event.props,
    }


class EventWriter:
    """Buffers counted events and writes them in batches (one per process)."""

    def __init__(
        self, database: Database, *, batch_size: int, flush_ms: int, capacity: int
    ) -> None:
        self.database = database
        self.batch_size = batch_size
        self.interval = flush_ms / 1000
        self.capacity = capacity
        self.stats = WriterStats()
        # Records ready for the driver: made as events arrive, so a flush does no per-row work
        # in the event loop (which would hold up the pages being served meanwhile).
        self._buffer: list[tuple[Any, ...]] = []
        self._shape: RowShape | None = None
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def offer(self, event: Counted) -> bool:
        """Take ``event`` for the next batch; False when the buffer is full (it is dropped)."""
        if len(self._buffer) >= self.capacity:
            self.stats.dropped += 1
            return False
        row = row_of(event)
        shape = self._shape or self._shape_of(row)
        self._buffer.append(shape.record(row))
        self.stats.accepted += 1
        if len(self._buffer) >= self.batch_size:
            self._wake.set()
        return True

    def _shape_of(self, row: dict[str, Any]) -> RowShape:
        """How an event's row goes into ``analytics_events`` on this database (made once)."""
        self._shape = shape_of(EVENTS, row, self.database.engine.dialect)
        return self._shape

    @property
    def waiting(self) -> int:
        """Events taken but not written yet."""
        return len(self._buffer)

    def start(self) -> None:
        """Start the writing task (in the running event loop)."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="analytics-writer")

    async def stop(self) -> None:
        """Stop the task and write whatever is still buffered."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        while self._buffer:
            if not await self.flush():
                log.error("analytics: %d events could not be written at shutdown", self.waiting)
                break

    async def flush(self, *, batches: int | None = None) -> bool:
        """Write what is buffered now, in batches (``batches`` of them at most, else all);
        False if a batch failed (it is kept)."""
        async with self._lock:
            written = 0
            while self._buffer and (batches is None or written < batches):
                if not await self._write(self._buffer[: self.batch_size]):
                    return False
                written += 1
        return True

    async def _write(self, batch: list[tuple[Any, ...]]) -> bool:
        try:
            async with self.database.session(write=True) as session:
                assert self._shape is not None  # made by the first offer
                await insert_records(session, self._shape, batch)
        except (SQLAlchemyError, OSError, BulkInsertError) as exc:
            # The error alone: SQLAlchemy's message would list the rows' values.
            self.stats.failed_batches += 1
            log.error(
                "analytics: a batch of %d events was not written (%s)",
                len(batch),
                type(exc).__name__,
            )
            return False
        del self._buffer[: len(batch)]
        self.stats.written += len(batch)
        return True

    async def _run(self) -> None:
        while True:
            visitors.forget_stale_salt(self.database.url)
            if len(self._buffer) < self.batch_size:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()
            if not self._buffer:
                continue
            if await self.flush(batches=1):
                # One batch, then a pause: on SQLite every worker's writer wants the one write
                # lock, and one writing back to back would starve the others' (which poll for
                # it), whose buffers would fill and drop events.
                await asyncio.sleep(WRITE_PAUSE_S)
            else:
                await asyncio.sleep(self.interval)  # the database is unwell: do not spin
