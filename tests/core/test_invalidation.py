"""The invalidation channel and its file transport: tags published here, dropped everywhere."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from inkwell.core import invalidation
from inkwell.core.invalidation import EVERYTHING, Channel, FileTransport


def two_processes(tmp_path: Path) -> tuple[Channel, Channel]:
    # Two transports on one file behave as two processes: each has its own writer name.
    path = tmp_path / "blog.db.invalidations"
    return Channel(FileTransport(path)), Channel(FileTransport(path))


def test_the_log_lives_next_to_an_sqlite_file(tmp_path: Path) -> None:
    path = invalidation.signal_path(f"sqlite+aiosqlite:///{tmp_path}/blog.db")
    assert path == tmp_path / "blog.db.invalidations"


def test_server_databases_get_a_private_log_without_the_password() -> None:
    one = invalidation.signal_path("postgresql+asyncpg://u:secret@h/one")
    two = invalidation.signal_path("postgresql+asyncpg://u:secret@h/two")
    assert one != two and "secret" not in str(one)


def test_tags_published_by_one_process_reach_another(tmp_path: Path) -> None:
    writer, reader = two_processes(tmp_path)
    writer.publish({"post:1", "listing"})
    assert reader.transport.poll() == [frozenset({"post:1", "listing"})]


def test_nothing_new_means_nothing_to_drop(tmp_path: Path) -> None:
    writer, reader = two_processes(tmp_path)
    writer.publish({"feed"})
    reader.sync()
    assert reader.transport.poll() == []


def test_a_process_does_not_read_back_its_own_tags(tmp_path: Path) -> None:
    writer, _ = two_processes(tmp_path)
    writer.publish({"feed"})
    assert writer.transport.poll() == []


def test_publishing_drops_locally_at_once(tmp_path: Path) -> None:
    writer, _ = two_processes(tmp_path)
    before = writer.version
    writer.publish({"post:7"})
    assert writer.dropped_since(before, ["post:7"])
    assert not writer.dropped_since(before, ["post:8"])


def test_a_line_still_being_written_waits_for_its_end(tmp_path: Path) -> None:
    _, reader = two_processes(tmp_path)
    path = reader.transport.path  # type: ignore[attr-defined]
    with open(path, "ab") as log:
        log.write(b"other tag:a")
    assert reader.transport.poll() == []
    with open(path, "ab") as log:
        log.write(b" tag:b\n")
    assert reader.transport.poll() == [frozenset({"tag:a", "tag:b"})]


def test_a_rotated_log_drops_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer, reader = two_processes(tmp_path)
    writer.publish({"feed"})
    reader.sync()
    monkeypatch.setattr(invalidation, "ROTATE_AT", 10)
    writer.publish({"listing"})
    assert reader.transport.poll() == [frozenset({EVERYTHING})]
    monkeypatch.undo()
    writer.publish({"post:2"})
    assert reader.transport.poll() == [frozenset({"post:2"})]


def test_a_deleted_log_drops_everything(tmp_path: Path) -> None:
    writer, reader = two_processes(tmp_path)
    writer.publish({"feed"})
    reader.sync()
    reader.transport.path.unlink()  # type: ignore[attr-defined]
    assert reader.transport.poll() == [frozenset({EVERYTHING})]


def test_an_unreadable_log_drops_everything(tmp_path: Path) -> None:
    path = tmp_path / "log"
    reader = FileTransport(path)
    path.mkdir()  # a folder where the file should be: it can be seen but never read
    assert reader.poll() == [frozenset({EVERYTHING})]


def test_a_failed_publication_still_drops_here_and_says_what_was_saved(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "blocked"
    path.mkdir()  # writing the log fails, as in a read-only folder
    local = Channel(FileTransport(path))
    before = local.version
    with caplog.at_level(logging.ERROR, "inkwell.invalidation"):
        local.publish({"post:1"})
        local.publish({"post:2"})
    assert local.dropped_since(before, ["post:1"]) and local.dropped_since(before, ["post:2"])
    messages = [r.getMessage() for r in caplog.records if "could not be told" in r.getMessage()]
    assert len(messages) == 1 and "the change was saved" in messages[0]


def test_drops_after_lists_what_a_consumer_missed(tmp_path: Path) -> None:
    local, _ = two_processes(tmp_path)
    seen = local.version
    local.publish({"a"})
    local.publish({"b"})
    assert local.drops_after(seen) == [frozenset({"a"}), frozenset({"b"})]
    assert local.drops_after(local.version) == []


def test_a_consumer_too_far_behind_drops_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(invalidation, "RECENT_DROPS", 2)
    local, _ = two_processes(tmp_path)
    for tag in "abc":
        local.publish({tag})
    assert local.drops_after(0) == [frozenset({EVERYTHING})]


def test_everything_is_dropped_since_any_earlier_version(tmp_path: Path) -> None:
    local, _ = two_processes(tmp_path)
    before = local.version
    local.publish({EVERYTHING})
    assert local.dropped_since(before, ["anything"])
    assert not local.dropped_since(local.version, ["anything"])
