"""An empty database on each engine, for migrations to run on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import create_postgres_database, drop_postgres_database, postgres_admin_url


@pytest.fixture(params=["sqlite", "postgres"])
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'stairway.db'}"
        return
    admin = postgres_admin_url()
    url = await create_postgres_database(admin)
    try:
        yield url
    finally:
        await drop_postgres_database(admin, url)
