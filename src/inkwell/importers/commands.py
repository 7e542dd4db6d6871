"""``inkwell import rss``, ``markdown`` and ``ghost``: the import commands.

A progress bar on stderr while it runs, a summary table at the end; bad input ends with one
line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.cli import describe_db_error, fail, run_in_session
from inkwell.importers import comment_commands, pipeline
from inkwell.importers.report import ImportFailed, ImportReport
from inkwell.importers.summary import print_summary
from inkwell.settings import Settings, settings_or_exit

app = typer.Typer(
    help="Import posts from an RSS/Atom feed (Ghost, WordPress, Jekyll, Hugo...), a folder of "
    "Markdown files or a Ghost JSON export, and comments from Disqus, Isso or Remark42. Running "
    "a feed or Markdown import again updates the posts it created; a Ghost import leaves posts "
    "already here unchanged; a comment import adds only comments not imported before.",
    no_args_is_help=True,
)
comment_commands.register(app)

_DOWNLOAD_HELP = (
    "Copy every image into the media folder (INKWELL_MEDIA_DIR) and point the posts at the "
    "copies; images that cannot be fetched keep their URL and are listed at the end."
)
DownloadImages = Annotated[bool, typer.Option("--download-images", help=_DOWNLOAD_HELP)]


class _Bar:
    """The service's Progress, drawn with rich on stderr."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def stage(self, description: str, total: int) -> None:
        if self._task is not None:
            self._progress.update(self._task, visible=False)
        self._task = self._progress.add_task(description, total=max(total, 1))

    def advance(self, steps: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, steps)


def _run(
    settings: Settings, work: Callable[[AsyncSession, _Bar], Awaitable[ImportReport]]
) -> ImportReport:
    """Run ``work`` in one transaction with a progress bar; bad input becomes one line."""
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    try:
        # Drawn only on a terminal: in a pipe or a log it would be noise around the summary.
        with Progress(
            *columns, console=console, transient=True, disable=not console.is_terminal
        ) as progress:
            bar = _Bar(progress)
            return run_in_session(settings, lambda session: work(session, bar))
    except ImportFailed as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"the import was not saved: {describe_db_error(exc)}")


def _finish(report: ImportReport) -> None:
    print_summary(report, Console())
    if report.imported == 0:
        fail(f"nothing was imported from {report.source}: every item was skipped")


@app.command("rss")
def import_rss(
    location: Annotated[
        str,
        typer.Argument(
            metavar="PATH_OR_URL", help="A feed file, or the http(s) address of a feed."
        ),
    ],
    download_images: DownloadImages = False,
) -> None:
    """Import the posts of an RSS 2.0 or Atom feed (a Ghost feed keeps ids, slugs and URLs)."""
    _import(pipeline.feed_source(location), download_images=download_images)


@app.command("markdown")
def import_markdown(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="A folder of Markdown files with front matter."),
    ],
    download_images: DownloadImages = False,
) -> None:
    """Import a folder of Markdown files with YAML/TOML front matter (Hugo, Jekyll...)."""
    _import(pipeline.markdown_source(folder), download_images=download_images)


@app.command("ghost")
def import_ghost(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A Ghost JSON export (Ghost 4, 5 or 6).")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and report; store nothing.")
    ] = False,
) -> None:
    """Import a Ghost JSON export: posts, pages, tags, authors and shared settings, with their
    ids, slugs, dates and URLs. A bad file stores nothing."""
    from inkwell.importers.ghost_json.run import import_ghost as run_ghost_import

    settings = settings_or_exit()
    try:
        report = run_in_session(
            settings,
            lambda session: run_ghost_import(session, file, settings=settings, dry_run=dry_run),
        )
    except ImportFailed as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"the import was not saved: {describe_db_error(exc)}")
    # Plain lines: a report read in a log or a pipe should not be wrapped at 80 columns.
    print("\n".join(report.lines()))


def _import(source: pipeline.ImportSource, *, download_images: bool) -> None:
    """Run the import of ``source`` under the settings in force, then print its summary."""
    settings = settings_or_exit()
    report = _run(
        settings,
        lambda session, bar: pipeline.run_import(
            session,
            source,
            settings=settings,
            download_images=download_images,
            progress=bar,
        ),
    )
    _finish(report)
