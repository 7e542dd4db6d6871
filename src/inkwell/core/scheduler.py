"""The periodic scheduler: runs the features' ``ScheduledTask``s, in exactly one process.

Periodic work (publishing scheduled posts; later analytics roll-ups, salt rotation, clean-ups)
must run once per site, not once per web worker. In the embedded default it runs inside
``inkwell serve``'s master process, started before uvicorn; uvicorn's workers are fresh
processes (spawned, not forked) and never start one. When Inkwell scales out, a dedicated
``inkwell scheduler`` process starts the same ``Scheduler`` instead.

Why a thread with its own event loop, running APScheduler's ``AsyncIOScheduler``: with
``--workers N`` uvicorn's master runs no event loop (it supervises the workers), and with one
worker the loop is the server's, which uvicorn creates and closes itself. A loop of our own
works the same in both cases, owns its own ``Database`` (an async engine belongs to the loop
that opened it) and runs the async job functions natively, while the blocking supervisor or the
server go on in the main thread.

Each run of a task is one run of its job (``core.jobs``), with a ``JobContext`` of this
process. Every task runs once at start (a post scheduled while the server was down goes out
then), then every ``task.every``. Runs never overlap (``max_instances=1``); runs missed while
the process was busy are merged into one (``coalesce``) and still happen if late by up to one
interval (``misfire_grace_time``). A failed run is logged; the next one is the retry, so the
jobs run here must be idempotent, as every job must.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from inkwell.core.db import Database
from inkwell.core.features import Registry, ScheduledTask
from inkwell.core.jobs import Job, JobContext, Runner
from inkwell.core.mail import MailConfig, Mailer

logger = logging.getLogger("inkwell.scheduler")

# A bound on start-up and shutdown, so a wedged database never hangs `inkwell serve` forever.
START_TIMEOUT_SECONDS = 60.0
STOP_GRACE_SECONDS = 10.0


class SchedulerError(RuntimeError):
    """The scheduler could not start; the message says why."""


class Scheduler:
    """Runs ``tasks`` periodically in a thread of this process, with its own loop and database."""

    def __init__(
        self,
        tasks: Sequence[ScheduledTask],
        jobs: Mapping[str, Job],
        *,
        database_url: str,
        settings: Any,
        mail_config: MailConfig,
    ) -> None:
        unknown = [task.name for task in tasks if task.job not in jobs]
        if unknown:
            raise SchedulerError(f"scheduled task(s) {', '.join(unknown)} run an unknown job")
        self.tasks = tuple(tasks)
        self.jobs = dict(jobs)
        self._database_url = database_url
        self._settings = settings
        self._mail_config = mail_config
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._apscheduler: AsyncIOScheduler | None = None
        self._runner: Runner | None = None
        self._database: Database | None = None
        self._runs: set[asyncio.Task[Any]] = set()
        self.completed: dict[str, int] = {task.name: 0 for task in self.tasks}
        """Finished runs of each task (successful or not), for operators and tests."""

    @classmethod
    def for_registry(
        cls, registry: Registry[Any], *, database_url: str, settings: Any, mail_config: MailConfig
    ) -> Scheduler:
        """A scheduler for every feature's scheduled tasks."""
        tasks = [task for feature in registry.features for task in feature.scheduled]
        return cls(
            tasks,
            registry.jobs(),
            database_url=database_url,
            settings=settings,
            mail_config=mail_config,
        )

    @property
    def running(self) -> bool:
        """True between a successful ``start`` and ``stop``."""
        return self._thread is not None and self._thread.is_alive() and self._ready.is_set()

    def start(self) -> None:
        """Start the thread and the schedule (the first run of each task is due at once)."""
        if self._thread is not None:
            raise SchedulerError("the scheduler is already started")
        # APScheduler says "Running job..." at INFO on every run: only its problems are news.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._thread = threading.Thread(target=self._main, name="inkwell-scheduler", daemon=True)
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT_SECONDS) or self._failure is not None:
            reason = self._failure or "it did not start in time"
            raise SchedulerError(f"cannot start the scheduler: {reason}")
        names = ", ".join(f"{t.name} every {t.every.total_seconds():g}s" for t in self.tasks)
        logger.info("scheduler started: %s", names or "no tasks")

    def stop(self) -> None:
        """Stop scheduling, let a running task finish (or cancel it after a grace), close."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None or not thread.is_alive():
            return
        done = asyncio.run_coroutine_threadsafe(self._close(), loop)
        try:
            done.result(START_TIMEOUT_SECONDS)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(START_TIMEOUT_SECONDS)
        logger.info("scheduler stopped")

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._open())
        except Exception as exc:  # noqa: BLE001 - reported to start(), which raises it
            self._failure = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _open(self) -> None:
        self._database = Database(self._database_url)
        context = JobContext(self._database, self._settings, Mailer(self._mail_config))
        self._runner = Runner(self.jobs, context)
        self._runner.start()  # jobs that the scheduled jobs enqueue run here too
        scheduler = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=UTC)
        now = datetime.now(UTC)
        for task in self.tasks:
            seconds = task.every.total_seconds()
            scheduler.add_job(
                self._run,
                IntervalTrigger(seconds=seconds, timezone=UTC),
                args=(task,),
                id=task.name,
                name=task.name,
                next_run_time=now,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=max(1, int(seconds)),
            )
        scheduler.start()
        self._apscheduler = scheduler

    async def _run(self, task: ScheduledTask) -> None:
        current = asyncio.current_task()
        if current is not None:
            self._runs.add(current)
        try:
            assert self._runner is not None
            await self._runner.attempt(task.job, {}, 1)  # a failure is logged there
        finally:
            self.completed[task.name] += 1
            if current is not None:
                self._runs.discard(current)

    async def _close(self) -> None:
        if self._apscheduler is not None and self._apscheduler.running:
            self._apscheduler.shutdown(wait=False)
        runs = list(self._runs)
        if runs:
            _, unfinished = await asyncio.wait(runs, timeout=STOP_GRACE_SECONDS)
            for run in unfinished:
                run.cancel()
            if unfinished:
                logger.warning("stopping: %d scheduled run(s) cancelled", len(unfinished))
            await asyncio.gather(*runs, return_exceptions=True)
        if self._runner is not None:
            await self._runner.stop(STOP_GRACE_SECONDS)
        if self._database is not None:
            await self._database.dispose()
        await asyncio.sleep(0)  # let the scheduler's queued shutdown run on this loop
