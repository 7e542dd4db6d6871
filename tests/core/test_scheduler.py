"""The periodic scheduler: its own thread and loop, a run at start, then every interval."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from inkwell.content.models import Post
from inkwell.core.features import Feature, Registry, ScheduledTask
from inkwell.core.jobs import Job, JobContext, enqueue_now
from inkwell.core.mail import MailConfig
from inkwell.core.scheduler import Scheduler, SchedulerError

# A bound for a thread that never does what it should, not a speed check.
PATIENCE_SECONDS = 60


class Calls:
    """What the test jobs did, shared with the scheduler's thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.names: list[str] = []
        self.counts: list[int] = []
        self.overlapping = 0
        self.running = 0
        self.threads: set[str] = set()

    def add(self, name: str) -> None:
        with self.lock:
            self.names.append(name)
            self.threads.add(threading.current_thread().name)

    def wait_for(self, name: str, times: int = 1) -> None:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while time.monotonic() < deadline:
            with self.lock:
                if self.names.count(name) >= times:
                    return
            time.sleep(0.01)
        pytest.fail(f"{name} ran {self.names.count(name)} time(s), not {times}")


@pytest.fixture
def calls() -> Calls:
    return Calls()


def make_jobs(calls: Calls) -> dict[str, Job]:
    async def count_posts(context: JobContext, args: Mapping[str, Any]) -> None:
        async with context.database.session() as session:
            calls.counts.append(await session.scalar(select(func.count()).select_from(Post)) or 0)
        calls.add("count_posts")

    async def tick(context: JobContext, args: Mapping[str, Any]) -> None:
        calls.running += 1
        calls.overlapping = max(calls.overlapping, calls.running)
        try:
            calls.add("tick")
        finally:
            calls.running -= 1

    async def broken(context: JobContext, args: Mapping[str, Any]) -> None:
        calls.add("broken")
        raise RuntimeError("always fails")

    async def chain(context: JobContext, args: Mapping[str, Any]) -> None:
        calls.add("chain")
        enqueue_now("tick")

    return {"count_posts": count_posts, "tick": tick, "broken": broken, "chain": chain}


@pytest.fixture
def start(sqlite_url: str, tmp_path: Path, calls: Calls) -> Iterator[Any]:
    started: list[Scheduler] = []

    def start(*tasks: ScheduledTask) -> Scheduler:
        scheduler = Scheduler(
            tasks,
            make_jobs(calls),
            database_url=sqlite_url,
            settings=None,
            mail_config=MailConfig(outbox_dir=tmp_path / "outbox"),
        )
        scheduler.start()
        started.append(scheduler)
        return scheduler

    yield start
    for scheduler in started:
        scheduler.stop()


def test_every_task_runs_once_at_start_in_the_scheduler_thread(start: Any, calls: Calls) -> None:
    start(ScheduledTask("counting", "count_posts", timedelta(hours=1)))
    calls.wait_for("count_posts")
    assert calls.counts == [0]  # it read the real database through its own connection
    assert calls.threads == {"inkwell-scheduler"}


def test_a_task_runs_again_every_interval_never_overlapping(start: Any, calls: Calls) -> None:
    start(ScheduledTask("ticking", "tick", timedelta(milliseconds=50)))
    calls.wait_for("tick", times=3)
    assert calls.overlapping == 1


def test_a_failing_task_is_logged_and_runs_again(
    start: Any, calls: Calls, caplog: pytest.LogCaptureFixture
) -> None:
    scheduler = start(ScheduledTask("failing", "broken", timedelta(milliseconds=50)))
    calls.wait_for("broken", times=2)
    assert scheduler.running
    assert "job broken failed (attempt 1 of 5, arguments none)" in caplog.text


def test_jobs_a_task_enqueues_run_in_the_scheduler_process(start: Any, calls: Calls) -> None:
    start(ScheduledTask("chaining", "chain", timedelta(hours=1)))
    calls.wait_for("tick")
    assert calls.threads == {"inkwell-scheduler"}


def test_stop_ends_the_thread(start: Any, calls: Calls) -> None:
    scheduler = start(ScheduledTask("counting", "count_posts", timedelta(hours=1)))
    calls.wait_for("count_posts")
    scheduler.stop()
    assert not scheduler.running
    assert "inkwell-scheduler" not in {t.name for t in threading.enumerate()}
    scheduler.stop()  # twice is harmless


def test_a_task_with_an_unknown_job_is_refused(sqlite_url: str) -> None:
    with pytest.raises(SchedulerError, match="nightly"):
        Scheduler(
            [ScheduledTask("nightly", "missing", timedelta(days=1))],
            {},
            database_url=sqlite_url,
            settings=None,
            mail_config=MailConfig(),
        )


def test_an_unreachable_database_stops_the_start(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    scheduler = Scheduler(
        [],
        {},
        database_url=f"sqlite+aiosqlite:///{blocker}/sub/blog.db",
        settings=None,
        mail_config=MailConfig(),
    )
    with pytest.raises(SchedulerError, match="cannot start the scheduler"):
        scheduler.start()


def test_the_registry_schedules_publishing_every_20_seconds(sqlite_url: str) -> None:
    from inkwell.features import registry

    scheduler = Scheduler.for_registry(
        registry(), database_url=sqlite_url, settings=None, mail_config=MailConfig()
    )
    assert {(t.name, t.job, t.every) for t in scheduler.tasks} >= {
        ("publish-scheduled", "content.publish_due", timedelta(seconds=20))
    }


def test_for_registry_takes_every_feature_task(sqlite_url: str, calls: Calls) -> None:
    feature = Feature[None](
        name="demo",
        jobs=make_jobs(calls),
        scheduled=(ScheduledTask("t", "tick", timedelta(minutes=5)),),
    )
    scheduler = Scheduler.for_registry(
        Registry([feature]), database_url=sqlite_url, settings=None, mail_config=MailConfig()
    )
    assert [t.name for t in scheduler.tasks] == ["t"]


async def test_the_web_application_starts_no_scheduler(client: Any) -> None:
    # Only `inkwell serve`'s master process runs one; every web worker is an app like this.
    assert (await client.get("/")).status_code == 200
    assert "inkwell-scheduler" not in {t.name for t in threading.enumerate()}
