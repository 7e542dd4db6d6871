"""``inkwell integration``: keys for scripts from the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from inkwell.cli import app
from inkwell.core.db import Database

ADMIN_KEY = re.compile(r"^[0-9a-f]{24}:[0-9a-f]{64}$")


class Cli:
    """Runs ``inkwell`` commands against the test's database."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Result:
        """``inkwell *args``; its stdout is ``.stdout``, its stderr ``.stderr``."""
        return self.runner.invoke(app, list(args))


@pytest.fixture
def cli(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The command line on the test's database (emptied after the test)."""
    monkeypatch.setenv("INKWELL_DATABASE_URL", database.url)
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    monkeypatch.setenv("INKWELL_MEDIA_DIR", str(tmp_path / "media"))
    return Cli()


def test_create_with_json_prints_exactly_one_object_with_both_keys(cli: Cli) -> None:
    result = cli("integration", "create", "Static site", "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert list(printed) == ["name", "content_api_key", "admin_api_key"]
    assert printed["name"] == "Static site"
    assert re.fullmatch(r"[0-9a-f]{26}", printed["content_api_key"])
    assert ADMIN_KEY.match(printed["admin_api_key"])


def test_create_prints_both_keys_for_people(cli: Cli) -> None:
    result = cli("integration", "create", "Zapier")
    assert result.exit_code == 0
    assert "Content API key: " in result.stdout
    assert re.search(r"Admin API key: +[0-9a-f]{24}:[0-9a-f]{64}", result.stdout)


def test_a_taken_name_is_one_line_and_exit_1(cli: Cli) -> None:
    cli("integration", "create", "Zapier")
    result = cli("integration", "create", "zapier", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "already exists" in result.stderr


def test_an_empty_name_is_refused(cli: Cli) -> None:
    result = cli("integration", "create", "  ")
    assert result.exit_code == 1
    assert "needs a name" in result.stderr
    assert json.loads(cli("integration", "list", "--json").stdout) == []


def test_list_shows_every_integration_with_its_keys(cli: Cli) -> None:
    made = json.loads(cli("integration", "create", "One", "--json").stdout)
    cli("integration", "create", "Two")
    result = cli("integration", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "CONTENT", "API", "KEY", "ADMIN", "API", "KEY"]
    assert lines[1].split() == ["One", made["content_api_key"], made["admin_api_key"]]
    assert lines[2].startswith("Two ")


def test_list_as_json_is_one_array(cli: Cli) -> None:
    made = json.loads(cli("integration", "create", "One", "--json").stdout)
    assert json.loads(cli("integration", "list", "--json").stdout) == [made]


def test_list_when_there_is_none_says_how_to_make_one(cli: Cli) -> None:
    result = cli("integration", "list")
    assert result.exit_code == 0
    assert "inkwell integration create" in result.stdout


def test_delete_removes_the_integration(cli: Cli) -> None:
    cli("integration", "create", "Gone")
    result = cli("integration", "delete", "gone")
    assert result.exit_code == 0
    assert "Deleted the integration “Gone”" in result.stdout
    assert json.loads(cli("integration", "list", "--json").stdout) == []


def test_deleting_an_unknown_integration_is_one_line_and_exit_1(cli: Cli) -> None:
    cli("integration", "create", "Kept")
    result = cli("integration", "delete", "Nope")
    assert result.exit_code == 1
    assert result.stderr == "inkwell: No integration is named “Nope”.\n"
    assert len(json.loads(cli("integration", "list", "--json").stdout)) == 1


def test_rename_keeps_the_keys(cli: Cli) -> None:
    made = json.loads(cli("integration", "create", "Old", "--json").stdout)
    result = cli("integration", "rename", "Old", "New")
    assert result.exit_code == 0
    assert json.loads(cli("integration", "list", "--json").stdout) == [made | {"name": "New"}]


def test_regenerate_replaces_only_the_named_key(cli: Cli) -> None:
    made = json.loads(cli("integration", "create", "Site", "--json").stdout)
    result = cli("integration", "regenerate", "Site", "admin", "--json")
    assert result.exit_code == 0
    new = json.loads(result.stdout)
    assert new["content_api_key"] == made["content_api_key"]
    assert new["admin_api_key"] != made["admin_api_key"]


def test_regenerate_an_unknown_kind_of_key_is_refused(cli: Cli) -> None:
    cli("integration", "create", "Site")
    result = cli("integration", "regenerate", "Site", "member")
    assert result.exit_code == 1
    assert "content" in result.stderr and "admin" in result.stderr


@pytest.mark.parametrize("command", ["create", "list", "delete", "rename", "regenerate"])
def test_every_integration_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, ["integration", command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
