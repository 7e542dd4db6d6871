"""``inkwell search reindex`` as an operator runs it, on each test database."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import delete
from typer.testing import CliRunner, Result

from inkwell.cli import app
from inkwell.core.db import Database
from inkwell.search.models import SearchDocument
from tests.factories import make_post
from tests.search.conftest import found

runner = CliRunner()


pytestmark = pytest.mark.usefixtures("command_env")


async def run(*args: str) -> Result:
    return await asyncio.to_thread(runner.invoke, app, ["search", *args])


async def _two_posts_without_index(database: Database) -> list[str]:
    async with database.session() as session:
        posts = [await make_post(session, title=f"Beekeeping diary {n}") for n in (1, 2)]
    async with database.session() as session:
        await session.execute(delete(SearchDocument))
    return [post.id for post in posts]


async def test_reindex_finds_the_posts_again(database: Database) -> None:
    ids = await _two_posts_without_index(database)
    await run("reindex")
    async with database.session() as session:
        assert await found(session, "beekeeping") == set(ids)


async def test_reindex_says_how_many_and_how_long(database: Database) -> None:
    await _two_posts_without_index(database)
    result = await run("reindex")
    assert (result.exit_code, result.stdout.startswith("Indexed 2 posts in ")) == (0, True), (
        result.stdout
    )


async def test_reindex_leaves_out_drafts(database: Database) -> None:
    async with database.session() as session:
        await make_post(session, title="Draft beekeeping", status="draft", published_at=None)
    result = await run("reindex")
    assert "Indexed 0 posts" in result.stdout


async def test_a_database_error_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "broken.db"
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{path}")
    assert (await run("reindex")).exit_code == 0  # the database is made and migrated
    await asyncio.to_thread(_drop_documents, path)
    result = await run("reindex")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "inkwell: the index was not rebuilt: no such table: search_documents\n"
    )


def _drop_documents(path: Path) -> None:
    """Break the database behind Inkwell's back, as a bad restore would."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("DROP TRIGGER search_documents_drop_text")
        connection.execute("DROP TABLE search_documents")
        connection.commit()
