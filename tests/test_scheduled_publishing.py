"""Scheduled posts go live by themselves, exactly once, in every web worker: a real server.

``inkwell serve --workers 2`` runs on a temporary SQLite file with ``INKWELL_TEST_WORKER_HEADER=1``
(each response names the worker that answered). The test schedules a post through the content
service, as the admin would, and waits until both workers show it on the home page, in
``/rss/`` and in the posts sitemap, which both had cached before: the scheduler in the master
process published it and every worker dropped its cached pages. The server's log shows how many
times the post was published: once.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from inkwell.content import service
from inkwell.core.db import Database
from inkwell.core.migrate import upgrade
from inkwell.core.time import utcnow
from tests.factories import make_post
from tests.test_workers import free_port

# Bounds for a server that never does what it should, not speed checks: the scheduler looks
# every 20 s, and two workers importing the app take long on a loaded two-core machine.
START_PATIENCE_SECONDS = 180
PUBLISH_PATIENCE_SECONDS = 90
WATCHED = ("/", "/rss/", "/sitemap-posts.xml")


@dataclass
class Server:
    base: str
    database_url: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def database_url_in(folder: Path) -> str:
    return f"sqlite+aiosqlite:///{folder / 'blog.db'}"


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    server = Server(f"http://127.0.0.1:{port}", database_url_in(tmp_path), tmp_path / "serve.log")
    env = os.environ | {
        "INKWELL_DATABASE_URL": server.database_url,
        "INKWELL_MEDIA_DIR": str(tmp_path / "media"),
        "INKWELL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "INKWELL_DEMO_CONTENT": "false",
        "INKWELL_LOG_LEVEL": "info",
        "INKWELL_TEST_WORKER_HEADER": "1",
    }
    command = [sys.executable, "-m", "inkwell", "serve", "--port", str(port), "--workers", "2"]
    with server.log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_PATIENCE_SECONDS
            while True:
                try:
                    if httpx.get(server.base + "/", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"inkwell serve did not start:\n{server.log()}")
                time.sleep(0.2)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=60)
    assert "Traceback" not in server.log(), server.log()
    assert server.log().count("scheduler started") == 1  # once, by the master process
    assert "scheduler stopped" in server.log()  # and stopped cleanly on SIGTERM


async def answers(client: httpx.AsyncClient, path: str) -> tuple[str, str]:
    """One fresh connection's answer: (the worker that answered, the body)."""
    response = await client.get(path, headers={"Connection": "close"})
    assert response.status_code == 200, (path, response.status_code)
    return response.headers["x-inkwell-worker"], response.text


async def cached_by_both_workers(client: httpx.AsyncClient) -> None:
    """Ask for every watched path until both workers answered each (so both cached it)."""
    for path in WATCHED:
        workers: set[str] = set()
        for _ in range(400):
            worker, _ = await answers(client, path)
            workers.add(worker)
            if len(workers) == 2:
                break
        assert len(workers) == 2, f"one worker answered every request for {path}"


async def shown_by_both_workers(client: httpx.AsyncClient, text: str) -> None:
    """Poll until both workers show ``text`` on every watched path (or fail at the bound)."""
    deadline = time.monotonic() + PUBLISH_PATIENCE_SECONDS
    for path in WATCHED:
        showing: set[str] = set()
        while len(showing) < 2:
            worker, body = await answers(client, path)
            if text in body:
                showing.add(worker)
            elif time.monotonic() > deadline:
                pytest.fail(f"{path} of worker {worker} still does not show {text!r}")
            else:
                await asyncio.sleep(0.05)


def times_published(server: Server, post_id: str) -> int:
    return sum(
        1 for line in server.log().splitlines() if "scheduled post(s)" in line and post_id in line
    )


async def test_a_scheduled_post_goes_live_once_in_every_worker(serve: Server) -> None:
    database = Database(serve.database_url)
    async with httpx.AsyncClient(base_url=serve.base) as client:
        await cached_by_both_workers(client)
        try:
            async with database.session(write=True) as session:
                draft = await make_post(
                    session, title="Written for later", slug="written-for-later", status="draft"
                )
                when = utcnow() + timedelta(seconds=3)
                await service.schedule_post(session, draft.id, when)
            await shown_by_both_workers(client, "written-for-later")
            async with database.session() as session:
                post = await service.get_post(session, draft.id)
        finally:
            await database.dispose()
    assert post is not None
    assert post.status == "published"
    assert abs(post.published_at - when) < timedelta(seconds=1)  # its scheduled date, kept
    assert times_published(serve, draft.id) == 1


@pytest.fixture
async def due_while_down(tmp_path: Path) -> str:
    """A post whose scheduled time passed while no server ran (database made beforehand)."""
    url = database_url_in(tmp_path)
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    try:
        async with database.session(write=True) as session:
            post = await make_post(
                session,
                title="Due during the downtime",
                slug="due-during-the-downtime",
                status="scheduled",
                published_at=utcnow() - timedelta(minutes=10),
            )
            return post.id
    finally:
        await database.dispose()


async def test_a_post_due_while_the_server_was_down_goes_out_on_start(
    due_while_down: str, serve: Server
) -> None:
    async with httpx.AsyncClient(base_url=serve.base) as client:
        await shown_by_both_workers(client, "due-during-the-downtime")
    assert times_published(serve, due_while_down) == 1
