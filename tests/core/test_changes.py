"""The cross-process content-changed signal."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core import changes
from inkwell.core.db import Database


def test_signal_lives_next_to_an_sqlite_file(tmp_path: Path) -> None:
    path = changes.signal_path(f"sqlite+aiosqlite:///{tmp_path}/blog.db")
    assert path == tmp_path / "blog.db.changed"


def test_server_databases_get_a_private_signal_file() -> None:
    one = changes.signal_path("postgresql+asyncpg://u:p@h/one")
    two = changes.signal_path("postgresql+asyncpg://u:p@h/two")
    assert one != two and "p@h" not in str(one)


def test_bump_changes_the_stamp(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    assert changes.stamp(url) is None
    changes.bump(url)
    first = changes.stamp(url)
    changes.bump(url)
    assert first is not None and changes.stamp(url) != first


async def test_a_marked_commit_bumps_the_signal(database: Database, db_url: str) -> None:
    before = changes.stamp(db_url)
    async with database.session() as session:
        changes.mark_changed(session)
    assert changes.stamp(db_url) != before


async def test_an_unmarked_commit_does_not(database: Database, db_url: str) -> None:
    async with database.session() as session:
        changes.mark_changed(session)
    before = changes.stamp(db_url)
    async with database.session():
        pass
    assert changes.stamp(db_url) == before


async def test_a_rolled_back_change_does_not(database: Database, db_url: str) -> None:
    before = changes.stamp(db_url)
    session: AsyncSession
    async with database.sessions() as session:
        changes.mark_changed(session)
        await session.rollback()
        await session.commit()
    assert changes.stamp(db_url) == before
