"""Commands about staff accounts: ``inkwell user create | list | set-password | disable | enable``.

Errors are one line on stderr with exit code 2, and nothing is changed. A password is never
echoed: it is prompted for (hidden, twice), read from standard input with ``--password-stdin``
(one line, for scripts), or given with ``--password`` (visible in the shell's history).
"""

from __future__ import annotations

import sys
from datetime import datetime

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service
from inkwell.core.cli import fail, run_in_session
from inkwell.settings import settings_or_exit

user_app = typer.Typer(help="Manage staff users.", no_args_is_help=True)

STDIN_HELP = "Read the password from standard input (one line), for scripts."


def register(app: typer.Typer) -> None:
    """Add the ``user`` group to the root command."""
    app.add_typer(user_app, name="user")


def _password(given: str | None, from_stdin: bool) -> str:
    if given is not None and from_stdin:
        fail("give --password or --password-stdin, not both", code=2)
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            fail("--password-stdin: standard input is empty", code=2)
        return line.rstrip("\r\n")
    if given is not None:
        return given
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@user_app.command("create")
def create_user(
    email: str = typer.Option(..., help="Email address, used to sign in."),
    name: str = typer.Option(..., help="Display name, shown as the author."),
    role: str = typer.Option("author", help=f"One of: {', '.join(service.ROLES)}."),
    password: str = typer.Option(
        None, help="At least 10 characters; prompted for (hidden) when omitted."
    ),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=STDIN_HELP),
) -> None:
    """Create a staff user who can sign in and write."""
    settings = settings_or_exit()
    secret = _password(password, password_stdin)

    async def work(session: AsyncSession) -> str:
        try:
            user = await service.create_user(
                session, name=name, email=email, password=secret, role=role
            )
        except service.UserInputError as exc:
            fail(str(exc), code=2)
        return user.slug

    slug = run_in_session(settings, work)
    typer.echo(f"Created {role} {name} <{email}> (author page /author/{slug}/).")


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


@user_app.command("list")
def list_users() -> None:
    """List staff users: email, name, role, status, last sign-in."""
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> list[service.StaffMember]:
        return await service.list_staff(session)

    members = run_in_session(settings, work)
    rows = [("EMAIL", "NAME", "ROLE", "STATUS", "LAST SIGN-IN")] + [
        (
            m.email,
            m.name,
            m.role,
            "disabled" if m.disabled else "active",
            _when(m.last_signin_at),
        )
        for m in members
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@user_app.command("set-password")
def set_password(
    email: str = typer.Argument(..., help="Email of the staff user."),
    password: str = typer.Option(
        None, help="At least 10 characters; prompted for (hidden) when omitted."
    ),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=STDIN_HELP),
) -> None:
    """Set a staff user's password; every browser they are signed in on is signed out."""
    settings = settings_or_exit()
    secret = _password(password, password_stdin)

    async def work(session: AsyncSession) -> None:
        try:
            account = await service.account_by_email(session, email)
            await service.set_password(session, account.user_id, secret)
        except service.UserInputError as exc:
            fail(str(exc), code=2)

    run_in_session(settings, work)
    typer.echo(f"Password of {email.strip()} changed; their sessions were ended.")


def _set_disabled(email: str, *, disabled: bool) -> None:
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> None:
        try:
            account = await service.account_by_email(session, email)
            await service.set_disabled(session, None, account.user_id, disabled=disabled)
        except service.UserInputError as exc:
            fail(str(exc), code=2)

    run_in_session(settings, work)


@user_app.command("disable")
def disable_user(email: str = typer.Argument(..., help="Email of the staff user.")) -> None:
    """Stop a staff user from signing in (their sessions end); the owner cannot be disabled."""
    _set_disabled(email, disabled=True)
    typer.echo(f"Disabled {email.strip()}; their sessions were ended.")


@user_app.command("enable")
def enable_user(email: str = typer.Argument(..., help="Email of the staff user.")) -> None:
    """Let a disabled staff user sign in again."""
    _set_disabled(email, disabled=False)
    typer.echo(f"Enabled {email.strip()}.")
