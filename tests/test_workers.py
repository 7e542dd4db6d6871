"""Several web workers on one SQLite file: a change is seen by every worker on its next request."""

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

ROUNDS = 40


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
    }
    command = [sys.executable, "-m", "inkwell", "serve", "--port", str(port), "--workers", "2"]
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
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


async def test_every_worker_sees_a_new_title_on_its_next_request(
    two_workers: tuple[str, str],
) -> None:
    base, database_url = two_workers
    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(ROUNDS):  # fresh connections, so that both workers cache the page
            response = await client.get("/", headers={"Connection": "close"})
            assert "A tour of the cards you can write" in response.text
        database = Database(database_url)
        try:
            async with database.session() as session:
                site, _ = await site_settings.update(session, {"title": "Renamed by a test"})
                post = (await service.all_published(session))[-1]
                post.title = "A retitled post"
                await service.rerender_all(session, service.render_options(site, base))
        finally:
            await database.dispose()
        for _ in range(ROUNDS):
            response = await client.get("/", headers={"Connection": "close"})
            assert "Renamed by a test" in response.text
            assert "A retitled post" in response.text
