"""Committed changes mapped onto cache tags, published to every process; memos that follow them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core import changes, events, invalidation
from inkwell.core.db import Database
from inkwell.core.events import Event
from inkwell.core.invalidation import EVERYTHING


def post_event(name: str = "post.updated", **data: Any) -> Event:
    fields = {"type": "post", "slug": "hello", "status": "published", "tags": ["python"]}
    fields |= {"authors": ["ada"], "previous": None} | data
    return Event(name, "p1", fields)


def test_a_published_post_drops_its_page_listings_feeds_and_archives() -> None:
    found = changes.tags_for(post_event("post.published"))
    assert found >= {"post:p1", "listing", "feed", "tag:python", "author:ada", "neighbours"}
    assert EVERYTHING not in found and "settings" not in found


def test_an_edited_draft_drops_nothing() -> None:
    previous = {"slug": "hello", "status": "draft", "tags": [], "authors": ["ada"]}
    assert changes.tags_for(post_event(status="draft", previous=previous)) == set()


def test_unpublishing_drops_like_publishing() -> None:
    previous = {"slug": "hello", "status": "published", "tags": ["python"], "authors": ["ada"]}
    found = changes.tags_for(post_event("post.unpublished", status="draft", previous=previous))
    assert {"post:p1", "listing", "feed", "neighbours"} <= found


def test_moving_a_post_between_tags_drops_both_archives() -> None:
    previous = {"slug": "hello", "status": "published", "tags": ["old"], "authors": ["bob"]}
    found = changes.tags_for(post_event(tags=["new"], previous=previous))
    assert {"tag:old", "tag:new", "author:bob", "author:ada", "neighbours"} <= found


def test_a_plain_edit_keeps_the_neighbours_links() -> None:
    previous = {"slug": "hello", "status": "published", "tags": ["python"], "authors": ["ada"]}
    assert "neighbours" not in changes.tags_for(post_event(previous=previous))


def test_a_redated_post_drops_the_neighbours_links() -> None:
    previous = {"slug": "hello", "status": "published", "tags": ["python"], "authors": ["ada"]}
    previous["published_at"] = "2026-03-01T09:00:00+00:00"
    moved = post_event(previous=previous, published_at="2024-01-01T09:00:00+00:00")
    assert "neighbours" in changes.tags_for(moved)


def test_a_static_page_drops_itself_and_the_sitemaps_only() -> None:
    found = changes.tags_for(Event("page.updated", "pg", {"status": "published"}))
    assert found == {"post:pg", "feed"}


def test_a_renamed_tag_drops_its_old_and_new_pages() -> None:
    found = changes.tags_for(Event("tag.edited", "t1", {"slug": "new", "previous_slug": "old"}))
    assert {"tag:new", "tag:old", "listing", "feed"} <= found


def test_a_new_tag_or_author_drops_every_list_of_them() -> None:
    assert "tags" in changes.tags_for(Event("tag.added", "t1", {"slug": "new"}))
    assert "authors" in changes.tags_for(Event("author.added", "u1", {"slug": "ada"}))


def test_changed_settings_drop_settings() -> None:
    assert changes.tags_for(Event("settings.changed", None, {"keys": ["title"]})) == {"settings"}


def test_a_redirect_drops_the_page_at_its_old_path() -> None:
    found = changes.tags_for(Event("redirect.added", "r1", {"from_path": "/old/"}))
    assert found == {"path:/old/", "path:/old"}


def test_a_deleted_redirect_drops_its_cached_answer() -> None:
    found = changes.tags_for(Event("redirect.deleted", None, {"from_path": "/gone/"}))
    assert found == {"path:/gone/", "path:/gone"}


def test_an_event_of_another_feature_on_one_post_drops_only_that_post() -> None:
    found = changes.tags_for(Event("comment.added", "c1", {"post_id": "p1"}))
    assert found == {"post:p1"}


@pytest.fixture
def comment_events() -> Iterator[None]:
    # The comments feature declares it on import; declaring again is harmless, and the
    # declaration stays (later tests post real comments).
    events.declare("comment.added")
    yield


async def test_a_committed_event_publishes_its_tags(
    database: Database, db_url: str, comment_events: None
) -> None:
    local = invalidation.channel(db_url)
    before = local.version
    async with database.session() as session:
        events.emit(session, "comment.added", "c1", post_id="p9")
    assert local.dropped_since(before, ["post:p9"])
    assert not local.dropped_since(before, ["listing"])


async def test_a_rolled_back_event_publishes_nothing(database: Database, db_url: str) -> None:
    local = invalidation.channel(db_url)
    before = local.version
    session: AsyncSession
    async with database.sessions() as session:
        events.emit(session, "settings.changed", keys=["title"])
        await session.rollback()
    assert local.version == before


async def test_a_failure_to_tell_other_processes_keeps_the_commit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    invalidation.signal_path(url).mkdir()  # the log cannot be written, as in a read-only folder
    database = Database(url)
    try:
        local = invalidation.channel(url)
        before = local.version
        async with database.session() as session:
            events.emit(session, "settings.changed", keys=["title"])
    finally:
        await database.dispose()
    assert local.dropped_since(before, ["settings"])
    assert "the change was saved" in caplog.text


async def test_pending_is_true_between_a_write_and_its_commit(database: Database) -> None:
    async with database.session() as session:
        assert not changes.pending(session)
        events.emit(session, "post.updated", "p1")
        assert changes.pending(session)
    async with database.session() as session:
        assert not changes.pending(session)


def test_a_memo_keeps_its_values_across_other_tags(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    memo = changes.UntilChanged(tags=["settings"])
    memo.begin(url)["site"] = 5
    invalidation.publish(url, {"post:1"})
    assert memo.begin(url)["site"] == 5


def test_a_memo_forgets_when_its_tag_drops(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    memo = changes.UntilChanged(tags=["settings"])
    memo.begin(url)["site"] = 5
    invalidation.publish(url, {"settings"})
    assert "site" not in memo.begin(url)


def test_a_memo_without_tags_forgets_on_any_drop(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    memo = changes.UntilChanged()
    memo.begin(url)["total"] = 5
    invalidation.publish(url, {"post:1"})
    assert "total" not in memo.begin(url)


def test_a_memo_hears_other_processes(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    memo = changes.UntilChanged(tags=["listing"])
    memo.begin(url)["total"] = 5
    other = invalidation.FileTransport(invalidation.signal_path(url))  # another process
    other.publish(frozenset({"listing"}))
    assert "total" not in memo.begin(url)


def test_a_memo_is_bounded(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/blog.db"
    memo = changes.UntilChanged(max_entries=2)
    memo.begin(url).update(a=1, b=2)
    assert len(memo.begin(url)) == 0
