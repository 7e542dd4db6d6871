"""``inkwell user``: create (with --password-stdin), list, set-password, disable and enable."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from inkwell.accounts import service, sessions
from inkwell.cli import app
from inkwell.core.db import Database

runner = CliRunner()
T = TypeVar("T")


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("INKWELL_DATABASE_URL", url)
    monkeypatch.setenv("INKWELL_DEMO_CONTENT", "false")
    return url


def in_db(url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async def main() -> T:
        database = Database(url)
        try:
            async with database.session(write=True) as session:
                return await work(session)
        finally:
            await database.dispose()

    return asyncio.run(main())


def create(email: str = "dee@example.com", role: str = "author", password: str = "a long password"):  # type: ignore[no-untyped-def]
    args = ["user", "create", "--email", email, "--name", "Dee", "--role", role, "--password-stdin"]
    return runner.invoke(app, args, input=password + "\n")


def test_create_reads_the_password_from_stdin(cli_db: str) -> None:
    result = create()
    assert result.exit_code == 0, result.output
    assert "a long password" not in result.output

    async def check(session: AsyncSession) -> str:
        return (await service.sign_in(session, "dee@example.com", "a long password")).staff.role

    assert in_db(cli_db, check) == "author"


def test_a_prompted_password_is_not_echoed(cli_db: str) -> None:
    args = ["user", "create", "--email", "dee@example.com", "--name", "Dee"]
    result = runner.invoke(app, args, input="hidden password\nhidden password\n")
    assert result.exit_code == 0, result.output
    assert "hidden password" not in result.output


def test_password_and_password_stdin_together_are_refused(cli_db: str) -> None:
    args = ["user", "create", "--email", "d@e.com", "--name", "D", "--password", "x" * 12]
    result = runner.invoke(app, [*args, "--password-stdin"], input="y" * 12 + "\n")
    assert result.exit_code == 2
    assert result.output.strip() == "inkwell: give --password or --password-stdin, not both"


def test_list_shows_email_name_role_status_and_last_sign_in(cli_db: str) -> None:
    create("dee@example.com", "editor")
    create("eve@example.com", "contributor")

    async def sign_in(session: AsyncSession) -> None:
        await service.sign_in(session, "dee@example.com", "a long password")

    in_db(cli_db, sign_in)
    result = runner.invoke(app, ["user", "list"])
    assert result.exit_code == 0, result.output
    header, dee, eve = result.output.strip().splitlines()
    assert header.split() == ["EMAIL", "NAME", "ROLE", "STATUS", "LAST", "SIGN-IN"]
    assert dee.split()[:4] == ["dee@example.com", "Dee", "editor", "active"]
    assert dee.split()[-1] == "UTC"
    assert eve.split() == ["eve@example.com", "Dee", "contributor", "active", "never"]


def test_set_password_changes_it_and_ends_the_sessions(cli_db: str) -> None:
    create()

    async def open_session(session: AsyncSession) -> str:
        return (await service.sign_in(session, "dee@example.com", "a long password")).token

    token = in_db(cli_db, open_session)
    result = runner.invoke(
        app,
        ["user", "set-password", "DEE@example.com", "--password-stdin"],
        input="new secret 123\n",
    )
    assert result.exit_code == 0, result.output
    assert "new secret 123" not in result.output

    async def check(session: AsyncSession) -> tuple[bool, str]:
        gone = await sessions.lookup(session, token) is None
        return gone, (
            await service.sign_in(session, "dee@example.com", "new secret 123")
        ).staff.email

    assert in_db(cli_db, check) == (True, "dee@example.com")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["set-password", "x@y.z", "--password-stdin"],
            "long enough pw\n",
            "no staff user has the email x@y.z",
        ),
        (
            ["set-password", "dee@example.com", "--password-stdin"],
            "short\n",
            "the password must have at least 10 characters",
        ),
        (
            ["set-password", "dee@example.com", "--password-stdin"],
            "",
            "--password-stdin: standard input is empty",
        ),
        (["disable", "nobody@example.com"], "", "no staff user has the email nobody@example.com"),
        (["disable", "dee@example.com"], "", "the owner cannot be disabled"),
    ],
)
def test_errors_are_one_line_exit_2_and_change_nothing(
    cli_db: str, args: list[str], stdin: str, message: str
) -> None:
    create(role="owner")
    result = runner.invoke(app, ["user", *args], input=stdin)
    assert result.exit_code == 2
    assert result.output.strip() == f"inkwell: {message}"

    async def still(session: AsyncSession) -> str:
        return (await service.sign_in(session, "dee@example.com", "a long password")).staff.role

    assert in_db(cli_db, still) == "owner"


def test_disable_ends_the_sessions_and_enable_lets_them_back(cli_db: str) -> None:
    create()

    async def open_session(session: AsyncSession) -> str:
        return (await service.sign_in(session, "dee@example.com", "a long password")).token

    token = in_db(cli_db, open_session)
    assert runner.invoke(app, ["user", "disable", "dee@example.com"]).exit_code == 0
    assert "disabled" in runner.invoke(app, ["user", "list"]).output

    async def refused(session: AsyncSession) -> bool:
        try:
            await service.sign_in(session, "dee@example.com", "a long password")
        except service.SignInRefused:
            return await sessions.lookup(session, token) is None
        return False

    assert in_db(cli_db, refused)
    assert runner.invoke(app, ["user", "enable", "dee@example.com"]).exit_code == 0
    assert in_db(cli_db, open_session)


@pytest.mark.parametrize("command", ["list", "set-password", "disable", "enable"])
def test_the_new_commands_have_help(command: str) -> None:
    result = runner.invoke(app, ["user", command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
