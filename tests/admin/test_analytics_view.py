"""Reading the dashboard's address: periods as days, the chart's interval, filters, and every
view written back as the same address."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from inkwell.admin.analytics_tables import duration, totals
from inkwell.admin.analytics_view import (
    ViewError,
    default_interval,
    describe_filter,
    parse_filter,
    parse_view,
    period_range,
)
from inkwell.analytics.service import Filter, Metrics

TODAY = date(2026, 2, 14)


@pytest.mark.parametrize(
    ("period", "start"),
    [
        ("day", date(2026, 2, 14)),
        ("7d", date(2026, 2, 8)),
        ("30d", date(2026, 1, 16)),
        ("month", date(2026, 2, 1)),
        ("12mo", date(2025, 3, 1)),
    ],
)
def test_each_period_ends_today(period: str, start: date) -> None:
    assert period_range(period, TODAY) == (start, TODAY)


def test_twelve_months_in_december_start_in_january() -> None:
    assert period_range("12mo", date(2026, 12, 3)) == (date(2026, 1, 1), date(2026, 12, 3))


def test_a_custom_range_is_both_days_included() -> None:
    assert period_range("custom", TODAY, "2025-12-30", "2026-01-02") == (
        date(2025, 12, 30),
        date(2026, 1, 2),
    )


@pytest.mark.parametrize(
    ("days", "interval"), [(1, "hour"), (2, "day"), (62, "day"), (63, "week"), (191, "month")]
)
def test_the_chart_steps_suit_the_length(days: int, interval: str) -> None:
    assert default_interval(days) == interval


def test_a_filters_value_keeps_its_commas() -> None:
    found = parse_filter("is,utm_campaign,spring, summer")
    assert found == Filter("utm_campaign", "is", ("spring, summer",))
    assert describe_filter(found) == "UTM campaign is spring, summer"


def test_an_empty_value_reads_as_what_it_means() -> None:
    assert describe_filter(parse_filter("is,source,")) == "Source is Direct / none"
    assert describe_filter(parse_filter("is_not,browser,")) == "Browser is not Unknown"


def test_a_view_written_back_reads_as_the_same_view() -> None:
    view = parse_view(
        [
            ("period", "custom"),
            ("from", "2026-01-01"),
            ("to", "2026-01-31"),
            ("interval", "week"),
            ("f", "contains,page,/blog/"),
            ("f", "is,source,A & B"),
        ],
        TODAY,
    )
    again = parse_view(parse_qsl(urlsplit(view.url()).query, keep_blank_values=True), TODAY)
    assert again == view
    assert (again.interval, again.days, len(again.filters)) == ("week", 31, 2)


def test_the_default_view_is_the_last_30_days_by_day() -> None:
    view = parse_view([], TODAY)
    assert (view.period, view.start, view.interval, view.filters) == (
        "30d",
        date(2026, 1, 16),
        "day",
        (),
    )


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0s"), (59, "59s"), (65, "1m 05s"), (3720, "1h 02m")]
)
def test_durations_read_as_minutes_and_seconds(seconds: int, shown: str) -> None:
    assert duration(seconds) == shown


def test_a_number_from_nothing_is_new_and_nothing_to_nothing_says_nothing() -> None:
    shown = {t.key: t.change for t in totals(Metrics(pageviews=5), Metrics(), days=2)}
    assert shown["pageviews"] == "new"
    assert shown["visits"] == ""


def test_today_is_drawn_hour_by_hour() -> None:
    assert parse_view([("period", "day")], TODAY).interval == "hour"


def test_hours_over_several_days_are_refused() -> None:
    with pytest.raises(ViewError) as refused:
        parse_view([("period", "7d"), ("interval", "hour")], TODAY)
    assert refused.value.message.startswith("Hours are shown for one day only")


def test_hours_are_offered_for_one_day_only() -> None:
    one = parse_view([("period", "custom"), ("from", "2026-01-05"), ("to", "2026-01-05")], TODAY)
    several = parse_view([("period", "7d")], TODAY)
    assert [key for key, _ in one.intervals()] == ["hour", "day", "week", "month"]
    assert [key for key, _ in several.intervals()] == ["day", "week", "month"]
