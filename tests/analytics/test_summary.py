"""How one day's raw events add up: visits, bounces, durations, and what filters keep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from inkwell.analytics.summary import TOTAL, Filter, Metrics, Raw, summarise, visits_of

NOON = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def raw(visitor: str, minute: float, path: str = "/", **fields: Any) -> Raw:
    """A page view (unless ``name`` says otherwise) ``minute`` minutes after noon."""
    fields.setdefault("name", "pageview")
    return Raw(at=NOON + timedelta(minutes=minute), visitor=visitor, path=path, **fields)


def test_one_visitor_twice_in_a_day_is_one_visitor() -> None:
    found = summarise([raw("a", 0), raw("a", 200)])
    assert found[(TOTAL, TOTAL)].visitors == 1
    assert found[(TOTAL, TOTAL)].pageviews == 2


def test_a_gap_of_more_than_thirty_minutes_starts_a_new_visit() -> None:
    assert len(visits_of([raw("a", 0), raw("a", 29), raw("a", 60)])) == 2


def test_a_visit_with_one_view_is_a_bounce_and_lasts_nothing() -> None:
    total = summarise([raw("a", 0), raw("b", 0), raw("b", 3)])[(TOTAL, TOTAL)]
    assert (total.visits, total.bounces, total.duration) == (2, 1, 180)
    assert (total.bounce_rate, total.visit_duration, total.views_per_visit) == (50, 90, 1.5)


def test_a_visit_takes_its_source_from_its_first_event() -> None:
    found = summarise([raw("a", 0, source="Hacker News"), raw("a", 1, "/next/")])
    assert found[("source", "Hacker News")].pageviews == 2
    assert ("source", "") not in found


def test_pages_count_their_own_views_and_the_visits_that_entered_there() -> None:
    found = summarise([raw("a", 0, "/one/"), raw("a", 1, "/two/"), raw("b", 0, "/two/")])
    one, two = found[("page", "/one/")], found[("page", "/two/")]
    assert (one.pageviews, one.visitors, one.visits) == (1, 1, 1)
    assert (two.pageviews, two.visitors, two.visits, two.bounces) == (2, 2, 1, 1)


def test_entry_and_exit_pages_are_the_first_and_last_views_of_a_visit() -> None:
    found = summarise([raw("a", 0, "/in/"), raw("a", 1, "/mid/"), raw("a", 2, "/out/")])
    assert found[("entry_page", "/in/")].visits == 1
    assert found[("exit_page", "/out/")].visits == 1
    assert ("exit_page", "/in/") not in found


def test_named_events_are_counted_apart_from_views() -> None:
    found = summarise([raw("a", 0), raw("a", 1, name="Signup"), raw("b", 2, name="Signup")])
    assert found[("event", "Signup")] == Metrics(visitors=2, events=2)
    assert found[(TOTAL, TOTAL)].pageviews == 1
    assert found[(TOTAL, TOTAL)].events == 3


def test_a_visit_filter_keeps_whole_visits() -> None:
    events = [raw("a", 0, source="Google"), raw("a", 1, "/next/"), raw("b", 0, source="Bing")]
    total = summarise(events, [Filter("source", "is", ("Google",))])[(TOTAL, TOTAL)]
    assert (total.visitors, total.pageviews) == (1, 2)


def test_a_page_filter_counts_only_that_pages_views() -> None:
    events = [raw("a", 0, "/x/"), raw("a", 1, "/y/"), raw("b", 0, "/y/")]
    found = summarise(events, [Filter("page", "is", ("/x/",))])
    assert found[(TOTAL, TOTAL)].pageviews == 1
    assert found[(TOTAL, TOTAL)].visitors == 1
    assert ("page", "/y/") not in found


def test_is_not_and_contains_filters() -> None:
    events = [raw("a", 0, browser="Firefox"), raw("b", 0, browser="Chrome Mobile")]
    not_firefox = summarise(events, [Filter("browser", "is_not", ("Firefox",))])
    chrome = summarise(events, [Filter("browser", "contains", ("chrome",))])
    assert not_firefox[(TOTAL, TOTAL)].visitors == 1
    assert ("browser", "Chrome Mobile") in chrome and ("browser", "Firefox") not in chrome


def test_no_events_make_no_numbers() -> None:
    assert summarise([]) == {}
