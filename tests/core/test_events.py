"""Domain events: queued in the session, delivered after the commit, dropped on rollback."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core import events
from inkwell.core.db import Database


async def test_an_event_is_delivered_after_the_commit(
    database: Database, heard: list[events.Event]
) -> None:
    async with database.session() as session:
        events.emit(session, "post.published", "p1", slug="hello")
        assert heard == []
    assert [(e.name, e.subject_id, e.data["slug"]) for e in heard] == [
        ("post.published", "p1", "hello")
    ]


async def test_a_rolled_back_event_is_never_delivered(
    database: Database, heard: list[events.Event]
) -> None:
    async with database.sessions() as session:
        events.emit(session, "post.deleted", "p1")
        await session.rollback()
        await session.commit()
    assert heard == []


async def test_a_rolled_back_savepoint_drops_only_its_own_events(
    database: Database, heard: list[events.Event]
) -> None:
    async with database.session() as session:
        events.emit(session, "post.added", "kept")
        savepoint = await session.begin_nested()
        events.emit(session, "post.added", "dropped")
        await savepoint.rollback()
        async with session.begin_nested():
            events.emit(session, "post.added", "released")
        assert [e.subject_id for e in heard] == []
    assert [e.subject_id for e in heard] == ["kept", "released"]


async def test_pending_is_true_between_an_emit_and_its_commit(database: Database) -> None:
    async with database.session() as session:
        assert not events.pending(session)
        events.emit(session, "settings.changed", keys=["title"])
        assert events.pending(session)
    async with database.session() as session:
        assert not events.pending(session)


async def test_the_event_names_its_database(
    database: Database, db_url: str, heard: list[events.Event]
) -> None:
    async with database.session() as session:
        events.emit(session, "tag.edited", "t1")
    assert heard[0].database_url == db_url
    assert db_url not in repr(heard[0])


async def test_a_failing_subscriber_neither_stops_others_nor_fails_the_commit(
    database: Database, heard: list[events.Event], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_event: events.Event) -> None:
        raise OSError("read-only file system")

    unsubscribe = events.subscribe("post.*", broken)
    try:
        async with database.session() as session:
            events.emit(session, "post.updated", "p1")
    finally:
        unsubscribe()
    assert [e.name for e in heard] == ["post.updated"]
    assert "subscriber" in caplog.text and "post.updated" in caplog.text


def test_patterns_match_names_kinds_and_everything() -> None:
    assert events.matches("post.published", "post.published")
    assert events.matches("post.*", "post.deleted")
    assert not events.matches("post.*", "page.deleted")
    assert events.matches("*", "settings.changed")
    assert not events.matches("post.published", "post.published.edited")


async def test_an_unknown_name_is_refused(database: Database) -> None:
    async with database.session() as session:
        with pytest.raises(ValueError, match="unknown event"):
            events.emit(session, "post.pubished", "p1")


def test_a_feature_declares_its_own_events() -> None:
    events.declare("comment.added")
    assert "comment.added" in events.KNOWN_EVENTS
    with pytest.raises(ValueError, match=r"kind\.action"):
        events.declare("comment")


def test_an_event_knows_its_kind() -> None:
    assert events.Event("settings.changed").kind == "settings"


async def test_a_batch_subscriber_hears_each_commit_once(database: Database) -> None:
    batches: list[list[str]] = []
    unsubscribe = events.subscribe_batch(
        "post.*", lambda found: batches.append([e.subject_id or "" for e in found])
    )
    try:
        async with database.session() as session:
            for n in range(3):
                events.emit(session, "post.added", f"p{n}")
            events.emit(session, "tag.added", "t1")
        async with database.session():
            pass
    finally:
        unsubscribe()
    assert batches == [["p0", "p1", "p2"]]


async def test_a_before_commit_subscriber_runs_inside_the_transaction(database: Database) -> None:
    seen: list[tuple[str, bool]] = []

    async def handler(session: AsyncSession, found: list[events.Event]) -> None:
        await session.execute(text("SELECT 1"))
        seen.extend((str(e.data["from_path"]), session.in_transaction()) for e in found)

    unsubscribe = events.subscribe_before_commit("redirect.added", handler)
    try:
        async with database.session() as session:
            events.emit(session, "redirect.added", None, from_path="/old/")
            assert seen == []
    finally:
        unsubscribe()
    assert seen == [("/old/", True)]


async def test_a_failing_before_commit_subscriber_fails_the_commit(
    database: Database, heard: list[events.Event]
) -> None:
    async def handler(session: AsyncSession, found: list[events.Event]) -> None:
        raise RuntimeError("index unavailable")

    unsubscribe = events.subscribe_before_commit("redirect.added", handler)
    try:
        with pytest.raises(RuntimeError, match="index unavailable"):
            async with database.session() as session:
                events.emit(session, "redirect.added", None, from_path="/old/")
    finally:
        unsubscribe()
    assert heard == []
