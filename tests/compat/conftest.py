"""A real ``inkwell serve`` for the compatibility tests, on SQLite and on PostgreSQL.

The site holds the same four posts Ghost served for the reference answers (the hand-written demo
feed in this folder, imported with ``inkwell import rss``) and one integration made with
``inkwell integration create NAME --json``, as an operator would make it. Node (for Ghost's
official clients) and PostgreSQL are skipped with the reason when absent, unless
``INKWELL_REQUIRE_SERVICES=1``, where their absence fails the tests.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import (
    create_postgres_database,
    drop_postgres_database,
    postgres_admin_url,
    services_required,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEMO_FEED = HERE / "demo-feed.xml"
CLIENT_SCRIPT = HERE / "ghost_clients.mjs"
CLIENT_PACKAGES = ("@tryghost/content-api", "@tryghost/admin-api")
START_TIMEOUT_S = 90.0


def missing(reason: str) -> None:
    """Skip with ``reason``, or fail when the CI says every service must be there."""
    if services_required():
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass(frozen=True)
class Site:
    """A running Inkwell and the keys of its integration."""

    base: str
    folder: Path
    content_key: str
    admin_key: str
    backend: str

    @property
    def log(self) -> Path:
        """The server's output (the access log is on)."""
        return self.folder / "server.log"


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def inkwell(env: dict[str, str], folder: Path, *args: str) -> str:
    """Run an ``inkwell`` command to its end in ``folder``; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "inkwell", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if done.returncode != 0:
        raise AssertionError(f"inkwell {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"inkwell serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise AssertionError(f"inkwell serve did not answer at {url} within {START_TIMEOUT_S:.0f} s")


def site_env(folder: Path, port: int, database_url: str) -> dict[str, str]:
    """The settings of a site living in ``folder`` (no INKWELL_* of the caller leaks in)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INKWELL_")}
    base = f"http://127.0.0.1:{port}"
    env.update(
        INKWELL_DATABASE_URL=database_url,
        INKWELL_MEDIA_DIR=str(folder / "media"),
        INKWELL_OUTBOX_DIR=str(folder / "outbox"),
        INKWELL_SITE_URL=base,
        INKWELL_HOST="127.0.0.1",
        INKWELL_PORT=str(port),
        INKWELL_DEMO_CONTENT="false",
        INKWELL_OWNER_EMAIL="owner@compat.example",
        INKWELL_OWNER_NAME="Compat Owner",
        # The access log is on: the tests read it for leaked keys.
        INKWELL_LOG_LEVEL="info",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def serving(folder: Path, database_url: str, backend: str) -> Iterator[Site]:
    """Prepare the demo site on ``database_url``, make an integration, serve until the end."""
    port = free_port()
    env = site_env(folder, port, database_url)
    inkwell(env, folder, "migrate")
    inkwell(env, folder, "import", "rss", str(DEMO_FEED))
    created = json.loads(inkwell(env, folder, "integration", "create", "Compat clients", "--json"))
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "inkwell", "serve"],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = env["INKWELL_SITE_URL"]
    try:
        _wait_until_up(base + "/", process)
        yield Site(base, folder, created["content_api_key"], created["admin_api_key"], backend)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def node() -> str:
    """The node executable, with Ghost's clients installed from package-lock.json."""
    found = shutil.which("node")
    if found is None:
        missing("node not found: Ghost's official clients need Node.js (apt-get install nodejs)")
    for package in CLIENT_PACKAGES:
        if not (ROOT / "node_modules" / package / "package.json").exists():
            missing(f"{package} missing from node_modules: run `npm ci --ignore-scripts`")
    assert found is not None
    return found


@pytest.fixture(scope="session")
async def compat_postgres_url() -> AsyncIterator[str]:
    """An empty database of its own on the PostgreSQL server (``inkwell migrate`` fills it)."""
    admin = postgres_admin_url()
    url = await create_postgres_database(admin)
    try:
        yield url
    finally:
        await drop_postgres_database(admin, url)


def _running_site(
    request: pytest.FixtureRequest, factory: pytest.TempPathFactory, name: str
) -> Iterator[Site]:
    folder = factory.mktemp(f"{name}-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'inkwell.db'}"
    else:
        url = str(request.getfixturevalue(f"{name}_postgres_url"))
    with serving(folder, url, request.param) as running:
        yield running


@pytest.fixture(scope="session")
async def fuzz_postgres_url() -> AsyncIterator[str]:
    """The schemathesis site's own database on the PostgreSQL server."""
    admin = postgres_admin_url()
    url = await create_postgres_database(admin)
    try:
        yield url
    finally:
        await drop_postgres_database(admin, url)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The running demo site for Ghost's clients, once on SQLite and once on PostgreSQL."""
    yield from _running_site(request, tmp_path_factory, "compat")


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def fuzz_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """Another demo site, for schemathesis's random writes (they must not reach the clients')."""
    yield from _running_site(request, tmp_path_factory, "fuzz")
