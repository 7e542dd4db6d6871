"""The analytics dashboard's numbers made ready to show: the totals compared with the previous
period, each breakdown table with its columns, the chart's steps, and every table as CSV.

Nothing here counts anything: the numbers are those ``analytics.service`` read from the
database, only arranged, labelled and rounded as they are shown.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from inkwell.admin.analytics_view import View, value_label
from inkwell.analytics import service as analytics


def _count(value: float) -> str:
    return f"{value:,.0f}"


Column = tuple[str, Callable[[analytics.Metrics], int | float], Callable[[float], str]]
"""A table column: its heading, its number (as exported), how the page shows it."""
VISITORS: Column = ("Visitors", lambda m: m.visitors, _count)
PAGEVIEWS: Column = ("Page views", lambda m: m.pageviews, _count)
VISITS: Column = ("Visits", lambda m: m.visits, _count)
EVENTS: Column = ("Events", lambda m: m.events, _count)
BOUNCE: Column = ("Bounce rate (%)", lambda m: m.bounce_rate, "{:.0f}%".format)
DURATION: Column = ("Visit duration (s)", lambda m: m.visit_duration, lambda v: duration(int(v)))
VISIT_COLUMNS = (VISITORS, VISITS, BOUNCE, DURATION)


@dataclass(frozen=True)
class Table:
    """One breakdown: which dimension, its heading, the name of its value column, its
    numbers, and whether it is shown even when empty."""

    key: str
    dimension: str
    heading: str
    value_heading: str
    columns: tuple[Column, ...]
    always: bool = True


TABLES = (
    Table("pages", "page", "Top pages", "Page", (VISITORS, PAGEVIEWS)),
    Table("entry-pages", "entry_page", "Entry pages", "Page", VISIT_COLUMNS),
    Table("exit-pages", "exit_page", "Exit pages", "Page", (VISITORS, VISITS)),
    Table("sources", "source", "Sources", "Source", VISIT_COLUMNS),
    Table("referrers", "referrer", "Referrers", "Referring site", VISIT_COLUMNS),
    Table("utm-mediums", "utm_medium", "UTM mediums", "Medium", VISIT_COLUMNS),
    Table("utm-campaigns", "utm_campaign", "UTM campaigns", "Campaign", VISIT_COLUMNS),
    Table("utm-contents", "utm_content", "UTM contents", "Content", VISIT_COLUMNS, False),
    Table("utm-terms", "utm_term", "UTM terms", "Term", VISIT_COLUMNS, False),
    Table("browsers", "browser", "Browsers", "Browser", VISIT_COLUMNS),
    Table("os", "os", "Operating systems", "Operating system", VISIT_COLUMNS),
    Table("devices", "device", "Devices", "Device", VISIT_COLUMNS),
    Table("countries", "country", "Countries", "Country", VISIT_COLUMNS, False),
    Table("events", "event", "Custom events", "Event", (VISITORS, EVENTS), False),
)
TABLES_BY_KEY = {table.key: table for table in TABLES}
TIMESERIES = "visitors"
"""The CSV name of the chart's own numbers."""
SHOWN_ROWS = 10
_NOT_CUSTOM = {"pageview"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    """One value of a breakdown: the value, how it reads, the post's title, its numbers."""

    value: str
    label: str
    title: str
    numbers: tuple[int | float, ...]
    shown: tuple[str, ...]
    """The numbers as the page shows them (``42%``, ``1m 05s``)."""


def rows(found: analytics.Numbers, table: Table, titles: dict[str, str] | None = None) -> list[Row]:
    """Every value of ``table``'s dimension, most visitors first (custom events without the
    page views); a page's post title from ``titles`` (path to title) when it is one."""
    ranked = analytics.breakdown(found, table.dimension, limit=1_000_000)
    titles = titles or {}
    found_rows = []
    for value, metrics in ranked:
        if table.dimension == "event" and value in _NOT_CUSTOM:
            continue
        numbers = tuple(number(metrics) for _, number, _ in table.columns)
        found_rows.append(
            Row(
                value,
                value_label(table.dimension, value),
                titles.get(value, "") if table.value_heading == "Page" else "",
                numbers,
                tuple(fmt(n) for n, (_, _, fmt) in zip(numbers, table.columns, strict=True)),
            )
        )
    return found_rows


@dataclass(frozen=True)
class Total:
    """One headline number with the previous period's and the change between them."""

    key: str
    label: str
    value: int | float
    shown: str
    previous: int | float
    previous_shown: str
    change: str
    """``+12%``, ``−3 points``, ``new`` or ``no change`` (empty when both are zero)."""
    direction: str
    """``up``, ``down`` or ``same``."""
    tone: str
    """``good``, ``bad`` or ``same``: a bounce rate going up is bad news."""


def duration(seconds: int) -> str:
    """``1m 05s``, ``42s``, ``1h 02m``."""
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"


def _change(now: float, before: float, *, points: bool) -> tuple[str, str]:
    if now == before:
        return ("no change" if now else "", "same")
    direction = "up" if now > before else "down"
    if points:
        return f"{now - before:+.0f} points".replace("-", "−"), direction
    if not before:
        return "new", direction
    return f"{round(100 * (now - before) / before):+d}%".replace("-", "−"), direction


def totals(now: analytics.Metrics, before: analytics.Metrics, days: int) -> list[Total]:
    """The headline numbers; over several days, visitors are labelled as the sum they are."""
    visitors = "Unique visitors" if days == 1 else "Unique visitors (sum of daily uniques)"
    figures: list[tuple[str, str, float, float, Callable[[float], str], bool]] = [
        ("visitors", visitors, now.visitors, before.visitors, _count, False),
        ("pageviews", "Page views", now.pageviews, before.pageviews, _count, False),
        ("visits", "Visits", now.visits, before.visits, _count, False),
        ("bounce_rate", "Bounce rate", now.bounce_rate, before.bounce_rate, "{:.0f}%".format, True),
        (
            "visit_duration",
            "Visit duration",
            now.visit_duration,
            before.visit_duration,
            lambda v: duration(int(v)),
            False,
        ),
        (
            "views_per_visit",
            "Views per visit",
            now.views_per_visit,
            before.views_per_visit,
            "{:.2f}".format,
            False,
        ),
    ]
    shown = []
    for key, label, value, previous, fmt, points in figures:
        change, direction = _change(value, previous, points=points)
        tone = "same" if direction == "same" else "good" if (direction == "up") != points else "bad"
        shown.append(
            Total(key, label, value, fmt(value), previous, fmt(previous), change, direction, tone)
        )
    return shown


def _step_labels(start: date, interval: str) -> tuple[str, str]:
    if isinstance(start, datetime):  # an hour of the site's clock
        until = (start.hour + 1) % 24
        spelled = f"{start:%A} {start.day} {start:%B %Y}, {start:%H}:00–{until:02d}:00"
        return f"{start:%H}:00", spelled
    if interval == "month":
        return f"{start:%b %Y}", f"{start:%B %Y}"
    if interval == "week":
        return f"{start.day} {start:%b}", f"Week of {start.day} {start:%B %Y}"
    return f"{start.day} {start:%b}", f"{start:%A} {start.day} {start:%B %Y}"


def chart_points(
    series: Sequence[tuple[date, analytics.Metrics]], interval: str
) -> list[analytics.ChartPoint]:
    """The chart's steps, labelled by hour (a datetime's), day, week (starting Mondays) or
    month."""
    points = []
    for start, metrics in series:
        short, spelled = _step_labels(start, interval)
        points.append(analytics.ChartPoint(short, metrics.visitors, metrics.pageviews, spelled))
    return points


def neutralised(cell: object) -> str:
    """A CSV cell a spreadsheet will not run: text starting ``= + - @`` (or a tab or carriage
    return) gets a leading apostrophe."""
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def to_csv(header: Sequence[str], body: Sequence[Sequence[object]]) -> str:
    """A CSV document (RFC 4180 quoting, CRLF line ends), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralised(cell) for cell in header])
    writer.writerows([neutralised(cell) for cell in line] for line in body)
    return out.getvalue()


def table_csv(found: analytics.Numbers, table: Table, titles: dict[str, str]) -> str:
    """Every row of ``table`` as CSV (the value as stored, then the post title for pages)."""
    header = [table.value_heading] + (["Title"] if table.value_heading == "Page" else [])
    header += [column[0] for column in table.columns]
    body = [
        [row.value] + ([row.title] if table.value_heading == "Page" else []) + list(row.numbers)
        for row in rows(found, table, titles)
    ]
    return to_csv(header, body)


def _when(start: date) -> str:
    # An hour reads as the Stats API dates it (local time), a day as its ISO date.
    return f"{start:%Y-%m-%d %H:%M:%S}" if isinstance(start, datetime) else start.isoformat()


def series_csv(series: Sequence[tuple[date, analytics.Metrics]]) -> str:
    """The chart's numbers as CSV, one line per step (an hour's step named by its start)."""
    header = ["Date", "Visitors", "Page views", "Visits", "Bounce rate (%)", "Visit duration (s)"]
    body = [
        [_when(start), m.visitors, m.pageviews, m.visits, m.bounce_rate, m.visit_duration]
        for start, m in series
    ]
    return to_csv(header, body)


def csv_filename(key: str, view: View) -> str:
    """``inkwell-pages-2026-11-04-2026-12-03.csv``."""
    return f"inkwell-{key}-{view.start.isoformat()}-{view.end.isoformat()}.csv"
