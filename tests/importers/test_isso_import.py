"""Importing an Isso database: its published comments on the posts their paths match, on
SQLite and PostgreSQL; the file itself opened read-only."""

from __future__ import annotations

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
from inkwell.importers.isso.reader import read_database
from inkwell.importers.report import ImportFailed

from .comment_files import IssoComment, write_isso
from .conftest import Blog


async def run(session: AsyncSession, database: Path) -> ImportReport:
    report = await import_comments(session, read_database(database), source="isso")
    await session.commit()
    return report


async def stored(session: AsyncSession) -> dict[str, Comment]:
    rows = (await session.execute(select(Comment))).scalars()
    return {str(row.source_id): row for row in rows}


async def post_of(session: AsyncSession, comment: Comment) -> str | None:
    thread = await session.get(CommentThread, comment.thread_id)
    return None if thread is None else thread.post_id


async def test_published_comments_land_on_their_posts(
    session: AsyncSession, blog: Blog, tmp_path: Path
) -> None:
    report = await run(session, write_isso(tmp_path / "comments.db"))
    found = await stored(session)
    assert {key: await post_of(session, row) for key, row in found.items()} == {
        "1": blog.posts["tuning-sqlite"],
        "2": blog.posts["tuning-sqlite"],
        "5": blog.posts["tuning-sqlite"],
        "6": blog.posts["moving-blogs"],  # its old address redirects here
    }
    assert (report.imported, report.posts) == (4, 2)


async def test_threading_dates_and_authors_are_kept(
    session: AsyncSession, blog: Blog, tmp_path: Path
) -> None:
    await run(session, write_isso(tmp_path / "comments.db"))
    found = await stored(session)
    assert found["2"].parent_id == found["1"].id
    assert found["1"].created_at == datetime(2024, 3, 11, 9, 15, tzinfo=UTC)
    assert (found["1"].author_name, found["1"].author_email) == (
        "Maren Holt",
        "maren@readers.example",
    )
    assert found["6"].author_website == "https://kofi.example"
    assert all(row.status == "approved" for row in found.values())


async def test_unpublished_and_deleted_comments_are_counted_not_stored(
    session: AsyncSession, blog: Blog, tmp_path: Path
) -> None:
    report = await run(session, write_isso(tmp_path / "comments.db"))
    found = await stored(session)
    assert {"3", "4", "7"}.isdisjoint(found)
    assert (report.unmoderated, report.deleted, report.orphans) == (1, 1, 1)
    assert "skipped 1 comment never approved on the old site" in report.lines()
    # Comment 5 answered the deleted comment 4: it moves up under comment 1.
    assert (found["5"].parent_id, report.reattached) == (found["1"].id, 1)


async def test_the_markdown_is_rendered_and_sanitised(
    session: AsyncSession, blog: Blog, tmp_path: Path
) -> None:
    hostile = IssoComment(
        9, 1, "**Bold** <script>alert(1)</script> [x](javascript:alert(2)) `code`", "Eve"
    )
    await run(session, write_isso(tmp_path / "comments.db", (hostile,)))
    html = (await stored(session))["9"].html
    assert "<strong>Bold</strong>" in html and "<code>code</code>" in html
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    assert tree.xpath("//script") == [] and tree.xpath("//a") == []
    assert "&lt;script&gt;" in html  # shown as the text it was


async def test_a_second_run_adds_nothing(session: AsyncSession, blog: Blog, tmp_path: Path) -> None:
    database = write_isso(tmp_path / "comments.db")
    await run(session, database)
    again = await run(session, database)
    assert (again.imported, again.already, len(await stored(session))) == (0, 4, 4)


def test_the_database_file_is_left_unchanged(tmp_path: Path) -> None:
    database = write_isso(tmp_path / "comments.db")
    before = database.read_bytes()
    read_database(database)
    assert database.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "lacks"),  # an empty file is an empty SQLite database: no Isso tables
        (b"certainly not a database, just some text" * 50, "is not an Isso database"),
    ],
)
def test_a_file_that_is_not_isso_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        read_database(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        read_database(tmp_path / "nowhere.db")


def test_the_command_reports_a_dry_run_and_refuses_a_bad_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    runner = CliRunner()
    dry = runner.invoke(app, ["isso", str(write_isso(tmp_path / "comments.db")), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    # This blog has no posts: every thread is reported unmatched, nothing imported.
    assert "would import 0 comments" in dry.stdout
    assert "unmatched thread: /blog/2023/01/gone-for-good/" in dry.stdout
    (tmp_path / "bad.db").write_text("not sqlite at all" * 100)
    bad = runner.invoke(app, ["isso", str(tmp_path / "bad.db")])
    assert bad.exit_code == 1
    assert "is not an Isso database" in bad.output
    assert "Traceback" not in bad.output
