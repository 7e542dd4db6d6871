"""Factories for test data, going through the content service like any real caller."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service
from inkwell.content.service import AuthorRef, Post, PostInput

_counter = itertools.count(1)
BASE_DATE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def post_input(**overrides: Any) -> PostInput:
    """A valid published Markdown post; any field may be overridden."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "title": f"Notes on topic number {n}",
        "status": "published",
        "source": f"An opening paragraph for post {n}.\n\n## Details\n\nMore words here.",
        "published_at": BASE_DATE + timedelta(days=n),
        "tags": ["python"],
        "authors": [AuthorRef(name="Test Author", email="author@example.com")],
    }
    fields.update(overrides)
    return PostInput(**fields)


async def make_post(
    session: AsyncSession, site_url: str = "http://blog.test", **overrides: Any
) -> Post:
    """Save a post through the content service and return it."""
    site = await service.load_settings(session)
    options = service.render_options(site, site_url)
    result = await service.save_post(session, post_input(**overrides), options)
    return result.post
