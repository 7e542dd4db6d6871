"""One day's raw events hour by hour in the site's time zone: 24 steps of the local clock, the
day's visits and views shared out among them, summer time's short and long days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from inkwell.analytics.hours import by_hour
from inkwell.analytics.summary import TOTAL, Filter, Raw, summarise

NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2024, 3, 4)


def local(day: date, hour: int, minute: int = 0, zone: ZoneInfo = NEW_YORK) -> datetime:
    """The aware moment of ``hour:minute`` on the site's clock on ``day``."""
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def raw(visitor: str, at: datetime, path: str = "/", **fields: Any) -> Raw:
    """A page view (unless ``name`` says otherwise) at ``at``, stored in UTC as the writer
    stores it."""
    fields.setdefault("name", "pageview")
    return Raw(at=at.astimezone(UTC), visitor=visitor, path=path, **fields)


EVENTS = [
    raw("a", local(DAY, 9, 10), source="Google"),
    raw("a", local(DAY, 9, 20), "/blog/one/", source="Google"),
    raw("a", local(DAY, 14, 5), "/blog/two/"),
    raw("b", local(DAY, 9, 50)),
    raw("b", local(DAY, 10, 5), "/about/"),
    raw("b", local(DAY, 10, 6), "/about/", name="Signup"),
    raw("c", local(DAY, 0, 1), "/early/"),
    raw("c", local(DAY, 23, 59), "/late/"),
]
"""Visitor a in two visits (9:10 and 14:05), b in one visit from 9:50 to 10:06, c at one
minute past midnight and one minute to midnight."""


def _hour(steps: list[tuple[datetime, Any]], hour: int) -> Any:
    return dict(steps)[datetime.combine(DAY, time(hour))]


def test_a_day_is_24_steps_of_the_local_clock_from_midnight() -> None:
    steps = by_hour(EVENTS, DAY, NEW_YORK)
    assert [start for start, _ in steps] == [datetime.combine(DAY, time(h)) for h in range(24)]


def test_an_hour_without_events_is_zeros() -> None:
    quiet = _hour(by_hour(EVENTS, DAY, NEW_YORK), 3)
    assert (quiet.visitors, quiet.pageviews, quiet.events, quiet.visits) == (0, 0, 0, 0)


def test_the_hours_views_events_visits_and_bounces_add_up_to_the_days() -> None:
    day = summarise(EVENTS)[(TOTAL, TOTAL)]
    steps = [metrics for _, metrics in by_hour(EVENTS, DAY, NEW_YORK)]
    for field in ("pageviews", "events", "visits", "bounces", "duration"):
        assert sum(getattr(m, field) for m in steps) == getattr(day, field), field


def test_a_visitor_seen_in_two_hours_counts_in_each_but_once_in_the_day() -> None:
    steps = by_hour(EVENTS, DAY, NEW_YORK)
    assert (_hour(steps, 9).visitors, _hour(steps, 14).visitors) == (2, 1)  # a and b; a
    assert summarise(EVENTS)[(TOTAL, TOTAL)].visitors == 3
    assert sum(m.visitors for _, m in steps) == 6


def test_a_visit_counts_in_the_hour_it_began_and_its_views_in_their_own() -> None:
    steps = by_hour(EVENTS, DAY, NEW_YORK)
    nine, ten = _hour(steps, 9), _hour(steps, 10)
    assert (nine.visits, nine.pageviews, nine.duration) == (2, 3, 10 * 60 + 16 * 60)
    assert (ten.visits, ten.pageviews, ten.events, ten.visitors) == (0, 1, 2, 1)


def test_the_first_and_last_minute_of_the_local_day_are_its_first_and_last_hours() -> None:
    steps = by_hour(EVENTS, DAY, NEW_YORK)
    # In UTC these are 05:01 on the day and 04:59 on the next: UTC hours would misplace both.
    assert (_hour(steps, 0).pageviews, _hour(steps, 23).pageviews) == (1, 1)
    assert (_hour(steps, 5).pageviews, _hour(steps, 4).pageviews) == (0, 0)


def test_filters_keep_the_visits_they_keep_for_the_day() -> None:
    kept = (Filter("source", "is", ("Google",)),)
    steps = by_hour(EVENTS, DAY, NEW_YORK, kept)
    assert _hour(steps, 9).pageviews == 2
    assert sum(m.pageviews for _, m in steps) == summarise(EVENTS, kept)[(TOTAL, TOTAL)].pageviews
    assert _hour(steps, 14).pageviews == 0  # a's second visit came from nowhere


def test_the_hour_skipped_when_clocks_go_forward_is_a_step_of_zeros() -> None:
    spring = date(2024, 3, 10)  # New York: 02:00 became 03:00
    events = [raw("a", local(spring, 1, 59)), raw("b", local(spring, 3, 0))]
    steps = dict(by_hour(events, spring, NEW_YORK))
    assert len(steps) == 24
    assert [steps[datetime.combine(spring, time(h))].pageviews for h in (1, 2, 3)] == [1, 0, 1]


def test_the_hour_lived_twice_when_clocks_go_back_is_one_step_of_both() -> None:
    autumn = date(2024, 11, 3)  # New York: 02:00 went back to 01:00
    first = datetime(2024, 11, 3, 5, 30, tzinfo=UTC)  # 01:30 summer time
    second = datetime(2024, 11, 3, 6, 30, tzinfo=UTC)  # 01:30 winter time
    steps = dict(by_hour([raw("a", first), raw("b", second)], autumn, NEW_YORK))
    assert len(steps) == 24
    one = steps[datetime.combine(autumn, time(1))]
    assert (one.pageviews, one.visitors) == (2, 2)
    assert steps[datetime.combine(autumn, time(2))].pageviews == 0
