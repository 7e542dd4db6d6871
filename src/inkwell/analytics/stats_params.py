"""The Stats API's parameters, read as Plausible's Stats API v1 reads them: pure, text in and a
question for ``stats`` out, or a ``StatsParamError`` whose message says what to change (the
wording is Plausible's where Plausible has one, so clients that show it stay helpful).

Properties and filters are read by ``stats_filters``. A period of one day (``period=day``, or
``custom`` from a day to the same day) is a series of 24 hours unless ``interval`` names
another step, as Plausible's is; ``interval=hour`` over a longer period is refused.
Deliberate differences: an unknown ``compare`` is refused (Plausible ignores it); Plausible's
v1 takes no ``interval=hour`` at all (hours are only its default for one day), Inkwell takes
it for a single day and refuses it otherwise, with the opening of Plausible's own words for a
mismatched interval and period (``HOUR_FOR_ONE_DAY``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from inkwell.analytics.stats import Query, TimeStep
from inkwell.analytics.types import DOCS, StatsParamError

if TYPE_CHECKING:
    from inkwell.analytics.stats_filters import ApiFilter

PERIODS = ("day", "7d", "30d", "month", "6mo", "12mo", "custom")
METRICS: tuple[str, ...] = ("visitors", "pageviews", "bounce_rate", "visit_duration")
METRICS += ("views_per_visit", "visits", "events")
ELSEWHERE_METRICS = ("time_on_page", "conversion_rate", "scroll_depth", "bounce_rate_change")
INTERVALS: dict[str, TimeStep] = {"hour": "hour", "date": "day", "day": "day"}
INTERVALS |= {"week": "week", "month": "month"}
HOUR_FOR_ONE_DAY = (
    "Invalid combination of interval and period. The interval `hour` is only for a single "
    "day: `period=day`, or `period=custom` with the same first and last date."
)
EVENT_ONLY = ("event:name",)
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
MAX_DAYS = 1830
LATEST_YEAR = 9000
EARLIEST = date(1970, 1, 1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Period:
    """The days asked for, and the series' interval when none is named."""

    start: date
    end: date
    interval: TimeStep

    @property
    def single_day(self) -> bool:
        """Whether the period is one day (which a series may show hour by hour)."""
        return self.start == self.end


def parse_date(text: str) -> date:
    """One ISO-8601 day (``2024-05-01``), refused in Plausible's words."""
    if not _ISO_DATE.fullmatch(text):
        raise _date_error("invalid_format")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _date_error("invalid_date") from None


def _date_error(reason: str) -> StatsParamError:
    return StatsParamError(
        f"Error parsing `date` parameter: {reason}. Please specify a valid date in ISO-8601 format."
    )


def _custom_range(params: Mapping[str, str]) -> tuple[date, date]:
    if "date" not in params:
        raise StatsParamError(
            f"The `date` parameter is required when using a custom period. See {DOCS}#time-periods"
        )
    parts = params["date"].split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        start, end = (parse_date(part.strip()) for part in parts)
    except ValueError:
        raise StatsParamError(
            "Invalid format for `date` parameter. When using a custom period, please include "
            f"two ISO-8601 formatted dates joined by a comma. See {DOCS}#time-periods"
        ) from None
    if start > end:
        raise StatsParamError("The custom period's first date comes after its last date.")
    return start, end


def _month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    following = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
    return following - timedelta(days=1)


def _span(period: str, day: date) -> tuple[date, date]:
    if period == "day":
        return day, day
    if period == "7d":
        return day - timedelta(days=6), day
    if period == "30d":  # Plausible's v1 counts 30 days back from the day: 31 days in all
        return day - timedelta(days=30), day
    if period == "month":
        return _month_start(day), _month_end(day)
    months = 6 if period == "6mo" else 12
    return _month_start(day, months - 1), _month_end(day)


def parse_period(params: Mapping[str, str], today: date) -> Period:
    """The days of ``period`` (30 days by default) ending on ``date`` (``today`` by default)."""
    period = params.get("period", "30d")
    if period not in PERIODS:
        raise StatsParamError(
            f"Error parsing `period` parameter: invalid period `{period}`. "
            f"Please find accepted values in our docs: {DOCS}#time-periods"
        )
    if period == "custom":
        start, end = _custom_range(params)
    else:
        day = parse_date(params["date"]) if "date" in params else today
        if day < EARLIEST:
            raise StatsParamError("Error parsing `date` parameter: no statistics before 1970.")
        if day.year > LATEST_YEAR:
            # A month or a year around the last representable day has no end to compute.
            raise StatsParamError(
                f"Error parsing `date` parameter: no statistics after {LATEST_YEAR}."
            )
        start, end = _span(period, day)
    if start < EARLIEST:
        raise StatsParamError("Error parsing `date` parameter: no statistics before 1970.")
    if end.year > LATEST_YEAR:
        raise StatsParamError(f"Error parsing `date` parameter: no statistics after {LATEST_YEAR}.")
    if (end - start).days >= MAX_DAYS:
        raise StatsParamError(f"A period covers at most {MAX_DAYS} days.")
    return Period(start, end, _default_interval(period, start, end))


def _default_interval(period: str, start: date, end: date) -> TimeStep:
    # As Plausible: hours for one day, months for half a year and more, days otherwise.
    if start == end:
        return "hour"
    return "month" if period in ("6mo", "12mo") else "day"


def parse_interval(params: Mapping[str, str], period: Period) -> TimeStep:
    """The series' interval: ``hour`` (for one day only), ``date`` (or ``day``), ``week`` or
    ``month``."""
    if "interval" not in params:
        return period.interval
    found = INTERVALS.get(params["interval"])
    if found is None:
        raise StatsParamError(
            f"Error parsing `interval` parameter: invalid interval `{params['interval']}`. "
            "Valid intervals are `hour`, `date`, `week`, `month`"
        )
    if found == "hour" and not period.single_day:
        raise StatsParamError(HOUR_FOR_ONE_DAY)
    return found


def parse_metrics(
    params: Mapping[str, str], filters: tuple[ApiFilter, ...], prop: str | None = None
) -> tuple[str, ...]:
    """The metrics asked for (``visitors`` by default), each allowed for the question."""
    metrics = params.get("metrics", "visitors").split(",")
    if len(set(metrics)) != len(metrics):
        raise StatsParamError("Metrics cannot be queried multiple times.")
    for metric in metrics:
        _check_metric(metric, filters, prop)
    return tuple(metrics)


def _check_metric(metric: str, filters: tuple[ApiFilter, ...], prop: str | None) -> None:
    if metric in ("visitors", "pageviews", "events"):
        return
    if metric == "views_per_visit":
        if any(f.property == "event:page" for f in filters):
            raise StatsParamError(
                f"Metric `{metric}` cannot be queried with a filter on `event:page`."
            )
        if prop is not None:
            raise StatsParamError(f"Metric `{metric}` is not supported in breakdown queries.")
    elif metric not in METRICS:
        if metric in ELSEWHERE_METRICS:
            raise StatsParamError(
                f"The metric `{metric}` is not available: Inkwell does not keep it."
            )
        raise StatsParamError(
            f"The metric `{metric}` is not recognized. "
            f"Find valid metrics from the documentation: {DOCS}#metrics"
        )
    if prop in EVENT_ONLY:
        raise StatsParamError(
            f"Session metric `{metric}` cannot be queried for breakdown by `{prop}`."
        )
    event_only = next((f.property for f in filters if f.property in EVENT_ONLY), None)
    if event_only is not None:
        raise StatsParamError(
            f"Session metric `{metric}` cannot be queried when using a filter on `{event_only}`."
        )


def parse_positive(params: Mapping[str, str], name: str, default: int, most: int) -> int:
    """``limit`` (1 to 1000) or ``page`` (1 or more), in Plausible's words when refused."""
    if name not in params:
        return default
    text = params[name].strip()
    number = int(text) if re.fullmatch(r"[+-]?\d{1,12}", text) else 0
    if 0 < number <= most:
        return number
    if name == "limit":
        raise StatsParamError(f"Please provide limit as a number between 1 and {most}.")
    raise StatsParamError(f"Please provide {name} as a positive number.")


def parse_compare(params: Mapping[str, str]) -> bool:
    """Whether the aggregate is compared with the previous period."""
    if "compare" not in params:
        return False
    if params["compare"] != "previous_period":
        raise StatsParamError(
            f"Invalid `compare` value `{params['compare']}`: only `previous_period` is supported."
        )
    return True


def query_of(period: Period, filters: tuple[ApiFilter, ...]) -> Query:
    """The query layer's question for these days and filters."""
    return Query(period.start, period.end, tuple(f.filter for f in filters))
