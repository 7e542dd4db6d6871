"""The summary an import prints at the end: counts, then what was skipped and why."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from inkwell.importers.report import ImportReport

# Past this many rows a listing is cut short: a 10,000-post import must stay readable.
MAX_ROWS = 50


def print_summary(report: ImportReport, console: Console) -> None:
    """Print the counts table, the feed warnings, and the skipped items, notes, image failures."""
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
    console.print(f"[bold]Imported from[/] {escape(report.source)}", highlight=False)
    counts = Table()
    counts.add_column("result")
    counts.add_column("posts", justify="right")
    counts.add_row("created", str(len(report.created)))
    counts.add_row("updated", str(len(report.updated)))
    counts.add_row("skipped", str(len(report.skipped)))
    if report.images_downloaded or report.image_failures:
        counts.add_row("images downloaded", str(report.images_downloaded))
        counts.add_row("images not downloaded", str(len(report.image_failures)))
    console.print(counts)
    _listing(console, "Skipped", ("item", "reason"), [(s.label, s.reason) for s in report.skipped])
    _listing(
        console,
        "Images left at their original URL",
        ("image", "reason"),
        [(f.url, f.reason) for f in report.image_failures],
    )
    _listing(console, "Notes", ("item", "note"), [(n.label, n.message) for n in report.notes])


def _listing(
    console: Console, title: str, headers: tuple[str, str], rows: list[tuple[str, str]]
) -> None:
    if not rows:
        return
    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header, overflow="fold")
    for left, right in rows[:MAX_ROWS]:
        # Text, not markup: a title such as "[draft] notes" must print as it is.
        table.add_row(Text(left), Text(right))
    if len(rows) > MAX_ROWS:
        table.add_row(f"… and {len(rows) - MAX_ROWS} more", "")
    console.print(table)
