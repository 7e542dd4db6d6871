"""Readers' fixtures: an app on the test's database whose mail goes to the real local SMTP
server, a real OpenID Connect provider (npm oauth2-mock-server, run by node), a GitHub-like
provider in Python, and helpers that walk a browser through sign-in."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from inkwell.accounts.reader_web import COOKIE as READER_COOKIE
from inkwell.app import create_app
from inkwell.core.db import Database
from tests.accounts.conftest import web_settings
from tests.accounts.readers.fake_github import CLIENT_ID, CLIENT_SECRET, FakeGitHub
from tests.comments.conftest import configure, post  # noqa: F401 - shared fixtures
from tests.compat.conftest import free_port, missing
from tests.conftest import LocalSMTPServer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OIDC_SCRIPT = HERE / "oidc_provider.mjs"
OIDC_CLIENT_ID = "inkwell-tests"
OIDC_CLIENT_SECRET = "oidc-client-secret-never-logged"
SITE = "http://blog.test"


@dataclass
class Site:
    """A running app and a browser-like client on it."""

    http: AsyncClient
    app: FastAPI

    async def jobs_done(self) -> None:
        """Wait for the background jobs (the sign-in mail) to finish."""
        await self.app.state.jobs.drain()


@pytest.fixture
def make_site(database: Database, tmp_path: Path) -> Any:
    """``async with make_site(**settings) as site``: an app on the test's database."""

    @asynccontextmanager
    async def make(**overrides: object) -> AsyncIterator[Site]:
        settings = web_settings(database.url, tmp_path, **overrides)
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = ASGITransport(app=app)
            async with AsyncClient(transport=transport, base_url=settings.site_url) as http:
                yield Site(http, app)

    return make


@pytest.fixture
def mail_settings(smtp_server: LocalSMTPServer) -> dict[str, object]:
    """Settings sending mail to the real local SMTP server."""
    return {"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_starttls": False}


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A GitHub-like provider on 127.0.0.1."""
    fake = FakeGitHub()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


def github_settings(fake: FakeGitHub) -> dict[str, object]:
    """Settings pointing GitHub sign-in at the fake (loopback allowed for it alone)."""
    return {
        "oauth_github_client_id": CLIENT_ID,
        "oauth_github_client_secret": CLIENT_SECRET,
        "oauth_github_base_url": fake.url,
        "oauth_github_api_url": fake.url,
        "fetch_allowed_hosts": "127.0.0.1",
    }


@dataclass(frozen=True)
class OidcProvider:
    """The running OpenID Connect provider, and how to make it misbehave."""

    issuer: str
    port: int
    process: subprocess.Popen[str]

    def misbehave(self, mode: str) -> None:
        """Put ``mode`` in force (see oidc_provider.mjs; "normal" undoes it)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(mode + "\n")
        self.process.stdin.flush()
        assert json.loads(self.process.stdout.readline()) == {"mode": mode}


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[OidcProvider]:
    """oauth2-mock-server run by node (skipped, with the reason, when node or the package is
    missing, unless INKWELL_REQUIRE_SERVICES=1)."""
    node = shutil.which("node")
    if node is None:
        missing("node is not installed: the OpenID Connect provider (oauth2-mock-server) needs it")
    if not (ROOT / "node_modules" / "oauth2-mock-server").is_dir():
        missing("oauth2-mock-server is not installed: run `npm ci` at the project's root")
    port = free_port()
    process = subprocess.Popen(
        [str(node), str(OIDC_SCRIPT), str(port)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"the OIDC provider did not start: {process.stderr.read()}")
        yield OidcProvider(json.loads(line)["issuer"], port, process)
    finally:
        process.terminate()
        process.wait(timeout=10)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def oidc(oidc_provider: OidcProvider) -> Iterator[OidcProvider]:
    """The OpenID Connect provider, behaving normally again after the test."""
    yield oidc_provider
    oidc_provider.misbehave("normal")


def oidc_settings(provider: OidcProvider, **overrides: object) -> dict[str, object]:
    """Settings for the generic OIDC provider (its loopback host allowed)."""
    values: dict[str, object] = {
        "oidc_issuer": provider.issuer,
        "oidc_client_id": OIDC_CLIENT_ID,
        "oidc_client_secret": OIDC_CLIENT_SECRET,
        "oidc_name": "Test ID",
        "fetch_allowed_hosts": "localhost,127.0.0.1",
    }
    values.update(overrides)
    return values


def set_cookies(response: Response) -> list[str]:
    """The ``Set-Cookie`` headers of ``response``."""
    return response.headers.get_list("set-cookie")


def cookie_named(response: Response, name: str) -> str:
    """The ``Set-Cookie`` header that sets ``name`` (fails when there is none)."""
    found = [c for c in set_cookies(response) if c.startswith(f"{name}=")]
    assert found, f"no {name} cookie was set: {set_cookies(response)}"
    return found[0]


def query_of(url: str) -> dict[str, str]:
    """The query of ``url`` as a dict of single values."""
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def reader_cookie_set(response: Response) -> bool:
    """True when ``response`` signs a browser in (sets a non-empty reader cookie)."""
    return any(
        c.startswith(f"{READER_COOKIE}=") and not c.startswith(f'{READER_COOKIE}="";')
        for c in set_cookies(response)
        if "max-age=0" not in c.lower()
    )


def assert_refused(response: Response, status: int, says: str) -> None:
    """A human page (not a traceback) with ``status`` saying ``says``, and nobody signed in."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert says in response.text
    assert "Traceback" not in response.text
    assert not reader_cookie_set(response)


def link_in(message: Any) -> str:
    """The sign-in link of a mailed message."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"http://blog\.test(/comments/auth/email/\S+)", body)
    assert found, body
    return found.group(1)


async def follow_provider(http: AsyncClient, start: Response) -> Response:
    """Walk from the start's redirect through the provider to our callback's answer."""
    import httpx

    assert start.status_code == 303, start.text
    async with httpx.AsyncClient() as outside:
        authorized = await outside.get(start.headers["location"])
    assert authorized.status_code in (302, 303), authorized.text
    back = authorized.headers["location"]
    assert back.startswith(SITE), back
    return await http.get(back.removeprefix(SITE))
