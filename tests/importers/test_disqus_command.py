"""``inkwell import disqus FILE`` run as an operator runs it, end to end on SQLite and
PostgreSQL: the command opens the test's database through ``INKWELL_DATABASE_URL`` and imports
the fixture export onto the test blog (see conftest's ``blog``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from typer.testing import CliRunner, Result

from inkwell.app import create_app
from inkwell.comments.models import Comment
from inkwell.core.db import Database
from inkwell.importers.commands import app
from inkwell.settings import Settings

from .conftest import Blog

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "disqus"
EXPORT = FIXTURES / "export.xml"
LABEL = f"disqus export {EXPORT}"


@pytest.fixture(autouse=True)
def cli_env(command_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands' environment (``command_env``), on the site the export's threads name."""
    monkeypatch.setenv("INKWELL_SITE_URL", "http://blog.test")


async def run(*args: str) -> Result:
    """``inkwell import disqus ARGS``, in a thread of its own (the command runs its own loop)."""
    return await asyncio.to_thread(runner.invoke, app, ["disqus", *args])


async def stored(database: Database) -> list[tuple[str, str]]:
    """(source id, status) of every stored comment, in source id order."""
    async with database.session() as session:
        rows = (await session.execute(select(Comment.source_id, Comment.status))).all()
    return sorted((str(row[0]), row[1]) for row in rows)


@pytest.mark.usefixtures("blog")
async def test_the_import_stores_the_comments_and_reports(database: Database) -> None:
    result = await run(str(EXPORT))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{LABEL}: imported 10 comments on 5 posts from 9 threads"
    for expected in (
        "skipped 1 comment deleted",
        "skipped 1 comment marked as spam",
        "threads merged (two or more for one post): Tuning SQLite for small servers",
        "1 post closed on the old site stays closed",
        "orphans: 2 comments on threads that match no post here (not imported)",
        "unmatched thread: http://oldblog.example/blog/2023/01/gone-for-good/"
        " (A post that was taken down): 2 comments",
        "1 comment names a thread the file does not hold: not imported",
        "note: 1 thread without comments matches no post here: ignored",
    ):
        assert expected in lines
    found = await stored(database)
    assert len(found) == 10
    assert {status for _, status in found} == {"approved"}


@pytest.mark.usefixtures("blog")
async def test_a_dry_run_reports_the_same_and_stores_nothing(database: Database) -> None:
    result = await run(str(EXPORT), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"{LABEL}: would import 10 comments on 5 posts from 9 threads"
    )
    assert await stored(database) == []


@pytest.mark.usefixtures("blog")
async def test_a_second_run_adds_nothing(database: Database) -> None:
    await run(str(EXPORT))
    first = await stored(database)
    again = await run(str(EXPORT))
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[:2] == [
        f"{LABEL}: imported 0 comments on 0 posts from 9 threads",
        "10 comments imported before: left unchanged",
    ]
    assert await stored(database) == first


async def test_imported_comments_are_shown_by_the_api(
    database: Database, blog: Blog, settings: Settings
) -> None:
    await run(str(EXPORT))
    application = create_app(settings.model_copy(update={"database_url": database.url}))
    async with application.router.lifespan_context(application):
        transport = ASGITransport(app=application)
        async with AsyncClient(transport=transport, base_url="http://blog.test") as http:
            answer = await http.get(
                "/api/comments", params={"post_id": blog.posts["rust-lifetimes"]}
            )
    assert answer.status_code == 200
    assert answer.json()["meta"]["count"] == 2


@pytest.mark.parametrize(
    "name", ["not-disqus.xml", "truncated.xml", "xxe.xml", "laughs.xml", "bad-date.xml"]
)
@pytest.mark.usefixtures("blog")
async def test_a_bad_file_is_one_line_a_non_zero_exit_and_nothing_stored(
    database: Database, name: str
) -> None:
    result = await run(str(FIXTURES / name))
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("inkwell: ")
    assert await stored(database) == []


async def test_a_missing_file_is_one_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    result = await run(str(tmp_path / "nowhere.xml"))
    assert result.exit_code != 0
    (line,) = result.stderr.splitlines()
    assert line.startswith("inkwell: ") and "nowhere.xml" in line
