"""Reading a Google Analytics CSV export of page views per day and page.

Two shapes are read, whatever the order of their columns:

- Google Analytics 4 (a report or an exploration, "Download file → CSV"): ``#`` comment lines
  naming the property and the dates, then a header such as ``Page path and screen class,Date,
  Views,Total users`` (or ``Page path``, ``Users``, ``Active users``), dates as ``YYYYMMDD``.
- Universal Analytics ("Export → CSV" of the Pages report with Date as second dimension): a
  comment block, then ``Page,Date,Pageviews,Unique Pageviews,…``, dates as ``YYYYMMDD`` or
  ``MM/DD/YY``, numbers with thousands separators (``"1,234"``), a totals row without a page
  or date after the data, and sometimes further sections (``Day Index,…``) after another
  comment block, which are not part of the table and are left alone.

A page column is optional: a file of days alone fills the site totals only. A UTF-8 (or
UTF-16, as spreadsheets save) file with or without a byte-order mark, LF or CRLF line ends,
and quoted fields are all read. Anything else is refused with the line that is wrong: the
whole file is read before anything is stored.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar
from urllib.parse import urlsplit

PAGE_COLUMNS = (
    "page path and screen class",
    "page path",
    "page path + query string",
    "page location",
    "page",
)
DATE_COLUMNS = ("date",)
VIEW_COLUMNS = ("views", "pageviews", "page views", "screen page views")
# Best first: users are closest to Inkwell's visitors; unique page views (UA's sessions that
# saw the page) are the next best thing.
VISITOR_COLUMNS = ("total users", "users", "active users", "unique pageviews", "unique page views")
TOTAL_LABELS = ("", "total", "totals", "grand total")
NOT_A_PAGE = "site total only"
MAX_PATH = 500  # AnalyticsDaily.value
MAX_COUNT = 2**31 - 1  # AnalyticsDaily's integer columns
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d+", re.ASCII)
_SPACES = str.maketrans("", "", " \u00a0\u202f")
K = TypeVar("K")


class ExportError(ValueError):
    """A file that is not a readable export; the message names the line when there is one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


@dataclass
class Counts:
    """Page views and visitors (of one page, or of the site) on one day."""

    pageviews: int = 0
    visitors: int = 0


@dataclass
class Export:
    """What an export holds, added up per day: per page, and for the whole site."""

    flavour: str
    views_column: str
    visitors_column: str | None
    has_pages: bool
    pages: dict[date, dict[str, Counts]] = field(default_factory=lambda: defaultdict(dict))
    site: dict[date, Counts] = field(default_factory=dict)
    rows: int = 0
    site_only_rows: int = 0
    """Rows whose page is no path (``(not set)``, an app screen, an over-long address):
    counted in the site's totals, not as a page."""
    total_rows: int = 0
    ignored_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Columns:
    header_line: int
    width: int
    date: int
    views: int
    page: int | None
    visitors: int | None
    names: tuple[str, ...]


def decode(data: bytes) -> str:
    """The text of the file: UTF-8 (a BOM allowed), or UTF-16 when it starts with its BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExportError(f"this is not UTF-8 text (byte {exc.start + 1})", line) from None


def parse(text: str) -> Export:
    """Read an export's table; ``ExportError`` for a file that is not one."""
    if not text.strip():
        raise ExportError("the file is empty")
    records = _records(text)
    columns = _header(records)
    export = _new_export(columns)
    for line, row in _table(records, columns):
        _add_row(export, columns, line, row)
    if not export.site:
        raise ExportError(f"the header (line {columns.header_line}) is followed by no data")
    return export


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Every record with the line it starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    found: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            found.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ExportError(f"this is not CSV ({exc})", start) from None
    return found


def _is_comment(row: list[str]) -> bool:
    return bool(row) and row[0].lstrip().startswith("#")


def _is_blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def _find(names: tuple[str, ...], wanted: tuple[str, ...], line: int) -> int | None:
    """The index of the best column named one of ``wanted``; two of one name are refused."""
    for name in wanted:
        if names.count(name) > 1:
            raise ExportError(f"the header has two “{name}” columns", line)
        if name in names:
            return names.index(name)
    return None


def _header(records: list[tuple[int, list[str]]]) -> _Columns:
    for line, row in records:
        if _is_comment(row) or _is_blank(row):
            continue
        names = tuple(" ".join(cell.split()).casefold() for cell in row)
        when = _find(names, DATE_COLUMNS, line)
        views = _find(names, VIEW_COLUMNS, line)
        if when is None or views is None:
            shown = ", ".join(cell.strip() for cell in row)
            raise ExportError(
                "expected a header with a Date column and a Views (GA4) or Pageviews "
                f"(Universal Analytics) column; found: {shown}",
                line,
            )
        page = _find(names, PAGE_COLUMNS, line)
        visitors = _find(names, VISITOR_COLUMNS, line)
        return _Columns(line, len(row), when, views, page, visitors, tuple(c.strip() for c in row))
    raise ExportError("the file has only comments: no header line and no data")


def _new_export(columns: _Columns) -> Export:
    used = {columns.date, columns.views, columns.page, columns.visitors}
    views_name = columns.names[columns.views]
    return Export(
        flavour="Universal Analytics" if "pageviews" in views_name.casefold() else "GA4",
        views_column=views_name,
        visitors_column=None if columns.visitors is None else columns.names[columns.visitors],
        has_pages=columns.page is not None,
        ignored_columns=tuple(n for i, n in enumerate(columns.names) if i not in used),
    )


def _table(records: list[tuple[int, list[str]]], columns: _Columns) -> list[tuple[int, list[str]]]:
    """The data rows: from the header to the end of the table.

    The table ends at a comment line (what follows is another section of the export) or the
    end of the file. A blank line may stand before a totals row or a comment, not before more
    data: rows there would silently be left out, so they are refused."""
    rows: list[tuple[int, list[str]]] = []
    blank_at: int | None = None
    for line, row in records:
        if line <= columns.header_line:
            continue
        if _is_blank(row):
            blank_at = blank_at or line
            continue
        if _is_comment(row):
            break
        if blank_at is not None and not _is_total(row, columns):
            raise ExportError(f"data after the blank line {blank_at} that ended the table", line)
        rows.append((line, row))
    return rows


def _is_total(row: list[str], columns: _Columns) -> bool:
    if len(row) != columns.width or row[columns.date].strip():
        return False
    label = row[columns.page] if columns.page is not None else row[0]
    return label.strip().casefold() in TOTAL_LABELS


def _add_row(export: Export, columns: _Columns, line: int, row: list[str]) -> None:
    if len(row) != columns.width:
        raise ExportError(
            f"{len(row)} fields where the header (line {columns.header_line}) has {columns.width}",
            line,
        )
    if _is_total(row, columns):
        export.total_rows += 1
        return
    day = parse_day(row[columns.date], line)
    views = _number(row, columns.views, columns, line)
    visitors = 0 if columns.visitors is None else _number(row, columns.visitors, columns, line)
    export.rows += 1
    site = _counts(export.site, day)
    site.pageviews += views
    # Visitors of several rows cannot be told apart (one reader of three pages is in each
    # page's count), so a day's visitors are its busiest row's: a lower bound, never an
    # invention. A file of days alone has one row a day, and its own number.
    site.visitors = max(site.visitors, visitors)
    if columns.page is None:
        return
    path = page_path(row[columns.page])
    if path is None:
        export.site_only_rows += 1
        return
    page = _counts(export.pages[day], path)
    page.pageviews += views
    page.visitors += visitors


def _counts(found: dict[K, Counts], key: K) -> Counts:
    counts = found.get(key)
    if counts is None:
        counts = found[key] = Counts()
    return counts


def parse_day(cell: str, line: int) -> date:
    """``YYYYMMDD``, ``YYYY-MM-DD``, ``MM/DD/YY`` or ``MM/DD/YYYY`` as a date."""
    found = _day(cell.strip())
    if found is None:
        shown = cell.strip() or "an empty date"
        raise ExportError(f"“{shown}” is not a date (expected YYYYMMDD or MM/DD/YY)", line)
    return found


@functools.lru_cache(maxsize=4096)  # an export names each day hundreds of times
def _day(text: str) -> date | None:
    try:
        if re.fullmatch(r"\d{8}", text):
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
        if us:
            year = int(us[3]) + (2000 if len(us[3]) == 2 else 0)
            return date(year, int(us[1]), int(us[2]))
    except ValueError:
        pass
    return None


def _number(row: list[str], index: int, columns: _Columns, line: int) -> int:
    text = row[index]
    if not (text.isascii() and text.isdigit()):  # the common case, checked first
        text = text.strip().translate(_SPACES)
        if not _GROUPED.fullmatch(text):
            shown = row[index].strip() or "an empty cell"
            raise ExportError(f"{columns.names[index]}: “{shown}” is not a whole number", line)
        text = text.replace(",", "")
    number = int(text)
    if number > MAX_COUNT:
        raise ExportError(f"{columns.names[index]}: {number} is more than a day can hold", line)
    return number


def page_path(cell: str) -> str | None:
    """The page's path (no query, no fragment), or None when the cell names no page of ours."""
    text = cell.strip()
    if text.casefold().startswith(("http://", "https://")):
        text = urlsplit(text).path or "/"
    if not text.startswith("/"):
        return None  # "(not set)", "(other)", an app's screen class
    path = text.split("?", 1)[0].split("#", 1)[0]
    return path if len(path) <= MAX_PATH else None
