"""``inkwell search reindex``: the search index rebuilt from every post and page."""

from __future__ import annotations

import time

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.cli import counted, describe_db_error, fail, run_in_session
from inkwell.search import service
from inkwell.settings import settings_or_exit

search_app = typer.Typer(
    help="Search: the full-text index of posts and pages.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the ``search`` group to the root command."""
    app.add_typer(search_app, name="search")


@search_app.command("reindex")
def reindex() -> None:
    """Rebuild the whole search index (in one transaction: searches keep working meanwhile).

    Needed once after upgrading a site that has posts (the index starts empty), and after
    restoring a backup made without the index.
    """
    settings = settings_or_exit()
    started = time.monotonic()
    # On stderr and only on a terminal, so that stdout carries only the result line (scripts).
    console = Console(stderr=True)
    columns = (TextColumn("indexing"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, console=console, transient=True, disable=not console.is_terminal
    ) as bar:
        task = bar.add_task("indexing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        async def work(session: AsyncSession) -> int:
            return await service.reindex(session, progress)

        try:
            indexed = run_in_session(settings, work)
        except SQLAlchemyError as exc:
            fail(f"the index was not rebuilt: {describe_db_error(exc)}")
    elapsed = time.monotonic() - started
    typer.echo(f"Indexed {counted(indexed, 'post')} in {elapsed:.1f} s.")
