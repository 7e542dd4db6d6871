"""``inkwell analytics key | import google-analytics | export`` as an operator runs them, on
SQLite and PostgreSQL: the command opens the test's database through ``INKWELL_DATABASE_URL``."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from inkwell.analytics import keys
from inkwell.analytics.days import site_today
from inkwell.cli import app
from inkwell.core.db import Database
from tests.analytics.conftest import DATA, Stored, add_counted_day, stored_daily

runner = CliRunner()
GA4 = str(DATA / "ga4_pages.csv")


pytestmark = pytest.mark.usefixtures("command_env")


async def run(*args: str) -> Result:
    """``inkwell analytics ARGS``, in a thread of its own (the command runs its own loop)."""
    return await asyncio.to_thread(runner.invoke, app, ["analytics", *args])


async def stored(database: Database) -> Stored:
    async with database.session() as session:
        return await stored_daily(session)


def refused(result: Result) -> str:
    """The one line a refusal prints, once its exit code and silent stdout are checked."""
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    return result.stderr


# --- key


async def test_key_create_prints_a_key_that_works(database: Database) -> None:
    result = await run("key", "create", "Grafana")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Created the Stats API key “Grafana”. It is shown this once; keep it safe:"
    async with database.session() as session:
        found = await keys.verify(session, lines[1])
    assert found is not None and found.name == "Grafana"


async def test_key_create_json_is_exactly_name_and_key(database: Database) -> None:
    result = await run("key", "create", "Grafana", "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert list(printed) == ["name", "key"]
    assert printed["name"] == "Grafana"
    async with database.session() as session:
        assert await keys.verify(session, printed["key"]) is not None


async def test_a_taken_key_name_is_one_line_and_exit_2(database: Database) -> None:
    await run("key", "create", "Grafana")
    result = await run("key", "create", "grafana", "--json")
    assert refused(result) == "inkwell: A Stats API key named “Grafana” already exists.\n"


async def test_an_empty_key_name_is_refused(database: Database) -> None:
    assert refused(await run("key", "create", " ")) == "inkwell: A Stats API key needs a name.\n"


async def test_key_list_shows_names_and_hints_never_keys(database: Database) -> None:
    made = json.loads((await run("key", "create", "Grafana", "--json")).stdout)
    result = await run("key", "list")
    assert result.exit_code == 0, result.output
    header, line = result.stdout.splitlines()
    assert header.split() == ["NAME", "KEY", "CREATED", "LAST", "USED"]
    assert line.split()[:2] == ["Grafana", made["key"][:8] + "…"]
    assert line.endswith("never")
    assert made["key"] not in result.stdout


async def test_key_list_json_is_one_array(database: Database) -> None:
    await run("key", "create", "Grafana")
    listed = json.loads((await run("key", "list", "--json")).stdout)
    assert [sorted(item) for item in listed] == [["created_at", "hint", "last_used_at", "name"]]
    assert (listed[0]["name"], listed[0]["last_used_at"]) == ("Grafana", None)


async def test_key_list_says_when_there_is_none(database: Database) -> None:
    result = await run("key", "list")
    assert result.stdout == (
        "No Stats API keys yet: `inkwell analytics key create NAME` makes one.\n"
    )


async def test_key_delete_makes_the_key_stop_working(database: Database) -> None:
    made = json.loads((await run("key", "create", "Grafana", "--json")).stdout)
    result = await run("key", "delete", "Grafana")
    assert result.stdout == "Deleted the Stats API key “Grafana”; it no longer works.\n"
    async with database.session() as session:
        assert await keys.verify(session, made["key"]) is None


async def test_deleting_an_unknown_key_is_one_line_and_exit_2(database: Database) -> None:
    result = await run("key", "delete", "nope")
    assert refused(result) == "inkwell: No Stats API key is named “nope”.\n"


# --- import


async def test_import_stores_the_export_and_says_what_it_did(database: Database) -> None:
    result = await run("import", "google-analytics", GA4)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Read a GA4 export: 7 rows over 3 days (page views from “Views”, visitors from "
        "“Total users”).",
        "Imported 3 days: 6 page rows, 1587 page views.",
        "1 row without a page path (such as “(not set)”) counted in the site totals only.",
        "Each day's site visitors are its busiest page's: per-page users cannot be added up.",
    ]
    assert len(await stored(database)) == 9


async def test_import_names_the_columns_it_left_out(database: Database) -> None:
    result = await run("import", "google-analytics", str(DATA / "ua_pages.csv"))
    assert result.stdout.splitlines()[-1] == (
        "Columns left out: Avg. Time on Page, Entrances, Bounce Rate, % Exit, Page Value."
    )


async def test_import_names_the_days_it_skipped(database: Database) -> None:
    async with database.session() as session:
        await add_counted_day(session, date(2024, 3, 2), pageviews=5)
    result = await run("import", "google-analytics", GA4)
    assert result.exit_code == 0, result.output
    assert "Skipped 1 day Inkwell counted itself (left as they are): 2024-03-02." in (
        result.stdout.splitlines()
    )


async def test_import_names_the_days_not_over_yet(database: Database, tmp_path: Path) -> None:
    async with database.session() as session:
        today = await site_today(session)
    recent = tmp_path / "recent.csv"
    recent.write_text(f"Page,Date,Pageviews\n/,{today:%Y%m%d},3\n")
    result = await run("import", "google-analytics", str(recent))
    assert f"Skipped 1 day not over yet (left to Inkwell's own counting): {today}." in (
        result.stdout.splitlines()
    )
    assert await stored(database) == {}


async def test_import_without_users_says_visitors_are_zero(database: Database) -> None:
    result = await run("import", "google-analytics", str(DATA / "ua_us_dates.csv"))
    assert result.stdout.splitlines()[-1] == (
        "The file has no users column: visitors are 0 for the imported days."
    )


async def test_a_dry_run_writes_nothing(database: Database) -> None:
    result = await run("import", "google-analytics", GA4, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "Would import 3 days: 6 page rows, 1587 page views."
    assert lines[-1] == "Dry run: nothing was written."
    assert await stored(database) == {}


async def test_a_malformed_file_is_one_line_with_its_line_and_stores_nothing(
    database: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Page,Date,Views\n/,20240301,4\n/a/,yesterday,2\n")
    result = await run("import", "google-analytics", str(bad))
    assert refused(result) == (
        f"inkwell: {bad}: line 3: “yesterday” is not a date (expected YYYYMMDD or MM/DD/YY);"
        " nothing was imported\n"
    )
    assert await stored(database) == {}


async def test_a_missing_file_is_one_line_and_exit_2(database: Database) -> None:
    result = await run("import", "google-analytics", "missing.csv")
    assert refused(result) == "inkwell: cannot read missing.csv: No such file or directory\n"


# --- export


def lines_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_export_writes_what_was_imported_to_stdout(database: Database) -> None:
    await run("import", "google-analytics", GA4)
    result = await run("export")
    assert result.exit_code == 0, result.output
    exported = {
        (date.fromisoformat(r["day"]), r["dimension"], r["value"]): (
            int(r["visitors"]),
            int(r["pageviews"]),
        )
        for r in lines_of(result.stdout)
    }
    assert exported == await stored(database)


async def test_export_to_a_file_with_a_range(database: Database, tmp_path: Path) -> None:
    await run("import", "google-analytics", GA4)
    target = tmp_path / "daily.csv"
    result = await run("export", "--from", "2024-03-02", "--to", "2024-03-03", "-o", str(target))
    assert result.stdout == f"Wrote 5 rows to {target}.\n"
    days = {r["day"] for r in lines_of(target.read_text())}
    assert days == {"2024-03-02", "2024-03-03"}
    assert leftovers(tmp_path) == []


def leftovers(folder: Path) -> list[str]:
    """Temporary files an export left behind."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


async def test_export_refuses_a_bad_date(database: Database) -> None:
    result = await run("export", "--from", "03/01/2024")
    assert refused(result) == "inkwell: --from: “03/01/2024” is not a date such as 2024-03-01\n"


async def test_export_refuses_a_range_that_ends_before_it_starts(database: Database) -> None:
    result = await run("export", "--from", "2024-03-02", "--to", "2024-03-01")
    assert refused(result) == "inkwell: --from 2024-03-02 is after --to 2024-03-01\n"


# --- failures of the database


async def test_a_database_failure_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "broken.db"
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{path}")
    assert (await run("key", "list")).exit_code == 0  # the database is made and migrated
    await asyncio.to_thread(drop_table, path, "analytics_keys")
    result = await run("key", "create", "Grafana")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "inkwell: nothing was changed: no such table: analytics_keys\n"


def drop_table(path: Path, table: str) -> None:
    """Break the database behind Inkwell's back, as a bad restore would."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"DROP TABLE {table}")
        connection.commit()


# --- the real command


def test_key_create_json_prints_only_json_from_the_real_command(database: Database) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "inkwell", "analytics", "key", "create", "Grafana", "--json"],
        capture_output=True,
        text=True,
        env=os.environ | {"INKWELL_DATABASE_URL": database.url},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(json.loads(result.stdout)) == ["name", "key"]
    assert result.stdout.count("\n") == 1
