"""``inkwell import disqus``, ``isso`` and ``remark42``: another system's comments, kept.

Each command reads its file into plain records (a bad file: one line, exit 1, nothing
stored), then ``comments.service.import_comments`` matches the threads to posts and stores the
comments in one transaction. The report says what came in and what was left out, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from sqlalchemy.exc import SQLAlchemyError

from inkwell.comments import service as comments
from inkwell.core.cli import describe_db_error, fail, run_in_session
from inkwell.importers.report import ImportFailed
from inkwell.settings import settings_or_exit

DryRun = Annotated[
    bool,
    typer.Option(
        "--dry-run", help="Read the file and report what would be imported; store nothing."
    ),
]
Reader = Callable[[Path], list[comments.ImportedThread]]


def run_comment_import(source: str, file: Path, read: Reader, *, dry_run: bool) -> None:
    """Read ``file`` with ``read``, import its comments under ``source`` and print the report."""
    settings = settings_or_exit()
    try:
        threads = read(file)
        report = run_in_session(
            settings,
            lambda session: comments.import_comments(
                session,
                threads,
                source=source,
                label=f"{source} export {file}",
                dry_run=dry_run,
                site_prefix=urlsplit(settings.site_url).path,
            ),
        )
    except ImportFailed as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"the import was not saved: {describe_db_error(exc)}")
    # Plain lines: a report read in a log or a pipe should not be wrapped at 80 columns.
    print("\n".join(report.lines()))


def register(app: typer.Typer) -> None:
    """Add the comment import commands to ``inkwell import``."""

    @app.command("disqus")
    def import_disqus(
        file: Annotated[Path, typer.Argument(metavar="FILE", help="A Disqus XML export.")],
        dry_run: DryRun = False,
    ) -> None:
        """Import the comments of a Disqus XML export onto the posts their pages match.

        Threads are matched by URL path (http/https, www., trailing slash, query and old
        addresses that redirect here are all fine); deleted and spam comments are left out,
        and a second run adds only what is new."""
        from inkwell.importers.disqus.reader import read_export

        run_comment_import("disqus", file, read_export, dry_run=dry_run)

    @app.command("isso")
    def import_isso(
        file: Annotated[Path, typer.Argument(metavar="FILE", help="Isso's SQLite database file.")],
        dry_run: DryRun = False,
    ) -> None:
        """Import the comments of an Isso database (opened read-only) onto the posts their
        page paths match; comments Isso never published or deleted are left out."""
        from inkwell.importers.isso.reader import read_database

        run_comment_import("isso", file, read_database, dry_run=dry_run)

    @app.command("remark42")
    def import_remark42(
        file: Annotated[
            Path, typer.Argument(metavar="FILE", help="A Remark42 backup (plain or gzipped).")
        ],
        dry_run: DryRun = False,
    ) -> None:
        """Import the comments of a Remark42 backup onto the posts their page URLs match;
        deleted comments are left out and read-only pages stay closed."""
        from inkwell.importers.remark42.reader import read_backup

        run_comment_import("remark42", file, read_backup, dry_run=dry_run)
