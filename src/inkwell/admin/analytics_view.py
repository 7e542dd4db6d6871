"""What the analytics dashboard is asked to show, read from its address: the period (today,
7 or 30 days, this month, 12 months, or a custom range), the interval of the chart and the
filters. Everything lives in the query string, so every view has a URL to bookmark or share.

- ``period``: ``day`` (today), ``7d``, ``30d``, ``month``, ``12mo`` or ``custom`` with ``from``
  and ``to`` (``YYYY-MM-DD``, both included); the day ranges end today, in the site's time zone;
- ``interval``: ``hour`` (a view of one day only), ``day``, ``week`` or ``month`` (by default
  what suits the period: hours for one day);
- ``f`` (repeated): one filter each, ``op,dimension,value`` such as ``is,source,Hacker News``
  (``op`` is ``is``, ``is_not`` or ``contains``; the value is the rest, commas included).

Anything else, or anything malformed, is refused with a sentence saying what (``ViewError``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import cast
from urllib.parse import urlencode

from inkwell.analytics import service as analytics

BASE = "/admin/analytics"
PERIODS = (
    ("day", "Today"),
    ("7d", "Last 7 days"),
    ("30d", "Last 30 days"),
    ("month", "This month"),
    ("12mo", "Last 12 months"),
    ("custom", "Custom range"),
)
INTERVALS = (("hour", "Hours"), ("day", "Days"), ("week", "Weeks"), ("month", "Months"))
OPS = (("is", "is"), ("is_not", "is not"), ("contains", "contains"))
DIMENSION_LABELS = {
    "page": "Page",
    "entry_page": "Entry page",
    "exit_page": "Exit page",
    "event": "Event",
    "source": "Source",
    "referrer": "Referrer",
    "utm_medium": "UTM medium",
    "utm_campaign": "UTM campaign",
    "utm_content": "UTM content",
    "utm_term": "UTM term",
    "browser": "Browser",
    "os": "Operating system",
    "device": "Device",
    "country": "Country",
}
MAX_FILTERS = 10
MAX_VALUE = 500
MAX_DAYS = 3660
"""The longest custom range: ten years."""
_NONE_LABELS = {"source": "Direct / none", "referrer": "Direct / none"}


class ViewError(ValueError):
    """A dashboard address that cannot be shown; ``message`` says why (a 400 page)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def local_today(timezone: str) -> date:
    """Today in ``timezone`` (the site's): the day ranges end on it."""
    return analytics.today_in(timezone)


def value_label(dimension: str, value: str) -> str:
    """How a dimension's value reads on the page: empty ones say what they mean."""
    if value:
        return value
    return _NONE_LABELS.get(dimension, "(none)" if dimension.startswith("utm_") else "Unknown")


@dataclass(frozen=True)
class View:
    """One dashboard view: the days, the chart's interval, the filters, as the URL said."""

    period: str
    start: date
    end: date
    interval: analytics.TimeStep
    filters: tuple[analytics.Filter, ...] = ()
    interval_chosen: bool = False
    """Whether the URL named the interval (else it follows the period)."""

    @property
    def query(self) -> analytics.Query:
        """The query of the numbers shown."""
        return analytics.Query(self.start, self.end, self.filters)

    @property
    def days(self) -> int:
        """How many days the view covers."""
        return (self.end - self.start).days + 1

    def params(self) -> list[tuple[str, str]]:
        """The query string of this view (only what differs from the defaults)."""
        found: list[tuple[str, str]] = [("period", self.period)]
        if self.period == "custom":
            found += [("from", self.start.isoformat()), ("to", self.end.isoformat())]
        if self.interval_chosen:
            found.append(("interval", self.interval))
        found += [("f", encode_filter(f)) for f in self.filters]
        return found

    def url(self, extra: Iterable[tuple[str, str]] = ()) -> str:
        """This view's address, with ``extra`` query values added."""
        return f"{BASE}?{urlencode([*self.params(), *extra])}"

    def with_filter(self, dimension: str, value: str, op: str = "is") -> str:
        """The address of this view with one more filter (a value clicked in a table)."""
        added = analytics.Filter(dimension, _op(op), (value,))
        if added in self.filters:
            return self.url()
        return replace(self, filters=(*self.filters, added)).url()

    def without_filter(self, index: int) -> str:
        """The address of this view without its ``index``-th filter (a chip's remove link)."""
        kept = self.filters[:index] + self.filters[index + 1 :]
        return replace(self, filters=kept).url()

    def with_period(self, period: str) -> str:
        """The address of the same filters over another period (the picker's links)."""
        return replace(self, period=period, interval_chosen=False).url()

    def intervals(self) -> list[tuple[str, str]]:
        """The chart's intervals this view may take: hours only when it covers one day."""
        return [(key, label) for key, label in INTERVALS if key != "hour" or self.days == 1]

    def with_interval(self, interval: str) -> str:
        """The address of this view with the chart by ``interval``."""
        chosen = cast(analytics.TimeStep, interval)
        return replace(self, interval=chosen, interval_chosen=True).url()


def _op(op: str) -> analytics.Op:
    if op not in dict(OPS):
        raise ViewError(f"A filter's comparison is one of {', '.join(dict(OPS))}.")
    return cast(analytics.Op, op)


def encode_filter(found: analytics.Filter) -> str:
    """A filter as its ``f`` value: ``op,dimension,value``."""
    return f"{found.op},{found.dimension},{found.values[0] if found.values else ''}"


def describe_filter(found: analytics.Filter) -> str:
    """A filter in words: ``Source is Direct / none``."""
    label = DIMENSION_LABELS.get(found.dimension, found.dimension)
    value = found.values[0] if found.values else ""
    return f"{label} {dict(OPS)[found.op]} {value_label(found.dimension, value)}"


def parse_filter(text: str) -> analytics.Filter:
    """One ``f`` value as a filter; ViewError naming what is wrong."""
    parts = text.split(",", 2)
    if len(parts) != 3:
        raise ViewError("A filter is written op,dimension,value (such as is,page,/about/).")
    op, dimension, value = parts
    if dimension not in DIMENSION_LABELS:
        raise ViewError(
            f"No numbers are kept by {dimension[:40]!r}: filter by one of "
            f"{', '.join(DIMENSION_LABELS)}."
        )
    if len(value) > MAX_VALUE:
        raise ViewError(f"A filter's value has at most {MAX_VALUE} characters.")
    if op == "contains" and not value:
        raise ViewError("A contains filter needs some text to look for.")
    return analytics.Filter(dimension, _op(op), (value,))


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ViewError(f"The {name} date is a day written YYYY-MM-DD.") from None


def period_range(period: str, today: date, start: str = "", end: str = "") -> tuple[date, date]:
    """The first and last day of ``period`` as seen on ``today``."""
    if period == "day":
        return today, today
    if period in ("7d", "30d"):
        return today - timedelta(days=int(period[:-1]) - 1), today
    if period == "month":
        return today.replace(day=1), today
    if period == "12mo":
        month = today.month - 11
        year = today.year + (month - 1) // 12
        return date(year, (month - 1) % 12 + 1, 1), today
    if period != "custom":
        raise ViewError(f"The period is one of {', '.join(key for key, _ in PERIODS)}.")
    if not start or not end:
        raise ViewError("A custom range needs both a from and a to date.")
    first, last = _day(start, "from"), _day(end, "to")
    if first > last:
        raise ViewError("The from date comes after the to date.")
    if (last - first).days >= MAX_DAYS:
        raise ViewError(f"A custom range covers at most {MAX_DAYS} days.")
    return first, last


def default_interval(days: int) -> analytics.TimeStep:
    """Hours for one day, days for up to about two months, weeks up to a year and a bit,
    months beyond."""
    if days == 1:
        return "hour"
    if days <= 62:
        return "day"
    return "week" if days <= 190 else "month"


def parse_view(params: Iterable[tuple[str, str]], today: date) -> View:
    """The view a dashboard URL's query asks for; ViewError when it cannot be shown."""
    single: dict[str, str] = {}
    filters: list[analytics.Filter] = []
    for key, value in params:
        if key == "f":
            filters.append(parse_filter(value))
        else:
            single[key] = value
    if len(filters) > MAX_FILTERS:
        raise ViewError(f"At most {MAX_FILTERS} filters apply at once.")
    period = single.get("period", "30d")
    start, end = period_range(period, today, single.get("from", ""), single.get("to", ""))
    wanted = single.get("interval", "")
    if wanted and wanted not in dict(INTERVALS):
        raise ViewError("The interval is hour, day, week or month.")
    days = (end - start).days + 1
    if wanted == "hour" and days != 1:
        raise ViewError("Hours are shown for one day only: today, or a range of one day.")
    interval = cast(analytics.TimeStep, wanted) if wanted else default_interval(days)
    return View(period, start, end, interval, tuple(filters), interval_chosen=bool(wanted))
