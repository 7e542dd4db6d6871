"""Browser tests: a real ``inkwell serve`` on a free port, Chromium, axe-core and the Nu checker.

Each missing tool skips these tests with the reason, unless ``INKWELL_REQUIRE_SERVICES=1``
(CI), where it fails them instead.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LocalSMTPServer

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _missing(reason: str) -> None:
    if os.environ.get("INKWELL_REQUIRE_SERVICES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass(frozen=True)
class Tools:
    """Where the browser-test tools are."""

    chromium: Path
    axe: Path
    vnu: Path
    java: str


@pytest.fixture(scope="session")
def tools() -> Tools:
    """The browser, axe-core and the Nu checker, or a skip saying which is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright (python) is not installed")
    if not CHROMIUM.exists():
        _missing(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    if not AXE.exists() or not VNU.exists():
        _missing("axe-core or vnu-jar missing from node_modules: run `npm ci`")
    java = shutil.which("java")
    if java is None:
        _missing("java not found: the Nu HTML checker (vnu.jar) needs a JRE")
    assert java is not None
    return Tools(CHROMIUM, AXE, VNU, java)


@pytest.fixture(scope="module")
def browser(tools: Tools) -> Iterator[Any]:
    """A headless Chromium driven by Playwright.

    Module scope, not session: Playwright's sync API keeps its own event loop running while it
    is open, which would stop every later asyncio test from starting its own.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(tools.chromium), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"inkwell serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(f"inkwell serve did not answer at {url} within {timeout}s")


def _site_env(folder: Path, port: int) -> dict[str, str]:
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.update(
        INKWELL_DATABASE_URL=f"sqlite:///{folder / 'inkwell.db'}",
        INKWELL_MEDIA_DIR=str(folder / "media"),
        INKWELL_OUTBOX_DIR=str(folder / "outbox"),
        INKWELL_SITE_URL=base,
        INKWELL_HOST="127.0.0.1",
        INKWELL_PORT=str(port),
        INKWELL_DEMO_CONTENT="true",
        INKWELL_LOG_LEVEL="warning",
    )
    return env


@contextmanager
def _serving(folder: Path, env: dict[str, str]) -> Iterator[str]:
    """``inkwell serve`` in ``folder`` with ``env`` until the block ends; yields its base URL."""
    base = env["INKWELL_SITE_URL"]
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "inkwell", "serve"],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server(tools: Tools, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``inkwell serve`` with demo content on a fresh SQLite file; yields its base URL."""
    folder = tmp_path_factory.mktemp("e2e-site")
    with _serving(folder, _site_env(folder, _free_port())) as base:
        yield base


E2E_PASSWORD = "e2e-password-long-enough"


@dataclass(frozen=True)
class AdminSite:
    """A running site of its own for the admin's browser tests, with staff who can sign in."""

    base: str
    password: str
    emails: dict[str, str]  # role -> email
    outbox: Path  # where the site's mail goes (no SMTP server is configured)
    database: Path  # its SQLite file


def _inkwell(env: dict[str, str], folder: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "inkwell", *args],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


@contextmanager
def _staffed_site(folder: Path) -> Iterator[AdminSite]:
    """A demo site in ``folder`` with an administrator, a contributor and an author made by
    ``inkwell user create``, as an operator would, served until the block ends."""
    env = _site_env(folder, _free_port())
    _inkwell(env, folder, "migrate")
    emails = {role: f"{role}@e2e.example" for role in ("administrator", "contributor", "author")}
    for role, email in emails.items():
        name = f"E2E {role.capitalize()}"
        _inkwell(
            env,
            folder,
            "user",
            "create",
            "--email",
            email,
            "--name",
            name,
            "--role",
            role,
            "--password",
            E2E_PASSWORD,
        )
    with _serving(folder, env) as base:
        yield AdminSite(base, E2E_PASSWORD, emails, folder / "outbox", folder / "inkwell.db")


@pytest.fixture(scope="session")
def admin_site(tools: Tools, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AdminSite]:
    """A second demo site (the admin tests change its content) with staff (the lockout
    test's author among them)."""
    with _staffed_site(tmp_path_factory.mktemp("e2e-admin")) as site:
        yield site


@pytest.fixture(scope="session")
def analytics_site(tools: Tools, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AdminSite]:
    """A demo site of its own for analytics (its counts are the tests' alone), with staff."""
    with _staffed_site(tmp_path_factory.mktemp("e2e-analytics")) as site:
        yield site


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and saved pages go (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# ---- the comments site: a blog, its SMTP server, and two other sites that embed its widget ----

COMMENT_SETTINGS = {
    # Shown at once and no wait, so each test's own rule is the only one; a comment with more
    # than one link is held, which gives the moderation test its held comment.
    "moderation": "none",
    "min_submit_seconds": 0,
    "max_links": 1,
    "per_address_per_hour": 1000,
    "per_identity_per_hour": 1000,
}
_SET_COMMENT_SETTINGS = """
import asyncio, json, sys
from inkwell.comments import service
from inkwell.core.db import Database
from inkwell.settings import Settings

async def main() -> None:
    database = Database(Settings().database_url)
    async with database.session(write=True) as session:
        await service.update_settings(session, json.loads(sys.argv[1]))
    await database.dispose()

asyncio.run(main())
"""
EMBED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head>
<body><main><h1>An article on another site</h1><p>Some words.</p></main>
<script src="{blog}/js/comments.js" data-inkwell-url="{origin}/article/" async></script>
</body></html>
"""


class OtherSite:
    """A tiny static site on its own port (so its own origin) whose page embeds the widget."""

    def __init__(self, blog: str) -> None:
        page = b""

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        page = EMBED_PAGE.format(blog=blog, origin=self.origin).encode("utf-8")
        self.page_url = self.origin + "/article/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> OtherSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass(frozen=True)
class CommentSite:
    """The running blog for the comments' browser tests, and what its tests need."""

    base: str
    staff_email: str
    password: str
    smtp: LocalSMTPServer
    allowed: OtherSite  # in the allowed-origins setting
    refused: OtherSite  # not in it


@pytest.fixture(scope="session")
def comment_site(tools: Tools, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CommentSite]:
    """A demo site whose mail goes to a real local SMTP server, with an administrator, and two
    other sites (origins) embedding its widget: one allowed by the setting, one not."""
    folder = tmp_path_factory.mktemp("e2e-comments")
    port = _free_port()
    blog = f"http://127.0.0.1:{port}"
    smtp = LocalSMTPServer()
    smtp.start()
    env = _site_env(folder, port)
    env.update(INKWELL_SMTP_HOST="127.0.0.1", INKWELL_SMTP_PORT=str(smtp.port))
    env["INKWELL_SMTP_STARTTLS"] = "false"
    try:
        with OtherSite(blog) as allowed, OtherSite(blog) as refused:
            _inkwell(env, folder, "migrate")
            email = "moderator@e2e.example"
            staff = ["--email", email, "--name", "E2E Moderator", "--role", "administrator"]
            _inkwell(env, folder, "user", "create", *staff, "--password", E2E_PASSWORD)
            wanted = COMMENT_SETTINGS | {"allowed_origins": [allowed.origin]}
            script = [sys.executable, "-c", _SET_COMMENT_SETTINGS, json.dumps(wanted)]
            subprocess.run(script, env=env, cwd=folder, check=True, timeout=60)
            with _serving(folder, env) as base:
                yield CommentSite(base, email, E2E_PASSWORD, smtp, allowed, refused)
    finally:
        smtp.stop()
