"""Helpers every feature's Typer commands share: a database session, clean failures."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, NoReturn, Protocol, TypeVar
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    from inkwell.core.jobs import Job
    from inkwell.core.mail import MailConfig

T = TypeVar("T")


class HasDatabaseUrl(Protocol):
    """What these helpers read of the settings (core knows no settings class)."""

    @property
    def database_url(self) -> str:
        """SQLAlchemy URL of the database."""
        ...


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line to stderr and exit with ``code``: no traceback for the user."""
    print(f"inkwell: {message}", file=sys.stderr)
    raise SystemExit(code)


def run_in_session(
    settings: HasDatabaseUrl,
    work: Callable[[AsyncSession], Awaitable[T]],
    *,
    migrate: bool = True,
    jobs: Mapping[str, Job] | None = None,
    mail: MailConfig | None = None,
) -> T:
    """Run ``work`` in one committed database session (migrating first), from sync code.

    With ``jobs`` (and ``mail``), a job runner surrounds the transaction: the jobs its commit
    enqueues (a feature's emails) run, each tried once, before this returns; without one they
    would be dropped with the process.
    """
    from inkwell.core.db import Database
    from inkwell.core.migrate import upgrade

    if migrate:
        try:
            upgrade(settings.database_url)
        except Exception as exc:  # noqa: BLE001 - any driver error becomes one line
            fail(f"cannot prepare the database: {describe_db_error(exc)}")

    async def main() -> T:
        database = Database(settings.database_url)
        try:
            async with AsyncExitStack() as stack:
                if jobs is not None:
                    from inkwell.core import jobs as job_runner
                    from inkwell.core.mail import MailConfig, Mailer

                    mailer = Mailer(mail or MailConfig())
                    context = job_runner.JobContext(database, settings, mailer)
                    await stack.enter_async_context(
                        job_runner.running(jobs, context, max_attempts=1)
                    )
                async with database.session(write=True) as session:
                    return await work(session)
        finally:
            await database.dispose()

    return asyncio.run(main())


def describe_db_error(exc: BaseException) -> str:
    """A one-line description of a database failure, never carrying a password."""
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return mask_url_password(first)


def mask_url_password(url: str) -> str:
    """Replace the password of a URL such as ``postgresql://u:secret@h/db`` by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, the noun in the plural unless there is exactly one."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
