"""Fixtures that put the app on the test's own database, so a test tree that imports them runs
its HTTP tests on SQLite and PostgreSQL alike (the root conftest's app uses a fixed SQLite file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkwell.core.db import Database
from inkwell.settings import Settings


@pytest.fixture
def settings(database: Database, tmp_path: Path) -> Settings:
    """The app's settings on the test's database: these tests run on SQLite and PostgreSQL."""
    return Settings(
        database_url=database.url,
        demo_content=False,
        site_url="http://blog.test",
        media_dir=tmp_path / "media",
    )


@pytest.fixture
def site_database(database: Database) -> Database:
    """The database behind the app: the test's own (emptied after the test by ``database``)."""
    return database
