"""Media fixtures: uploads through the real service, on the test database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.media import service
from inkwell.settings import Settings
from tests import app_on_test_database

# The app of these tests runs on the test's own database (SQLite and PostgreSQL).
settings = app_on_test_database.settings
site_database = app_on_test_database.site_database

Upload = Callable[..., Awaitable[service.MediaFile]]


@pytest.fixture
def upload(session: AsyncSession, settings: Settings) -> Upload:
    """Upload bytes (``filename`` and service options as keywords) in the test's session."""

    async def _upload(
        data: bytes, filename: str = "photo.jpg", **options: Any
    ) -> service.MediaFile:
        return await service.upload(session, settings, data, filename, **options)

    return _upload
