"""Background jobs: enqueued with a transaction, run in the background, retried, drained."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from inkwell.content.models import Post
from inkwell.core import events, jobs
from inkwell.core.db import Database
from inkwell.core.jobs import Job, JobContext, Runner
from inkwell.core.mail import MailConfig, Mailer
from tests.factories import make_post


class Recorder:
    """Test jobs that write down what they were called with."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, dict[str, Any]]] = []
        self.failures_left = 0
        self.gate = asyncio.Event()
        self.running = 0
        self.most_running = 0

    async def record(self, context: JobContext, args: Mapping[str, Any]) -> None:
        self.calls.append((context.job, context.attempt, dict(args)))

    async def flaky(self, context: JobContext, args: Mapping[str, Any]) -> None:
        self.calls.append((context.job, context.attempt, dict(args)))
        if self.failures_left:
            self.failures_left -= 1
            raise RuntimeError("the disk is full")

    async def count_posts(self, context: JobContext, args: Mapping[str, Any]) -> None:
        async with context.database.session() as session:
            count = await session.scalar(select(func.count()).select_from(Post))
        self.calls.append((context.job, context.attempt, {"posts": count}))

    async def chain(self, context: JobContext, args: Mapping[str, Any]) -> None:
        self.calls.append((context.job, context.attempt, dict(args)))
        jobs.enqueue_now("test.record", step=int(args["step"]) + 1)

    async def wait(self, context: JobContext, args: Mapping[str, Any]) -> None:
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            await self.gate.wait()
        finally:
            self.running -= 1
        self.calls.append((context.job, context.attempt, dict(args)))

    def jobs(self) -> dict[str, Job]:
        return {
            "test.record": self.record,
            "test.flaky": self.flaky,
            "test.count_posts": self.count_posts,
            "test.chain": self.chain,
            "test.wait": self.wait,
        }


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def context(database: Database, tmp_path: Path) -> JobContext:
    return JobContext(database, None, Mailer(MailConfig(outbox_dir=tmp_path / "outbox")))


@pytest.fixture
async def runner(recorder: Recorder, context: JobContext) -> AsyncIterator[Runner]:
    # No backoff: a retry is due at once (the doubling itself is tested on ``delay``).
    async with jobs.running(recorder.jobs(), context, backoff_seconds=0, max_attempts=3) as r:
        yield r


async def test_a_job_runs_after_the_commit(
    database: Database, runner: Runner, recorder: Recorder
) -> None:
    async with database.session() as session:
        jobs.enqueue(session, "test.record", post_id="p1", sizes=[600, 1000])
        await asyncio.sleep(0)
        await runner.drain()
        assert recorder.calls == []  # not committed yet
    await runner.drain()
    assert recorder.calls == [("test.record", 1, {"post_id": "p1", "sizes": [600, 1000]})]


async def test_a_rollback_drops_the_job(
    database: Database, runner: Runner, recorder: Recorder
) -> None:
    with pytest.raises(RuntimeError):
        async with database.session() as session:
            jobs.enqueue(session, "test.record", n=1)
            raise RuntimeError("the request failed")
    await runner.drain()
    assert recorder.calls == []


async def test_a_rolled_back_savepoint_drops_only_its_job(
    database: Database, runner: Runner, recorder: Recorder
) -> None:
    async with database.session() as session:
        jobs.enqueue(session, "test.record", n=1)
        savepoint = await session.begin_nested()
        jobs.enqueue(session, "test.record", n=2)
        await savepoint.rollback()
    await runner.drain()
    assert [args for _, _, args in recorder.calls] == [{"n": 1}]


async def test_a_job_uses_the_database_of_its_context(
    database: Database, runner: Runner, recorder: Recorder
) -> None:
    async with database.session() as session:
        await make_post(session, title="Counted")
        jobs.enqueue(session, "test.count_posts")
    await runner.drain()
    assert recorder.calls == [("test.count_posts", 1, {"posts": 1})]


async def test_arguments_that_are_not_json_are_refused_at_enqueue(
    database: Database, runner: Runner, recorder: Recorder
) -> None:
    async with database.session() as session:
        with pytest.raises(TypeError, match=r"job 'test.record': argument 'path' is a PosixPath"):
            jobs.enqueue(session, "test.record", path=Path("/tmp/x"))
        assert not events.pending(session)
    await runner.drain()
    assert recorder.calls == []


async def test_an_unknown_job_is_refused_at_enqueue(database: Database, runner: Runner) -> None:
    async with database.session() as session:
        with pytest.raises(jobs.UnknownJob, match=r"no feature declares the job 'test\.nope'"):
            jobs.enqueue(session, "test.nope")


async def test_a_failing_job_is_retried_until_it_succeeds(
    runner: Runner, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.failures_left = 2
    jobs.enqueue_now("test.flaky", token="s3cret-token")
    await runner.drain()
    assert [(name, attempt) for name, attempt, _ in recorder.calls] == [
        ("test.flaky", 1),
        ("test.flaky", 2),
        ("test.flaky", 3),
    ]
    failures = [r.getMessage() for r in caplog.records if r.name == "inkwell.jobs"]
    assert failures[0].startswith("job test.flaky failed (attempt 1 of 3, arguments token)")
    assert "the disk is full" in failures[0]
    assert "s3cret-token" not in caplog.text  # argument values never reach the log


async def test_a_job_that_keeps_failing_gives_up(
    runner: Runner, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.failures_left = 10
    jobs.enqueue_now("test.flaky")
    await runner.drain()
    assert len(recorder.calls) == 3
    assert "job test.flaky gave up after 3 attempts" in caplog.text


def test_retries_back_off_exponentially(context: JobContext) -> None:
    runner = Runner({}, context, backoff_seconds=2, max_backoff_seconds=60)
    assert [runner.delay(n) for n in (1, 2, 3, 4, 5, 6)] == [2, 4, 8, 16, 32, 60]


async def test_drain_waits_for_jobs_that_jobs_enqueued(runner: Runner, recorder: Recorder) -> None:
    jobs.enqueue_now("test.chain", step=1)
    await runner.drain()
    assert [(name, args) for name, _, args in recorder.calls] == [
        ("test.chain", {"step": 1}),
        ("test.record", {"step": 2}),
    ]


async def test_jobs_run_at_most_concurrency_at_a_time(
    recorder: Recorder, context: JobContext
) -> None:
    async with jobs.running(recorder.jobs(), context, concurrency=2) as runner:
        for n in range(5):
            jobs.enqueue_now("test.wait", n=n)
        for _ in range(20):  # let every task start that may
            await asyncio.sleep(0)
        assert recorder.running == 2
        recorder.gate.set()
        await runner.drain()
    assert len(recorder.calls) == 5
    assert recorder.most_running == 2


async def test_stopping_cancels_a_job_that_does_not_finish(
    recorder: Recorder, context: JobContext, caplog: pytest.LogCaptureFixture
) -> None:
    runner = Runner(recorder.jobs(), context)
    runner.start()
    jobs.enqueue_now("test.wait", n=1)
    for _ in range(5):
        await asyncio.sleep(0)
    await runner.stop(grace_seconds=0)
    assert recorder.calls == [] and recorder.running == 0
    assert "stopping: 1 job(s) still running were cancelled" in caplog.text
    with pytest.raises(jobs.NoRunner):
        jobs.enqueue_now("test.record")


def test_enqueue_without_a_runner_says_how_to_get_one() -> None:
    with pytest.raises(jobs.NoRunner, match="no job runner is running in this process"):
        jobs.enqueue_now("test.record")


async def test_run_job_runs_now_and_raises(recorder: Recorder, context: JobContext) -> None:
    await jobs.run_job(recorder.jobs(), context, "test.chain", step=5)
    assert [args for _, _, args in recorder.calls] == [{"step": 5}, {"step": 6}]
    recorder.failures_left = 1
    with pytest.raises(RuntimeError, match="the disk is full"):
        await jobs.run_job(recorder.jobs(), context, "test.flaky")


async def test_the_app_runs_the_registry_jobs(client: AsyncClient) -> None:
    runner = jobs.current()
    assert isinstance(runner, Runner)
    assert "content.publish_due" in runner.names
    assert isinstance(runner.context.mailer, Mailer)


def test_run_job_blocking_serves_synchronous_commands(
    recorder: Recorder, sqlite_url: str, tmp_path: Path
) -> None:
    jobs.run_job_blocking(
        recorder.jobs(),
        "test.count_posts",
        database_url=sqlite_url,
        settings=None,
        mail_config=MailConfig(outbox_dir=tmp_path),
    )
    assert recorder.calls == [("test.count_posts", 1, {"posts": 0})]
