"""Importing a Remark42 backup (plain or gzipped): comments on the posts their page URLs
match, threading and dates kept, deleted ones left out, read-only pages closed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html as lxml_html
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from inkwell.comments.models import Comment, CommentThread
from inkwell.comments.service import ImportReport, import_comments
from inkwell.importers.commands import app
from inkwell.importers.remark42.reader import read_backup
from inkwell.importers.report import ImportFailed

from .comment_files import REMARK42_META, write_remark42
from .conftest import Blog


async def run(session: AsyncSession, backup: Path) -> ImportReport:
    report = await import_comments(session, read_backup(backup), source="remark42")
    await session.commit()
    return report


async def stored(session: AsyncSession) -> dict[str, Comment]:
    rows = (await session.execute(select(Comment))).scalars()
    return {str(row.source_id): row for row in rows}


async def thread_of(session: AsyncSession, comment: Comment) -> CommentThread:
    thread = await session.get(CommentThread, comment.thread_id)
    assert thread is not None
    return thread


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzipped"])
async def test_comments_land_on_their_posts(
    session: AsyncSession, blog: Blog, tmp_path: Path, gzipped: bool
) -> None:
    report = await run(session, write_remark42(tmp_path / "backup", gzipped=gzipped))
    found = await stored(session)
    posts = {key: (await thread_of(session, row)).post_id for key, row in found.items()}
    assert posts == {
        "c-1": blog.posts["tuning-sqlite"],
        "c-2": blog.posts["tuning-sqlite"],
        "c-4": blog.posts["rust-lifetimes"],
    }
    assert (report.imported, report.deleted) == (3, 1)


async def test_threading_times_and_names_are_kept(
    session: AsyncSession, blog: Blog, tmp_path: Path
) -> None:
    await run(session, write_remark42(tmp_path / "backup"))
    found = await stored(session)
    assert found["c-2"].parent_id == found["c-1"].id
    # Go's nanoseconds are cut to microseconds; an offset is turned into UTC.
    assert found["c-1"].created_at == datetime(2024, 3, 11, 9, 15, 0, 123456, tzinfo=UTC)
    assert found["c-2"].created_at == datetime(2024, 3, 11, 9, 2, tzinfo=UTC)
    assert (found["c-2"].author_name, found["c-2"].author_email) == ("Theo", None)


async def test_html_is_sanitised(session: AsyncSession, blog: Blog, tmp_path: Path) -> None:
    await run(session, write_remark42(tmp_path / "backup"))
    tree = lxml_html.fragment_fromstring((await stored(session))["c-4"].html, create_parent="div")
    assert tree.xpath("//script") == []
    assert all(not a.get("href", "").startswith("javascript") for a in tree.xpath("//a"))
    assert "trick" in tree.text_content()


async def test_a_read_only_page_stays_closed(
    session: AsyncSession, blog: Blog, tmp_path: Path
) -> None:
    report = await run(session, write_remark42(tmp_path / "backup"))
    thread = await thread_of(session, (await stored(session))["c-4"])
    assert (thread.open, report.closed_posts) == (False, 1)


async def test_a_second_run_adds_nothing(session: AsyncSession, blog: Blog, tmp_path: Path) -> None:
    backup = write_remark42(tmp_path / "backup")
    await run(session, backup)
    again = await run(session, backup)
    assert (again.imported, again.already, len(await stored(session))) == (0, 3, 3)


def test_a_file_without_the_metadata_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "backup"
    path.write_text(json.dumps({"id": "c-1", "text": "hi"}) + "\n")
    with pytest.raises(ImportFailed, match="first line is not the metadata"):
        read_backup(path)


def test_a_broken_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "backup"
    path.write_text(json.dumps(REMARK42_META) + "\n{not json\n")
    with pytest.raises(ImportFailed, match="line 2: not JSON"):
        read_backup(path)


def test_a_comment_without_a_page_is_named(tmp_path: Path) -> None:
    path = tmp_path / "backup"
    path.write_text(json.dumps(REMARK42_META) + "\n" + json.dumps({"id": "c-9"}) + "\n")
    with pytest.raises(ImportFailed, match="line 2: comment c-9 names no page"):
        read_backup(path)


def test_a_truncated_gzip_file_is_refused(tmp_path: Path) -> None:
    path = write_remark42(tmp_path / "backup.gz", gzipped=True)
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(ImportFailed, match="not a readable gzip file"):
        read_backup(path)


def test_the_command_refuses_a_bad_file_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    (tmp_path / "backup").write_bytes(b"\xff\xfe not text")
    result = CliRunner().invoke(app, ["remark42", str(tmp_path / "backup")])
    assert result.exit_code == 1
    assert "is not UTF-8 text" in result.output and "Traceback" not in result.output
