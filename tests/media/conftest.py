"""Media fixtures: uploads through the real service, on the test database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.media import service
from inkwell.settings import Settings

Upload = Callable[..., Awaitable[service.MediaFile]]


@pytest.fixture
def upload(session: AsyncSession, settings: Settings) -> Upload:
    """Upload bytes (``filename`` and service options as keywords) in the test's session."""

    async def _upload(
        data: bytes, filename: str = "photo.jpg", **options: Any
    ) -> service.MediaFile:
        return await service.upload(session, settings, data, filename, **options)

    return _upload
