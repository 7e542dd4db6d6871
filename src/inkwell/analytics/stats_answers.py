"""The Stats API's answers, shaped as Plausible's Stats API v1 shapes them: pure, numbers from
``stats`` in and JSON-ready values out.

- aggregate: ``{"results": {"visitors": {"value": 201}}}``; compared with the previous period,
  each metric also has ``comparison_value`` and ``change`` (percent; for ``bounce_rate`` the
  difference in points, ``null`` when the earlier rate was 0), as Plausible counts changes;
- timeseries: ``{"results": [{"date": "2024-05-01", "visitors": 3}]}``, one row per day, week
  (from its Monday, or the period's first day) or month (from its first day), empty ones too;
  by hour (one day only), 24 rows dated by the local hour they start, ``"2024-05-01 13:00:00"``;
- breakdown: ``{"results": [{"page": "/", "visitors": 3}]}``, by the first metric (highest
  first), then by value.

A filtered question counts only days whose raw events are still kept; when that leaves days of
the period out, the answer carries a ``warning`` (as Plausible's does for imported numbers).
Hours, too, come from raw events only: a day whose raw events are gone (past the retention
period, or imported) still answers its 24 rows, all zeros, with a ``warning`` saying why, so
that a client drawing a chart keeps working and one reading warnings knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from inkwell.analytics.stats import Hours, Interval, Numbers, series
from inkwell.analytics.stats_filters import EMPTY_LABELS, PROPERTIES
from inkwell.analytics.summary import Metrics

Value = int | float
# Plausible leaves out empty values in these breakdowns (there is no "(none)" row).
LEFT_OUT_WHEN_EMPTY = frozenset(
    {"visit:entry_page", "visit:exit_page", "visit:country", "visit:utm_source"}
    | {"visit:utm_medium", "visit:utm_campaign", "visit:utm_content", "visit:utm_term"}
)


def value_of(metrics: Metrics, metric: str) -> Value:
    """One metric's value (``visitors``, ``bounce_rate``...) from a set of numbers."""
    found: Value = getattr(metrics, metric)
    return found


def _round(number: float) -> int:
    # Half away from zero, as Plausible rounds (Python's round() would round 12.5 to 12).
    return int(Decimal(str(number)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def change(metric: str, before: Value, now: Value) -> Value | None:
    """How ``metric`` moved from ``before`` to ``now``, in Plausible's terms."""
    if metric == "bounce_rate":
        return now - before if before > 0 else None
    if before == 0:
        return 100 if now > 0 else 0
    return _round((now - before) / before * 100)


def aggregate(
    metrics: Sequence[str], now: Metrics, before: Metrics | None = None
) -> dict[str, dict[str, Value | None]]:
    """Each metric's value, and with ``before`` its earlier value and the change."""
    results: dict[str, dict[str, Value | None]] = {}
    for metric in metrics:
        value = value_of(now, metric)
        results[metric] = {"value": value}
        if before is not None:
            earlier = value_of(before, metric)
            results[metric] |= {
                "comparison_value": earlier,
                "change": change(metric, earlier, value),
            }
    return results


def timeseries(
    metrics: Sequence[str], found: Numbers, interval: Interval, start: date
) -> list[dict[str, Any]]:
    """One row per day, week or month of the period, oldest first."""
    rows = []
    for bucket, numbers in series(found, interval):
        label = max(bucket, start) if interval == "week" else bucket
        rows.append({"date": label.isoformat()} | {m: value_of(numbers, m) for m in metrics})
    return rows


def hourly(metrics: Sequence[str], found: Hours) -> list[dict[str, Any]]:
    """One row per local hour of the day, from midnight, dated as Plausible dates them."""
    return [
        {"date": f"{start:%Y-%m-%d %H:%M:%S}"} | {m: value_of(numbers, m) for m in metrics}
        for start, numbers in found.steps
    ]


def hours_warning(found: Hours, retention_days: int) -> str | None:
    """What an hourly answer cannot say, if anything: the hours of a day no longer kept."""
    if found.counted:
        return None
    return (
        f"Hourly numbers come from raw events, which are kept for {retention_days} days: "
        f"{found.day.isoformat()} has none left (they expired, or the day was imported), so "
        "its hours show zeros. The day's totals are kept: ask with interval=date for them."
    )


def breakdown(
    metrics: Sequence[str], found: Numbers, prop: str, *, limit: int, page: int
) -> list[dict[str, Any]]:
    """The values of property ``prop``, ranked and paged, each under the property's name
    without its prefix (``page`` for ``event:page``, ``source`` for ``visit:source``)."""
    dimension, key = PROPERTIES[prop], prop.split(":", 1)[1]
    values = found.by(dimension)
    if prop in LEFT_OUT_WHEN_EMPTY:
        values.pop("", None)
    elif "" in values:
        values[EMPTY_LABELS.get(dimension, "(none)")] = values.pop("")
    first = metrics[0]
    ranked = sorted(values.items(), key=lambda item: (-value_of(item[1], first), item[0]))
    chosen = ranked[(page - 1) * limit : page * limit]
    return [{key: value} | {m: value_of(numbers, m) for m in metrics} for value, numbers in chosen]


def warning(found: Numbers, start: date, filtered: bool) -> str | None:
    """What a filtered answer leaves out, if anything."""
    kept = found.filtered_from
    if not filtered or (kept is not None and kept <= start):
        return None
    since = f"from {kept.isoformat()}" if kept is not None else "none are kept now"
    return (
        "Filters apply only to the days whose raw events are still kept "
        f"({since}): rolled-up and imported days are left out of filtered numbers."
    )


def with_warning(payload: dict[str, Any], note: str | None) -> dict[str, Any]:
    """``payload`` with a ``warning`` beside its results when there is one."""
    return payload | {"warning": note} if note else payload
