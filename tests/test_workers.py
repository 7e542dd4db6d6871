"""Several web workers on one SQLite file: a change is seen by every worker on its next request.

The server runs with ``INKWELL_TEST_WORKER_HEADER=1``, so each response names the worker
process that answered it: the test shows both workers answered, before and after the change.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from inkwell.content import service, site_settings
from inkwell.core.db import Database

# Fresh connections land on either worker as the kernel decides: ask until both answered.
MAX_ROUNDS = 400


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[str, str]]:
    port = free_port()
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'blog.db'}"
    env = os.environ | {
        "INKWELL_DATABASE_URL": database_url,
        "INKWELL_MEDIA_DIR": str(tmp_path / "media"),
        "INKWELL_DEMO_CONTENT": "true",
        "INKWELL_LOG_LEVEL": "warning",
        "INKWELL_TEST_WORKER_HEADER": "1",
    }
    command = [sys.executable, "-m", "inkwell", "serve", "--port", str(port), "--workers", "2"]
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        # A bound for a server that never comes up, not a speed check: two workers each
        # importing the app take long on a loaded two-core machine.
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"inkwell serve did not start:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield base, database_url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


async def pages_from_both_workers(client: httpx.AsyncClient, *expected: str) -> set[str]:
    """Ask for the home page until two workers answered; each answer must show ``expected``."""
    workers: set[str] = set()
    for _ in range(MAX_ROUNDS):
        response = await client.get("/", headers={"Connection": "close"})
        for text in expected:
            assert text in response.text
        workers.add(response.headers["x-inkwell-worker"])
        if len(workers) == 2:
            break
    return workers


async def test_every_worker_sees_a_new_title_on_its_next_request(
    two_workers: tuple[str, str],
) -> None:
    base, database_url = two_workers
    async with httpx.AsyncClient(base_url=base) as client:
        before = await pages_from_both_workers(client, "A tour of the cards you can write")
        # Both have the page in their cache now: the next request of each is a cache hit.
        database = Database(database_url)
        try:
            async with database.session() as session:
                site, _ = await site_settings.update(session, {"title": "Renamed by a test"})
                post = (await service.all_published(session))[-1]
                post.title = "A retitled post"
                await service.rerender_all(session, service.render_options(site, base))
        finally:
            await database.dispose()
        after = await pages_from_both_workers(client, "Renamed by a test", "A retitled post")
    assert len(before) == 2 and after == before


async def test_production_responses_do_not_name_the_worker(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert "x-inkwell-worker" not in response.headers
