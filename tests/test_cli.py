"""The ``inkwell`` command: help everywhere, one-line errors, doctor, migrate, user create."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkwell.cli import app

runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("INKWELL_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    monkeypatch.setenv("INKWELL_MEDIA_DIR", str(tmp_path / "media"))
    return db


@pytest.mark.parametrize(
    "command",
    [[], ["serve"], ["migrate"], ["doctor"], ["user"], ["user", "create"], ["import"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_migrate_brings_the_database_to_head(cli_env: Path) -> None:
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0, result.output
    assert "(head)" in result.output
    assert cli_env.is_file()


def test_doctor_reports_settings_database_and_migrations(cli_env: Path) -> None:
    runner.invoke(app, ["migrate"])
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "INKWELL_SITE_URL = http://127.0.0.1:8000" in result.output
    assert "database: reachable" in result.output
    assert "migrations: at head" in result.output


def test_doctor_fails_when_migrations_are_pending(cli_env: Path) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "run `inkwell migrate`" in result.output


def test_doctor_masks_the_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKWELL_DATABASE_URL", "postgresql://u:topsecret@127.0.0.1:1/none")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "topsecret" not in result.output
    assert "database unreachable" in result.output


def test_user_create_makes_a_user(cli_env: Path) -> None:
    args = ["user", "create", "--email", "e@example.com", "--name", "Eve", "--password", "a" * 12]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "/author/eve/" in result.output


def test_user_create_refuses_bad_input_in_one_line(cli_env: Path) -> None:
    args = ["user", "create", "--email", "nope", "--name", "Eve", "--password", "a" * 12]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.strip() == "inkwell: 'nope' is not an email address"


def test_invalid_setting_stops_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    env = os.environ | {"INKWELL_SITE_URL": "not a url", "INKWELL_DATABASE_URL": "sqlite:///x.db"}
    result = subprocess.run(
        [sys.executable, "-m", "inkwell", "doctor"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("inkwell: invalid setting INKWELL_SITE_URL:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
