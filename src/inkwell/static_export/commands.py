"""``inkwell build OUT_DIR``."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from inkwell.core.cli import describe_db_error, fail
from inkwell.settings import settings_or_exit


def register(app: typer.Typer) -> None:
    """Add ``build`` to the root command."""
    app.command()(build)


def build(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the static site into.")],
) -> None:
    """Write the whole public site (pages, archives, feeds, sitemaps, assets) as static files."""
    from inkwell.core.migrate import upgrade
    from inkwell.static_export.crawler import BuildError, build_site

    settings = settings_or_exit()
    try:
        upgrade(settings.database_url)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one line
        fail(f"cannot prepare the database: {describe_db_error(exc)}")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task("building", total=None)
        try:
            report = asyncio.run(
                build_site(settings, out_dir, on_page=lambda p: bar.update(task, description=p))
            )
        except BuildError as exc:
            fail(str(exc), code=2)
    typer.echo(
        f"Built {report.pages} URLs into {out_dir} ({report.files} files, "
        f"{report.bytes / 1_048_576:.1f} MiB), {len(report.redirects)} redirects."
    )
    for path, status, referrer in report.broken:
        typer.echo(f"  broken link: {path} ({status}) linked from {referrer}")
    if report.broken:
        raise typer.Exit(1)
