"""Background jobs: plain async functions enqueued by name with JSON arguments.

A feature declares its jobs in its ``Feature(jobs={"media.make_variants": make_variants})``; a
job is ``async def job(context: JobContext, args: Mapping[str, Any]) -> None``. Code that wants
one run calls

- ``enqueue(session, "media.make_variants", media_id=...)`` inside a transaction: the job is
  handed over only when that session's outermost transaction commits, and forgotten when it
  (or the savepoint it was enqueued in) rolls back, so a job never works on a row that was not
  saved. This rides on ``core.events``' after-commit delivery: the request travels as a
  ``job.enqueued`` event, which this module's subscriber passes to the runner.
- ``enqueue_now(name, **args)`` from code without a session (a job enqueuing the next step).

Arguments are checked when enqueued: anything ``json.dumps`` refuses raises ``TypeError``
naming the argument, because a job may run in another process later.

Today the ``Runner`` runs jobs in this process, as asyncio tasks on its event loop (a web
worker's, or a command's), at most ``concurrency`` at a time, so a request never waits for one.
A job that fails is retried with exponential backoff up to ``max_attempts``; each failure is
logged with the job's name, the attempt and the *names* of its arguments (values may be secret).
Delivery is at least once: a job must be idempotent (running it twice does no harm), which
retries need already and a Dramatiq broker needs too.

Scaling out (Dramatiq on Redis) replaces the ``Runner`` behind the same calls: ``enqueue`` and
``enqueue_now`` hand the name and JSON arguments to whatever ``Backend`` is current (``submit``
is the whole interface), and an ``inkwell worker`` process builds a ``JobContext`` and calls the
same job functions. Callers never change. Tests wait for queued jobs with ``await
runner.drain()``; a command runs one job in its own process with ``run_job`` (or
``run_job_blocking`` from synchronous code).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import Any, Protocol

from inkwell.core import events
from inkwell.core.db import Database
from inkwell.core.mail import MailConfig, Mailer

logger = logging.getLogger("inkwell.jobs")

ENQUEUED = "job.enqueued"
events.declare(ENQUEUED)


@dataclass(frozen=True)
class JobContext:
    """What a job gets besides its arguments: the process's database, settings and mailer."""

    database: Database
    settings: Any
    mailer: Mailer
    job: str = ""
    """The name the job was enqueued under."""
    attempt: int = 1
    """1 on the first run, 2 on the first retry..."""


Job = Callable[[JobContext, Mapping[str, Any]], Awaitable[None]]
"""A background job, called with its context and its JSON arguments; features declare theirs
in ``Feature(jobs=...)``."""


class Backend(Protocol):
    """Where enqueued jobs go: the in-process ``Runner`` now, a Dramatiq broker later."""

    def submit(self, name: str, args: Mapping[str, Any]) -> None:
        """Queue job ``name`` with ``args`` (already checked); never blocks, thread-safe."""


class UnknownJob(LookupError):
    """No feature declares a job of this name."""


class NoRunner(RuntimeError):
    """A job was enqueued in a process that runs none (start a ``Runner`` first)."""


_backends: list[Backend] = []


def current() -> Backend:
    """The backend jobs enqueued now go to: the runner started on the running event loop (the
    scheduler's thread has its own), else the most recently started one."""
    if not _backends:
        raise NoRunner(
            "no job runner is running in this process: jobs are run by the web application "
            "(its lifespan) or inside `async with jobs.running(...)`"
        )
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    for backend in reversed(_backends):
        if getattr(backend, "loop", None) is loop:
            return backend
    return _backends[-1]


def checked_args(name: str, args: Mapping[str, Any]) -> dict[str, Any]:
    """``args`` as JSON would bring them back; TypeError naming an argument JSON refuses."""
    for key, value in args.items():
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"job {name!r}: argument {key!r} is a {type(value).__name__}, which is not "
                f"JSON-serialisable ({exc}); pass ids, strings and numbers"
            ) from None
    loaded: dict[str, Any] = json.loads(json.dumps(dict(args)))
    return loaded


def _known(backend: Backend, name: str) -> None:
    names = getattr(backend, "names", None)
    if names is not None and name not in names:
        raise UnknownJob(f"no feature declares the job {name!r}")


def enqueue(session: Any, name: str, **args: Any) -> None:
    """Run job ``name`` with ``args`` once ``session``'s outermost transaction commits.

    Raises TypeError (arguments not JSON), UnknownJob, or NoRunner, at once: a mistake shows in
    the code that made it, not later in a log.
    """
    backend = current()
    _known(backend, name)
    events.emit(session, ENQUEUED, None, job=name, args=checked_args(name, args))


def enqueue_now(name: str, **args: Any) -> None:
    """Run job ``name`` with ``args`` in the background now (for code without a session)."""
    backend = current()
    _known(backend, name)
    backend.submit(name, checked_args(name, args))


def _committed(found: events.Event) -> None:
    # Delivered in the committing thread: ``submit`` is thread-safe and never blocks.
    name = str(found.data["job"])
    try:
        current().submit(name, found.data["args"])
    except NoRunner:
        logger.error("job %s was enqueued but no runner is left to run it", name)


events.subscribe(ENQUEUED, _committed)


class Runner:
    """Runs jobs in this process as asyncio tasks of the loop it was started on."""

    def __init__(
        self,
        jobs: Mapping[str, Job],
        context: JobContext,
        *,
        concurrency: int = 4,
        max_attempts: int = 5,
        backoff_seconds: float = 2.0,
        max_backoff_seconds: float = 300.0,
    ) -> None:
        self.jobs = dict(jobs)
        self.names = frozenset(self.jobs)
        self.context = context
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self._concurrency = concurrency
        self._slots: asyncio.Semaphore | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._pending = 0  # submitted, task not made yet (submit may come from any thread)
        self._pending_lock = threading.Lock()

    def start(self) -> None:
        """Take jobs from now on, running them on the current event loop."""
        self.loop = asyncio.get_running_loop()
        self._slots = asyncio.Semaphore(self._concurrency)
        _backends.append(self)

    def submit(self, name: str, args: Mapping[str, Any]) -> None:
        """Queue a run of ``name``; callable from any thread."""
        if self.loop is None:
            raise NoRunner("the job runner was not started")
        with self._pending_lock:
            self._pending += 1
        self.loop.call_soon_threadsafe(self._spawn, name, dict(args))

    def _spawn(self, name: str, args: dict[str, Any]) -> None:
        with self._pending_lock:
            self._pending -= 1
        task = asyncio.ensure_future(self._run(name, args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (doubling, capped)."""
        return min(self.backoff_seconds * 2.0 ** (attempt - 1), self.max_backoff_seconds)

    async def _run(self, name: str, args: dict[str, Any]) -> None:
        assert self._slots is not None
        for attempt in range(1, self.max_attempts + 1):
            async with self._slots:
                if await self.attempt(name, args, attempt):
                    return
            if attempt < self.max_attempts:
                await asyncio.sleep(self.delay(attempt))  # the slot is free meanwhile
        logger.error("job %s gave up after %d attempts", name, self.max_attempts)

    async def attempt(self, name: str, args: Mapping[str, Any], attempt: int = 1) -> bool:
        """Run ``name`` once; True when it succeeded (a failure is logged, not raised)."""
        job = self.jobs.get(name)
        if job is None:
            logger.error("job %s is not known to this process: dropped", name)
            return True
        context = JobContext(
            self.context.database, self.context.settings, self.context.mailer, name, attempt
        )
        try:
            await job(context, args)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure of a job is retried
            logger.warning(
                "job %s failed (attempt %d of %d, arguments %s): %s: %s",
                name,
                attempt,
                self.max_attempts,
                ", ".join(sorted(args)) or "none",
                type(exc).__name__,
                _one_line(str(exc)),
            )
            return False
        return True

    async def drain(self) -> None:
        """Wait until every queued job (and every job those enqueued) has finished."""
        while True:
            await asyncio.sleep(0)  # let submissions from call_soon_threadsafe land
            if not self._tasks and not self._pending:
                return
            if self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """Take no more jobs; give running ones ``grace_seconds``, then cancel them."""
        with suppress(ValueError):
            _backends.remove(self)
        await asyncio.sleep(0)
        tasks = list(self._tasks)
        if not tasks:
            return
        _, unfinished = await asyncio.wait(tasks, timeout=grace_seconds)
        if unfinished:
            logger.warning("stopping: %d job(s) still running were cancelled", len(unfinished))
            for task in unfinished:
                task.cancel()
            await asyncio.gather(*unfinished, return_exceptions=True)
        else:
            logger.info("stopping: the %d running job(s) finished", len(tasks))


@asynccontextmanager
async def running(
    jobs: Mapping[str, Job], context: JobContext, **options: Any
) -> AsyncIterator[Runner]:
    """A started runner for the block (an app's lifespan, a command); drained, then stopped."""
    runner = Runner(jobs, context, **options)
    runner.start()
    try:
        yield runner
        await runner.drain()
    finally:
        await runner.stop()


async def run_job(jobs: Mapping[str, Job], context: JobContext, name: str, **args: Any) -> None:
    """Run job ``name`` once, now, in the caller (a command); its exception propagates.

    The arguments are checked as ``enqueue`` checks them; jobs it enqueues run before it
    returns.
    """
    if name not in jobs:
        raise UnknownJob(f"no feature declares the job {name!r}")
    checked = checked_args(name, args)
    async with running(jobs, context) as runner:
        await jobs[name](
            JobContext(context.database, context.settings, context.mailer, name), checked
        )
        await runner.drain()


def run_job_blocking(
    jobs: Mapping[str, Job],
    name: str,
    *,
    database_url: str,
    settings: Any,
    mail_config: MailConfig,
    **args: Any,
) -> None:
    """``run_job`` from a synchronous command, with a database and a mailer of its own."""

    async def main() -> None:
        database = Database(database_url)
        try:
            context = JobContext(database, settings, Mailer(mail_config))
            await run_job(jobs, context, name, **args)
        finally:
            await database.dispose()

    asyncio.run(main())


def _one_line(text: str) -> str:
    return " ".join(text.split())[:500]
