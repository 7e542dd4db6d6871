"""``inkwell analytics key | import | export``: Stats API keys, history from Google Analytics,
and the daily numbers as CSV, from the shell.

``key create NAME --json`` prints exactly one JSON object, ``{"name", "key"}``, so that a script
can read the key without parsing text; the key is shown this once and never again. A refusal
(a taken name, an unknown key, a file that is no export, a bad date) is one line on stderr,
exit code 2, and nothing changes; a database failure is one line too (exit code 1).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import keys
from inkwell.analytics.export import export_daily
from inkwell.analytics.ga_csv import ExportError
from inkwell.analytics.ga_import import ImportReport, import_google_analytics
from inkwell.analytics.models import StatsKey
from inkwell.core.cli import counted, describe_db_error, fail, run_in_session
from inkwell.core.time import iso_seconds
from inkwell.settings import settings_or_exit

T = TypeVar("T")
SHOWN_DAYS = 10

analytics_app = typer.Typer(
    help="Analytics: Stats API keys, importing Google Analytics history, exporting the numbers.",
    no_args_is_help=True,
)
key_app = typer.Typer(help="Stats API keys (Plausible's Stats API v1).", no_args_is_help=True)
import_app = typer.Typer(help="Bring in the history another tool counted.", no_args_is_help=True)
analytics_app.add_typer(key_app, name="key")
analytics_app.add_typer(import_app, name="import")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def register(app: typer.Typer) -> None:
    """Add the ``analytics`` group to the root command."""
    app.add_typer(analytics_app, name="analytics")


def _run(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work(session)`` in one transaction; a refusal or database failure is one line."""
    settings = settings_or_exit()
    try:
        return run_in_session(settings, work)
    except (keys.StatsKeyError, ExportError) as exc:
        fail(str(exc), code=2)
    except SQLAlchemyError as exc:
        fail(f"nothing was changed: {describe_db_error(exc)}")


# --- key


def _key_json(key: StatsKey) -> dict[str, Any]:
    return {
        "name": key.name,
        "hint": key.hint,
        "created_at": iso_seconds(key.created_at),
        "last_used_at": iso_seconds(key.last_used_at) if key.last_used_at else None,
    }


@key_app.command("create")
def create_key(
    name: Annotated[str, typer.Argument(help="A name people recognise, e.g. the dashboard's.")],
    as_json: JsonOption = False,
) -> None:
    """Create a Stats API key and print it (this once: only its digest is kept)."""

    async def work(session: AsyncSession) -> tuple[str, str]:
        row, key = await keys.create_key(session, name)
        return row.name, key

    made, key = _run(work)
    if as_json:
        typer.echo(json.dumps({"name": made, "key": key}, ensure_ascii=False))
        return
    typer.echo(f"Created the Stats API key “{made}”. It is shown this once; keep it safe:")
    typer.echo(key)
    typer.echo("Send it as the header  Authorization: Bearer KEY")


@key_app.command("list")
def list_keys(as_json: JsonOption = False) -> None:
    """List the Stats API keys: name, first characters, when made and last used."""
    found = _run(keys.list_keys)
    if as_json:
        typer.echo(json.dumps([_key_json(k) for k in found], ensure_ascii=False))
        return
    if not found:
        typer.echo("No Stats API keys yet: `inkwell analytics key create NAME` makes one.")
        return
    rows = [("NAME", "KEY", "CREATED", "LAST USED")] + [
        (
            k.name,
            f"{k.hint}…",
            iso_seconds(k.created_at),
            iso_seconds(k.last_used_at) if k.last_used_at else "never",
        )
        for k in found
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@key_app.command("delete")
def delete_key(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Delete a Stats API key: it stops working at once."""

    async def work(session: AsyncSession) -> str:
        return await keys.delete_key(session, name)

    typer.echo(f"Deleted the Stats API key “{_run(work)}”; it no longer works.")


# --- import


def _days(days: tuple[date, ...]) -> str:
    shown = ", ".join(day.isoformat() for day in days[:SHOWN_DAYS])
    more = len(days) - SHOWN_DAYS
    return shown + (f" and {more} more" if more > 0 else "")


def _describe(report: ImportReport) -> list[str]:
    """What an import did, line by line, for people."""
    export = report.export
    visitors = f"visitors from “{export.visitors_column}”" if export.visitors_column else ""
    lines = [
        f"Read a {export.flavour} export: {counted(export.rows, 'row')} over "
        f"{counted(len(export.site), 'day')} (page views from “{export.views_column}”"
        + (f", {visitors})." if visitors else ")."),
        f"{'Would import' if report.dry_run else 'Imported'} {counted(len(report.imported), 'day')}"
        f": {counted(report.pages, 'page row')}, {counted(report.pageviews, 'page view')}.",
    ]
    if report.skipped:
        lines.append(
            f"Skipped {counted(len(report.skipped), 'day')} Inkwell counted itself "
            f"(left as they are): {_days(report.skipped)}."
        )
    if report.unfinished:
        lines.append(
            f"Skipped {counted(len(report.unfinished), 'day')} not over yet (left to Inkwell's own "
            f"counting): {_days(report.unfinished)}."
        )
    if export.site_only_rows:
        lines.append(
            f"{counted(export.site_only_rows, 'row')} without a page path (such as “(not set)”)"
            " counted in the site totals only."
        )
    if not export.visitors_column:
        lines.append("The file has no users column: visitors are 0 for the imported days.")
    elif export.has_pages:
        lines.append(
            "Each day's site visitors are its busiest page's: per-page users cannot be added up."
        )
    if export.ignored_columns:
        lines.append(f"Columns left out: {', '.join(export.ignored_columns)}.")
    if report.dry_run:
        lines.append("Dry run: nothing was written.")
    return lines


@import_app.command("google-analytics")
def import_ga(
    file: Annotated[Path, typer.Argument(help="A GA4 or Universal Analytics CSV export.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be imported; write nothing.")
    ] = False,
) -> None:
    """Import page views per day and page from a Google Analytics CSV export.

    Days Inkwell counted itself are skipped; days imported before are replaced."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}", code=2)

    async def work(session: AsyncSession) -> ImportReport:
        try:
            return await import_google_analytics(session, data, dry_run=dry_run)
        except ExportError as exc:
            raise ExportError(f"{file}: {exc}; nothing was imported") from None

    for line in _describe(_run(work)):
        typer.echo(line)


# --- export


def _day_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail(f"{option}: “{value}” is not a date such as 2024-03-01", code=2)


def _export_to(
    path: Path, work: Callable[[TextIO], Callable[[AsyncSession], Awaitable[int]]]
) -> int:
    """Export into ``path`` through a file beside it, renamed when complete: a failure leaves
    no half-written file (and any earlier one as it was)."""
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}", code=2)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            written = _run(work(out))
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return written


@analytics_app.command("export")
def export(
    first: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="First day (YYYY-MM-DD).")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Last day, included.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write here, not stdout.")
    ] = None,
) -> None:
    """Write the daily aggregates as CSV: day, dimension, value and their numbers."""
    since, until = _day_option(first, "--from"), _day_option(last, "--to")
    if since and until and since > until:
        fail(f"--from {since} is after --to {until}", code=2)

    def work(out: TextIO) -> Callable[[AsyncSession], Awaitable[int]]:
        return lambda session: export_daily(session, out, first=since, last=until)

    if output is None:
        _run(work(sys.stdout))
        return
    written = _export_to(output, work)
    typer.echo(f"Wrote {counted(written, 'row')} to {output}.")
