"""``inkwell settings list | get | set``: the same settings and rules as the admin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkwell.cli import app
from inkwell.content.commands import candidates

runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    monkeypatch.setenv("INKWELL_MEDIA_DIR", str(tmp_path / "media"))
    return db


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["settings", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", [[], ["list"], ["get"], ["set"]])
def test_every_settings_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, ["settings", *command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_list_prints_every_setting_as_json(cli_env: Path) -> None:
    code, out, _ = run("list")
    assert code == 0
    lines = dict(line.split(" = ", 1) for line in out.splitlines())
    assert json.loads(lines["title"]) == "Inkwell"
    assert json.loads(lines["posts_per_page"]) == 10
    assert json.loads(lines["navigation"]) == [{"label": "Home", "url": "/"}]


def test_get_prints_the_json_value(cli_env: Path) -> None:
    assert run("get", "permalink") == (0, '"/blog/{year}/{month}/{slug}/"\n', "")


def test_set_stores_a_number_and_get_reads_it_back(cli_env: Path) -> None:
    assert run("set", "posts_per_page", "20")[:2] == (0, "posts_per_page = 20\n")
    assert run("get", "posts_per_page")[1] == "20\n"


def test_set_keeps_text_that_looks_like_a_number_for_a_text_setting(cli_env: Path) -> None:
    assert run("set", "title", "2026")[0] == 0
    assert run("get", "title")[1] == '"2026"\n'


def test_set_reads_navigation_as_json(cli_env: Path) -> None:
    value = '[{"label": "Notes", "url": "/tag/notes/"}]'
    assert run("set", "navigation", value)[0] == 0
    assert json.loads(run("get", "navigation")[1]) == [{"label": "Notes", "url": "/tag/notes/"}]


def test_set_reads_booleans_and_null(cli_env: Path) -> None:
    assert run("set", "outbound_link_tagging", "false")[0] == 0
    assert run("set", "logo", "/content/images/logo.png")[0] == 0
    assert run("set", "logo", "null")[0] == 0
    assert run("get", "outbound_link_tagging")[1] == "false\n"
    assert run("get", "logo")[1] == "null\n"


def test_an_unknown_key_is_one_line_exit_2(cli_env: Path) -> None:
    code, out, err = run("set", "colour", "red")
    assert (code, out) == (2, "")
    assert err.startswith("inkwell: unknown setting 'colour'")
    assert len(err.strip().splitlines()) == 1
    assert run("get", "colour")[0] == 2


def test_a_bad_value_is_one_line_naming_the_key_and_nothing_changes(cli_env: Path) -> None:
    run("set", "posts_per_page", "12")
    code, out, err = run("set", "posts_per_page", "500")
    assert (code, out) == (2, "")
    assert err.startswith("inkwell: setting posts_per_page:")
    assert len(err.strip().splitlines()) == 1
    assert run("get", "posts_per_page")[1] == "12\n"


def test_true_is_not_a_number_of_posts_per_page(cli_env: Path) -> None:
    code, out, err = run("set", "posts_per_page", "true")
    assert (code, out) == (2, "")
    assert err.startswith("inkwell: setting posts_per_page:")
    assert run("get", "posts_per_page")[1] == "10\n"


def test_a_bad_permalink_is_refused_with_its_reason(cli_env: Path) -> None:
    code, _, err = run("set", "permalink", "/static/")
    assert code == 2
    assert err.strip() == "inkwell: setting permalink: a permalink pattern needs {slug} or {id}"


def test_setting_the_same_value_says_unchanged(cli_env: Path) -> None:
    assert run("set", "title", "Inkwell")[1] == 'title = "Inkwell" (unchanged)\n'


def test_candidates_try_json_first_then_text() -> None:
    assert candidates("20") == [20, "20"]
    assert candidates('"quoted"') == ["quoted"]
    assert candidates("plain words") == ["plain words"]
