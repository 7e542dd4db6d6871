"""One day's numbers hour by hour, in the site's time zone: pure, raw events in, 24 steps out.

A step is an hour of the clock on the site's wall (00:00 to 23:00, local time), as Plausible's
hourly series are, so a day always has 24 steps with distinct labels: on the day the clocks go
forward the hour that never happened is a step of zeros, and on the day they go back the hour
lived twice is one step holding both. The counting is ``summary.totals_by``'s: visits (with
their bounces and durations) in the hour they began, so they add up to the day's; views and
events in their own hour; a visitor once in every hour they were seen in, so hourly visitors
may add up to more than the day's unique visitors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from inkwell.analytics.summary import Filter, Metrics, Raw, totals_by

HOURS_A_DAY = 24


def local_hour(at: datetime, zone: ZoneInfo) -> int:
    """The hour of the site's clock (0 to 23) at the aware moment ``at``."""
    return at.astimezone(zone).hour


def by_hour(
    events: Iterable[Raw], day: date, zone: ZoneInfo, filters: Sequence[Filter] = ()
) -> list[tuple[datetime, Metrics]]:
    """``day``'s totals for each of its 24 local hours, oldest first, empty hours as zeros;
    each step is named by its start as a naive local time (``2024-05-01 13:00``)."""
    found = totals_by(events, lambda at: local_hour(at, zone), filters)
    return [
        (datetime.combine(day, time(hour)), found.get(hour, Metrics()))
        for hour in range(HOURS_A_DAY)
    ]
