"""The Stats API's answers shaped as Plausible's v1 shapes them (pure: numbers in, JSON out)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from inkwell.analytics.stats import Hours, Numbers
from inkwell.analytics.stats_answers import (
    aggregate,
    breakdown,
    change,
    hourly,
    hours_warning,
    timeseries,
    warning,
)
from inkwell.analytics.summary import TOTAL, Metrics


def _numbers(days: dict[date, dict[tuple[str, str], Metrics]]) -> Numbers:
    return Numbers(days=days)


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [(0, 0, 0), (0, 7, 100), (10, 15, 50), (8, 9, 13), (8, 7, -13), (4, 0, -100)],
)
def test_change_is_percent_rounded_half_away_from_zero(
    before: int, now: int, expected: int
) -> None:
    assert change("visitors", before, now) == expected


def test_a_bounce_rate_change_is_in_points_and_null_from_zero() -> None:
    assert change("bounce_rate", 40, 55) == 15
    assert change("bounce_rate", 0, 55) is None


def test_an_aggregate_has_a_value_per_metric() -> None:
    now = Metrics(visitors=3, pageviews=8, visits=4, bounces=1, duration=100)
    assert aggregate(("visitors", "bounce_rate", "views_per_visit"), now) == {
        "visitors": {"value": 3},
        "bounce_rate": {"value": 25},
        "views_per_visit": {"value": 2.0},
    }


def test_a_compared_aggregate_has_the_earlier_value_and_the_change() -> None:
    found = aggregate(("pageviews",), Metrics(pageviews=15), Metrics(pageviews=10))
    assert found == {"pageviews": {"value": 15, "comparison_value": 10, "change": 50}}


def test_weeks_are_labelled_from_monday_but_never_before_the_period() -> None:
    # 2024-05-01 is a Wednesday.
    days = {date(2024, 5, d): {(TOTAL, TOTAL): Metrics(visitors=d)} for d in range(1, 8)}
    rows = timeseries(("visitors",), _numbers(days), "week", date(2024, 5, 1))
    assert rows == [{"date": "2024-05-01", "visitors": 15}, {"date": "2024-05-06", "visitors": 13}]


def test_empty_days_are_rows_of_zeros() -> None:
    days: dict[date, dict[tuple[str, str], Metrics]] = {date(2024, 5, 1): {}}
    rows = timeseries(("visitors", "bounce_rate"), _numbers(days), "day", date(2024, 5, 1))
    assert rows == [{"date": "2024-05-01", "visitors": 0, "bounce_rate": 0}]


def _hours(counted: bool = True) -> Hours:
    day = date(2024, 5, 1)
    steps = [(datetime.combine(day, time(h)), Metrics(pageviews=h)) for h in range(24)]
    return Hours(day, steps, counted)


def test_hours_are_dated_as_plausible_dates_them() -> None:
    rows = hourly(("pageviews",), _hours())
    assert rows[0] == {"date": "2024-05-01 00:00:00", "pageviews": 0}
    assert rows[13] == {"date": "2024-05-01 13:00:00", "pageviews": 13}
    assert len(rows) == 24


def test_counted_hours_carry_no_warning() -> None:
    assert hours_warning(_hours(), 30) is None


def test_hours_no_longer_kept_say_so_and_name_the_retention() -> None:
    note = hours_warning(_hours(counted=False), 45)
    assert note is not None
    assert note.startswith("Hourly numbers come from raw events, which are kept for 45 days:")
    assert "2024-05-01" in note


def test_a_breakdown_ranks_by_the_first_metric_then_by_value() -> None:
    day = {
        ("page", "/b"): Metrics(visitors=2, pageviews=2),
        ("page", "/a"): Metrics(visitors=2, pageviews=9),
        ("page", "/c"): Metrics(visitors=1, pageviews=20),
    }
    found = _numbers({date(2024, 5, 1): day})
    rows = breakdown(("visitors",), found, "event:page", limit=10, page=1)
    assert [row["page"] for row in rows] == ["/a", "/b", "/c"]
    rows = breakdown(("pageviews", "visitors"), found, "event:page", limit=2, page=1)
    assert rows == [
        {"page": "/c", "pageviews": 20, "visitors": 1},
        {"page": "/a", "pageviews": 9, "visitors": 2},
    ]


def test_a_breakdown_pages_through_the_ranking() -> None:
    day = {("page", f"/{n}"): Metrics(visitors=10 - n) for n in range(5)}
    rows = breakdown(
        ("visitors",), _numbers({date(2024, 5, 1): day}), "event:page", limit=2, page=3
    )
    assert rows == [{"page": "/4", "visitors": 6}]


def test_an_empty_source_is_direct_and_an_empty_campaign_is_left_out() -> None:
    day = {
        ("source", ""): Metrics(visitors=4),
        ("utm_campaign", ""): Metrics(visitors=4),
        ("utm_campaign", "spring"): Metrics(visitors=1),
    }
    found = _numbers({date(2024, 5, 1): day})
    sources = breakdown(("visitors",), found, "visit:source", limit=10, page=1)
    assert sources == [{"source": "Direct / None", "visitors": 4}]
    campaigns = breakdown(("visitors",), found, "visit:utm_campaign", limit=10, page=1)
    assert campaigns == [{"utm_campaign": "spring", "visitors": 1}]


def test_a_utm_source_breakdown_reads_sources_without_direct_visits() -> None:
    day = {("source", ""): Metrics(visitors=4), ("source", "newsletter"): Metrics(visitors=2)}
    found = _numbers({date(2024, 5, 1): day})
    rows = breakdown(("visitors",), found, "visit:utm_source", limit=10, page=1)
    assert rows == [{"utm_source": "newsletter", "visitors": 2}]


def test_a_filtered_answer_warns_when_days_are_left_out() -> None:
    found = Numbers(filtered_from=date(2024, 5, 10))
    assert "from 2024-05-10" in str(warning(found, date(2024, 5, 1), filtered=True))
    assert warning(found, date(2024, 5, 10), filtered=True) is None
    assert warning(found, date(2024, 5, 1), filtered=False) is None
