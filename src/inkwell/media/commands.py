"""``inkwell media variants``: make the resized copies the background job has not made."""

from __future__ import annotations

import asyncio

import typer

from inkwell.core.cli import describe_db_error, fail
from inkwell.settings import settings_or_exit


def register(app: typer.Typer) -> None:
    """Add the ``media`` group to the root command."""
    group = typer.Typer(help="Uploaded images.", no_args_is_help=True)
    group.command("variants")(variants)
    app.add_typer(group, name="media")


def variants() -> None:
    """Make the missing w600/w1000/w1600 and WebP copies of every uploaded image.

    Useful after restoring the media folder from a backup without its ``size/`` folder, or
    when the server stopped before its background jobs ran (copies are also made on first
    request, so this only spares the first readers the wait).
    """
    from inkwell.core.db import Database
    from inkwell.core.migrate import upgrade
    from inkwell.media import service

    settings = settings_or_exit()
    try:
        upgrade(settings.database_url)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one line
        fail(f"cannot prepare the database: {describe_db_error(exc)}")

    async def run() -> tuple[int, int]:
        database = Database(settings.database_url)
        try:
            return await service.make_missing_variants(database, settings)
        finally:
            await database.dispose()

    images, files = asyncio.run(run())
    typer.echo(f"{images} uploaded images, {files} resized copies in place.")
