"""Running an import: the author of posts that name none."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service as accounts
from inkwell.importers.pipeline import import_markdown
from inkwell.settings import Settings

from .support import post_titled


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One Markdown post whose front matter names no author."""
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "lonely.md").write_text("---\ntitle: Lonely\n---\nNo byline.\n")
    return tmp_path / "posts"


async def test_a_post_naming_no_author_is_the_owners(
    session: AsyncSession, settings: Settings, folder: Path
) -> None:
    await accounts.ensure_owner(session, settings)
    await import_markdown(session, folder, settings=settings)
    post = await post_titled(session, "Lonely")
    assert [author.id for author in post.authors] == [await accounts.owner_id(session)]


async def test_without_an_owner_a_post_naming_no_author_has_none(
    session: AsyncSession, settings: Settings, folder: Path
) -> None:
    await import_markdown(session, folder, settings=settings)
    post = await post_titled(session, "Lonely")
    assert post.authors == []
