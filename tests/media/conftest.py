"""Media fixtures: uploads through the real service, on the test database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.db import Database
from inkwell.media import service
from inkwell.settings import Settings

Upload = Callable[..., Awaitable[service.MediaFile]]


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


@pytest.fixture
def upload(session: AsyncSession, settings: Settings) -> Upload:
    """Upload bytes (``filename`` and service options as keywords) in the test's session."""

    async def _upload(
        data: bytes, filename: str = "photo.jpg", **options: Any
    ) -> service.MediaFile:
        return await service.upload(session, settings, data, filename, **options)

    return _upload
