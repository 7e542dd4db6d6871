"""The promise of the privacy page, checked: after readers were counted, commented and the
upkeep ran, neither their addresses nor their user agents are anywhere in the database (on
SQLite: in the database file and its write-ahead log, byte for byte) nor in the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from inkwell.analytics import rollup
from inkwell.core.db import Base
from inkwell.core.jobs import JobContext
from inkwell.core.mail import Mailer
from tests.analytics.conftest import OpenSite, Site

ADDRESSES = ("198.51.100.231", "2001:db8::5eed")
AGENT = "Mozilla/5.0 (X11; Linux x86_64) ProbeBrowser/41.7 Firefox/126.0"


async def _visit(site: Site, address: str) -> None:
    headers = {"user-agent": AGENT, "x-forwarded-for": address}
    answer = await site.http.post(
        "/api/event",
        json={
            "n": "pageview",
            "u": "http://blog.test/",
            "d": "blog.test",
            "r": "https://x.example/",
        },
        headers=headers,
    )
    assert answer.status_code == 202 and "x-inkwell-dropped" not in answer.headers


def _needles() -> list[bytes]:
    found = [value.encode() for value in (*ADDRESSES, AGENT, "ProbeBrowser")]
    return found + [value.encode("utf-16-le") for value in (*ADDRESSES, "ProbeBrowser")]


async def _every_stored_value(site: Site) -> str:
    async with site.database.session() as session:
        parts = []
        for table in Base.metadata.sorted_tables:
            rows = await session.execute(text(f'SELECT * FROM "{table.name}"'))
            parts += [repr(tuple(row)) for row in rows]
    return "\n".join(parts)


async def test_no_address_or_user_agent_is_stored_or_logged(
    open_site: OpenSite, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with open_site(trusted_proxies=("203.0.113.7",)) as site:
        for address in ADDRESSES:
            await _visit(site, address)
        assert len(await site.written()) == len(ADDRESSES)
        context = JobContext(
            site.database, site.app.state.settings, Mailer(site.app.state.settings.mail_config())
        )
        await rollup.upkeep(context, {})
        stored = await _every_stored_value(site)
        url = site.database.url
    assert "ProbeBrowser" not in stored
    assert not [address for address in ADDRESSES if address in stored]
    assert not [needle for needle in _needles() if needle.decode("latin-1") in caplog.text]
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        files = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]
        assert files, "the database file was not found"
        for file in files:
            content = file.read_bytes()
            assert not [needle for needle in _needles() if needle in content], file
