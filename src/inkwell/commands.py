"""Commands about the process itself, beside the features': serve, migrate, doctor.

They belong to the entry layer because ``serve`` runs every feature's first-start steps.
"""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

import typer

from inkwell.core.cli import describe_db_error, fail
from inkwell.settings import Settings, settings_or_exit

if TYPE_CHECKING:
    from inkwell.core.scheduler import Scheduler


def register(app: typer.Typer) -> None:
    """Add ``serve``, ``migrate`` and ``doctor`` to the root command."""
    app.command()(serve)
    app.command()(migrate)
    app.command()(doctor)


def serve(
    host: str = typer.Option(None, help="Address to bind (default: INKWELL_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port to bind (default: INKWELL_PORT, 8000).", min=1),
    workers: int = typer.Option(
        None, help="Worker processes (default: INKWELL_WORKERS, 1).", min=1
    ),
) -> None:
    """Serve the blog: migrate the database, run the first-start steps (the owner, demo
    content), start the scheduler (scheduled posts), then listen."""
    import uvicorn

    from inkwell.core import http_protocol
    from inkwell.features import first_start

    # The flags win over INKWELL_HOST/PORT, for the workers too (they read the environment), so
    # that an unset INKWELL_SITE_URL follows them (see Settings).
    os.environ.update({"INKWELL_HOST": host} if host else {})
    os.environ.update({"INKWELL_PORT": str(port)} if port else {})
    settings = settings_or_exit()
    _migrate_or_exit(settings.database_url)
    report = first_start(settings)
    for line in report:
        typer.echo(line)
    bind_host = host or settings.host
    bind_port = port or settings.port
    typer.echo(f"Inkwell is serving {settings.site_url} on http://{bind_host}:{bind_port}/")
    # The one scheduler of the site runs here, in the master process: uvicorn's workers are
    # fresh processes that never start one (see core/scheduler.py).
    scheduler = _start_scheduler(settings)
    # With one worker uvicorn re-raises SIGTERM once it has shut down, which would end the
    # process before the scheduler stops: turn it into an exception, stop, then re-raise it.
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    terminated = False
    try:
        uvicorn.run(
            "inkwell.app:create_app",
            factory=True,
            host=bind_host,
            port=bind_port,
            workers=workers or settings.workers,
            log_level=settings.log_level,
            # One log line per request costs more than serving a cached page: only when asked.
            access_log=settings.log_level in ("debug", "info"),
            # The client address is ours to decide (core.client_address, INKWELL_TRUSTED_PROXIES):
            # uvicorn would otherwise trust X-Forwarded-For from 127.0.0.1 by itself.
            proxy_headers=False,
            server_header=False,
            # httptools, writing each response in one piece (see core.http_protocol).
            http=http_protocol.PROTOCOL,
        )
    except _Terminated:
        terminated = True
    finally:
        scheduler.stop()
        signal.signal(signal.SIGTERM, previous)
    if terminated:
        signal.raise_signal(signal.SIGTERM)


class _Terminated(BaseException):
    """SIGTERM arrived (a BaseException, so no ``except Exception`` swallows it)."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _start_scheduler(settings: Settings) -> Scheduler:
    import logging

    from inkwell.core.scheduler import Scheduler, SchedulerError
    from inkwell.features import registry

    # uvicorn configures its own loggers only: let the scheduler's lines (and its jobs') show.
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s:  %(message)s")
    scheduler = Scheduler.for_registry(
        registry(),
        database_url=settings.database_url,
        settings=settings,
        mail_config=settings.mail_config(),
    )
    try:
        scheduler.start()
    except SchedulerError as exc:
        fail(str(exc))
    return scheduler


def migrate() -> None:
    """Apply pending database migrations."""
    from inkwell.core.migrate import current_revision

    settings = settings_or_exit()
    _migrate_or_exit(settings.database_url)
    typer.echo(f"Database is at revision {current_revision(settings.database_url)} (head).")


def doctor() -> None:
    """Show the settings in force (secrets masked) and check the database and its schema."""
    from inkwell.core.migrate import current_revision, head_revision

    settings = settings_or_exit()
    for name, value in settings.masked().items():
        typer.echo(f"{name} = {value}")
    try:
        current = current_revision(settings.database_url)
    except Exception as exc:  # noqa: BLE001 - report any driver failure as one line
        fail(f"database unreachable: {describe_db_error(exc)}")
    typer.echo("database: reachable")
    head = head_revision()
    if current != head:
        fail(
            f"migrations: database at {current or 'nothing'}, head is {head}: run `inkwell migrate`"
        )
    typer.echo(f"migrations: at head ({head})")


def _migrate_or_exit(database_url: str) -> None:
    from inkwell.core.migrate import upgrade

    try:
        upgrade(database_url)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one line
        fail(f"cannot migrate the database: {describe_db_error(exc)}")
