"""Reading a Disqus export: the records it gives, and the files it refuses (pure, no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from inkwell.comments.service import ImportedThread
from inkwell.importers.disqus.reader import read_export
from inkwell.importers.report import ImportFailed

FIXTURES = Path(__file__).parent / "fixtures" / "disqus"


def threads_by_id() -> dict[str, ImportedThread]:
    return {thread.source_id: thread for thread in read_export(FIXTURES / "export.xml")}


def test_every_thread_is_read_with_its_address_and_state() -> None:
    threads = threads_by_id()
    assert threads["7001"].url == "http://www.oldblog.example/blog/2024/03/tuning-sqlite"
    assert threads["7001"].title == "Tuning SQLite for small servers"
    assert (threads["7008"].deleted, threads["7009"].closed) == (True, True)
    assert (threads["7001"].deleted, threads["7001"].closed) == (False, False)


def test_each_post_joins_the_thread_it_names_with_its_parent() -> None:
    thread = threads_by_id()["7001"]
    comments = {comment.source_id: comment for comment in thread.comments}
    assert sorted(comments) == ["9001", "9002", "9003", "9004", "9005", "9006"]
    assert comments["9002"].parent_source_id == "9001"
    assert comments["9001"].parent_source_id is None


def test_a_post_keeps_its_message_date_and_author() -> None:
    comment = next(c for c in threads_by_id()["7003"].comments if c.source_id == "9009")
    assert comment.author_name == "Zoë Ålander"
    assert comment.author_email == "zoe@lecteurs.example"
    assert comment.created_at == datetime(2024, 5, 4, 4, 45, tzinfo=UTC)
    assert comment.html.startswith("<p>Merci, très utile")


def test_deleted_and_spam_posts_say_why_they_are_left_out() -> None:
    reasons = {c.source_id: c.skip_reason for c in threads_by_id()["7001"].comments}
    assert (reasons["9004"], reasons["9006"], reasons["9001"]) == ("deleted", "spam", None)


def test_posts_naming_a_thread_not_in_the_file_are_gathered_apart() -> None:
    lost = threads_by_id()[""]
    assert (lost.url, [c.source_id for c in lost.comments]) == ("", ["9016"])


def test_an_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-0815", encoding="utf-8")
    export = tmp_path / "xxe.xml"
    template = (FIXTURES / "xxe.xml").read_text(encoding="utf-8")
    export.write_text(template.replace("SECRET_PATH", str(secret)), encoding="utf-8")
    with pytest.raises(ImportFailed, match="declares a document type") as refused:
        read_export(export)
    assert "TOP-SECRET" not in str(refused.value)


def test_nested_entities_are_refused_unexpanded() -> None:
    with pytest.raises(ImportFailed, match="declares XML entities") as refused:
        read_export(FIXTURES / "laughs.xml")
    assert "hahaha" not in str(refused.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "is not well-formed XML"),
        ("not-disqus.xml", "is not a Disqus export"),
        ("bad-date.xml", "createdAt 'last Tuesday' is not a date"),
        ("missing.xml", "cannot read"),
    ],
)
def test_a_bad_file_is_one_clear_line(name: str, message: str) -> None:
    with pytest.raises(ImportFailed, match=message) as refused:
        read_export(FIXTURES / name)
    assert "\n" not in str(refused.value)
