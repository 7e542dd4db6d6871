"""``inkwell import ghost`` as a user runs it: a report, or one line, exit 1, nothing stored."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from inkwell.importers.commands import app

from .ghost_support import ghost_fixture, load_fixture, write_export

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SQLite file for the command, set through the environment."""
    db = tmp_path / "cli.db"
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    monkeypatch.setenv("INKWELL_MEDIA_DIR", str(tmp_path / "media"))
    return db


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["ghost", *args])


def stored(database: Path) -> tuple[int, int, int, int]:
    """How many posts, tags, users and settings rows the database holds."""
    if not database.exists():
        return (0, 0, 0, 0)
    with closing(sqlite3.connect(database)) as connection:
        return tuple(  # type: ignore[return-value]
            int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("posts", "tags", "users", "settings")
        )


def assert_refused(result: Result, database: Path, message: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("inkwell: "), result.output
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert stored(database) == (0, 0, 0, 0)


def test_import_prints_what_it_imported(database: Path) -> None:
    result = invoke(str(ghost_fixture(4)))
    assert result.exit_code == 0, result.output
    assert "imported 2 posts, 1 page, 2 tags, 2 authors" in result.output
    assert stored(database)[:3] == (3, 2, 2)


def test_dry_run_says_would_and_stores_nothing(database: Path) -> None:
    result = invoke(str(ghost_fixture(5)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import 2 posts, 0 pages, 1 tag, 1 author" in result.output
    assert "settings would set: locale, title" in result.output
    assert stored(database)[:3] == (0, 0, 0)


def test_help_names_the_ghost_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "ghost" in result.output


def test_a_missing_file(database: Path, tmp_path: Path) -> None:
    assert_refused(invoke(str(tmp_path / "nope.json")), database, "cannot read")


def test_not_json(database: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text("<html>not an export</html>", encoding="utf-8")
    assert_refused(invoke(str(path)), database, "is not a Ghost export: it is not JSON")


def test_fifty_megabytes_of_junk(database: Path, tmp_path: Path) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(os.urandom(50 * 1024 * 1024))
    assert_refused(invoke(str(path)), database, "is not a Ghost export: it is not JSON")


def test_json_that_is_not_an_export(database: Path, tmp_path: Path) -> None:
    path = write_export(tmp_path / "e.json", [1, 2, 3])
    assert_refused(invoke(str(path)), database, "has no db[0].meta and data")


def spoil(change: Callable[[dict[str, Any]], None], version: int = 4) -> dict[str, Any]:
    export = load_fixture(version)
    change(export["db"][0])
    return export


BAD_EXPORTS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "wrong version",
        lambda db: db["meta"].update(version="2.31.0"),
        "made by Ghost 2.31.0: only exports of Ghost 4, 5 and 6 are read",
    ),
    ("no version", lambda db: db["meta"].pop("version"), "made by Ghost no version"),
    (
        "missing table",
        lambda db: db["data"].pop("posts_authors"),
        "the export has no posts_authors table",
    ),
    (
        "table not a list",
        lambda db: db["data"].update(tags={"a": 1}),
        "the export's tags table is not a list of rows",
    ),
    (
        "dangling tag",
        lambda db: db["data"]["posts_tags"][0].update(tag_id="ffffffffffffffffffffffff"),
        "posts_tags row 1 names tag_id 'ffffffffffffffffffffffff', which is not in tags",
    ),
    (
        "dangling post",
        lambda db: db["data"]["posts_authors"][2].update(post_id="0"),
        "posts_authors row 3 names post_id '0', which is not in posts",
    ),
    (
        "dangling author",
        lambda db: db["data"]["posts_authors"][0].update(author_id="x"),
        "which is not in users",
    ),
    (
        "duplicate id",
        lambda db: db["data"]["tags"][1].update(id=db["data"]["tags"][0]["id"]),
        "tags row 2: the id '60b5f1a2c3d4e5f601234301' appears twice",
    ),
    (
        "bad date",
        lambda db: db["data"]["posts"][0].update(published_at="yesterday"),
        "published_at is not a date: 'yesterday'",
    ),
    (
        "unknown status",
        lambda db: db["data"]["posts"][1].update(status="archived"),
        "the post 'compost' has an unknown status 'archived'",
    ),
    ("no title", lambda db: db["data"]["posts"][1].update(title=""), "has no title"),
    (
        "visibility not text",
        lambda db: db["data"]["posts"][0].update(visibility={"a": 1}),
        "has an unknown visibility",
    ),
    (
        "document nested too deeply",
        lambda db: db["data"]["posts"][0].update(lexical="[" * 200_000),
        "lexical: its document is nested too deeply",
    ),
    (
        "broken mobiledoc",
        lambda db: db["data"]["posts"][2].update(mobiledoc="{oops"),
        "the post 'about': mobiledoc: its document is not JSON",
    ),
    (
        "duplicate slug",
        lambda db: db["data"]["posts"][1].update(slug="about"),
        "two posts in the export have the slug 'about'",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [pytest.param(change, message, id=name) for name, change, message in BAD_EXPORTS],
)
def test_a_bad_export_is_one_line_and_nothing_stored(
    database: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    path = write_export(tmp_path / "export.json", spoil(change))
    assert_refused(invoke(str(path)), database, message)


def test_a_broken_lexical_document_is_refused(database: Path, tmp_path: Path) -> None:
    export = spoil(lambda db: db["data"]["posts"][0].update(lexical='{"root": 5}'), version=5)
    path = write_export(tmp_path / "export.json", export)
    assert_refused(invoke(str(path)), database, "the Lexical document has no root node")
