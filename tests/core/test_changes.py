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


def test_until_changed_keeps_values_until_a_bump(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    memo = changes.UntilChanged()
    memo.begin(url)["total"] = 5
    assert memo.begin(url)["total"] == 5
    changes.bump(url)
    assert "total" not in memo.begin(url)


def test_until_changed_is_bounded(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    memo = changes.UntilChanged(max_entries=2)
    values = memo.begin(url)
    values.update(a=1, b=2)
    assert len(memo.begin(url)) == 0


async def test_pending_is_true_between_a_write_and_its_commit(database: Database) -> None:
    async with database.session() as session:
        assert not changes.pending(session)
        changes.mark_changed(session)
        assert changes.pending(session)
    async with database.session() as session:
        assert not changes.pending(session)


async def test_a_committed_event_bumps_the_signal(database: Database, db_url: str) -> None:
    from inkwell.core import events

    before = changes.stamp(db_url)
    async with database.session() as session:
        events.emit(session, "post.updated", "p1")
        assert changes.pending(session)
    assert changes.stamp(db_url) != before
