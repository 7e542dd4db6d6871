"""``inkwell import rss`` and ``inkwell import markdown`` as a user runs them."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from inkwell.importers.commands import app

from .conftest import LocalServer, Route
from .support import fixture, png_bytes

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SQLite file for the command to use, set through the environment."""
    db = tmp_path / "cli.db"
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    monkeypatch.setenv("INKWELL_MEDIA_DIR", str(tmp_path / "media"))
    monkeypatch.setenv("INKWELL_FETCH_ALLOWED_HOSTS", "127.0.0.1")  # where http_server is
    return db


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def count(database: Path, table: str) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def summary_count(output: str, row: str) -> int:
    found = re.search(rf"{row}\W+(\d+)", output)
    assert found, output
    return int(found.group(1))


def test_help_lists_both_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "rss" in result.output and "markdown" in result.output


def test_rss_import_ends_with_a_summary(database: Path) -> None:
    result = invoke("rss", str(fixture("ghost.xml")))
    assert result.exit_code == 0, result.output
    assert (summary_count(result.stdout, "created"), count(database, "posts")) == (3, 3)


def test_second_run_reports_updates(database: Path) -> None:
    invoke("rss", str(fixture("ghost.xml")))
    result = invoke("rss", str(fixture("ghost.xml")))
    assert summary_count(result.stdout, "updated") == 3
    assert count(database, "posts") == 3


def test_skipped_items_are_listed_with_their_reason(database: Path) -> None:
    result = invoke("rss", str(fixture("broken-item.xml")))
    assert result.exit_code == 0
    assert "no title and no content" in result.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.xml", "empty.xml is empty"),
        ("page.html", "page.html is an HTML page, not a feed"),
        ("feed.json", "feed.json is JSON, not an RSS or Atom feed"),
        ("truncated.xml", "truncated.xml is truncated"),
        ("billion-laughs.xml", "declares nested XML entities"),
        ("no-such-feed.xml", "no-such-feed.xml: no such file"),
        ("markdown", "is a folder, not a feed file"),
    ],
)
def test_bad_feed_input_fails_with_one_line(database: Path, name: str, message: str) -> None:
    result = invoke("rss", str(fixture(name)))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("inkwell: ") and message in lines[0]
    assert "Traceback" not in result.output


def test_failed_import_leaves_stored_data_untouched(database: Path) -> None:
    invoke("rss", str(fixture("wordpress.xml")))
    before = [count(database, table) for table in ("posts", "tags", "users", "redirects")]
    result = invoke("rss", str(fixture("truncated.xml")))
    assert result.exit_code == 1
    after = [count(database, table) for table in ("posts", "tags", "users", "redirects")]
    assert after == before


def test_unreachable_url_fails_with_one_line(database: Path, http_server: LocalServer) -> None:
    result = invoke("rss", http_server.url("/gone.xml"))
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"inkwell: {http_server.url('/gone.xml')} answered HTTP 404 Not Found"
    )


def test_download_images_reports_what_it_fetched(
    database: Path, http_server: LocalServer, tmp_path: Path
) -> None:
    http_server.routes["/cover.png"] = Route(png_bytes(), "image/png")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T'
        f"</title><link>{http_server.base}/</link><description>d</description><item>"
        "<title>With a cover</title><guid>c-1</guid><description>Hi.</description>"
        f'<media:content url="{http_server.base}/cover.png" medium="image"/>'
        "</item><item><title>Broken picture</title><guid>c-2</guid><description><![CDATA["
        f'<img src="{http_server.base}/nope.png">]]></description></item></channel></rss>',
        encoding="utf-8",
    )
    result = invoke("rss", str(feed), "--download-images")
    assert result.exit_code == 0, result.output
    assert summary_count(result.stdout, "images downloaded") == 1
    assert "/nope.png" in result.stdout and "HTTP 404" in result.stdout


def test_markdown_import_ends_with_a_summary(database: Path) -> None:
    result = invoke("markdown", str(fixture("markdown")))
    assert result.exit_code == 0, result.output
    assert summary_count(result.stdout, "created") == 8
    assert "invalid YAML front matter" in result.stdout


def test_markdown_import_of_a_file_fails_with_one_line(database: Path) -> None:
    result = invoke("markdown", str(fixture("ghost.xml")))
    assert result.exit_code == 1
    assert result.stderr.startswith("inkwell: ") and len(result.stderr.splitlines()) == 1
    assert "is a file, not a folder of Markdown files" in result.stderr


def test_import_where_every_item_is_skipped_fails(database: Path, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    result = invoke("markdown", str(folder))
    assert result.exit_code == 1
    assert "nothing was imported" in result.stderr
    assert "invalid YAML front matter" in result.stdout
