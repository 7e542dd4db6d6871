"""The Stats API's parameters read as Plausible's v1 reads them, and refused in its words."""

from __future__ import annotations

from datetime import date

import pytest

from inkwell.analytics.stats_filters import ApiFilter, parse_filters, parse_property
from inkwell.analytics.stats_params import (
    HOUR_FOR_ONE_DAY,
    Period,
    StatsParamError,
    parse_compare,
    parse_interval,
    parse_metrics,
    parse_period,
    parse_positive,
)
from inkwell.analytics.summary import Filter, wildcard

TODAY = date(2024, 5, 15)


def _refusal(call: object, *args: object) -> str:
    assert callable(call)
    with pytest.raises(StatsParamError) as refused:
        call(*args)
    assert refused.value.status == 400
    return refused.value.message


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("day", date(2024, 5, 15), date(2024, 5, 15)),
        ("7d", date(2024, 5, 9), date(2024, 5, 15)),
        ("30d", date(2024, 4, 15), date(2024, 5, 15)),
        ("month", date(2024, 5, 1), date(2024, 5, 31)),
        ("6mo", date(2023, 12, 1), date(2024, 5, 31)),
        ("12mo", date(2023, 6, 1), date(2024, 5, 31)),
    ],
)
def test_each_period_covers_plausibles_days(period: str, start: date, end: date) -> None:
    found = parse_period({"period": period}, TODAY)
    assert (found.start, found.end) == (start, end)


def test_the_period_is_thirty_days_back_when_none_is_named() -> None:
    assert parse_period({}, TODAY) == Period(date(2024, 4, 15), TODAY, "day")


def test_date_names_the_day_a_period_ends_on() -> None:
    found = parse_period({"period": "7d", "date": "2024-01-03"}, TODAY)
    assert (found.start, found.end) == (date(2023, 12, 28), date(2024, 1, 3))


def test_a_custom_period_takes_two_dates() -> None:
    found = parse_period({"period": "custom", "date": "2024-01-01, 2024-01-31"}, TODAY)
    assert (found.start, found.end) == (date(2024, 1, 1), date(2024, 1, 31))


def test_months_are_series_in_months_and_the_rest_in_days() -> None:
    assert parse_period({"period": "12mo"}, TODAY).interval == "month"
    assert parse_period({"period": "month"}, TODAY).interval == "day"


def test_an_unknown_period_is_refused_in_plausibles_words() -> None:
    assert _refusal(parse_period, {"period": "1y"}, TODAY).startswith(
        "Error parsing `period` parameter: invalid period `1y`."
    )


@pytest.mark.parametrize(
    ("text", "reason"), [("2024-5-1", "invalid_format"), ("2024-02-30", "invalid_date")]
)
def test_a_bad_date_is_refused_with_its_reason(text: str, reason: str) -> None:
    message = _refusal(parse_period, {"date": text}, TODAY)
    assert message.startswith(f"Error parsing `date` parameter: {reason}.")


def test_a_custom_period_without_date_is_refused() -> None:
    message = _refusal(parse_period, {"period": "custom"}, TODAY)
    assert message.startswith("The `date` parameter is required when using a custom period.")


@pytest.mark.parametrize("text", ["2024-01-01", "2024-01-01,2024-01-02,2024-01-03", "a,b"])
def test_a_custom_period_needs_exactly_two_dates(text: str) -> None:
    message = _refusal(parse_period, {"period": "custom", "date": text}, TODAY)
    assert message.startswith("Invalid format for `date` parameter.")


def test_a_custom_period_running_backwards_is_refused() -> None:
    message = _refusal(parse_period, {"period": "custom", "date": "2024-02-01,2024-01-01"}, TODAY)
    assert "first date comes after its last" in message


def test_a_period_before_1970_is_refused() -> None:
    assert "1970" in _refusal(parse_period, {"period": "30d", "date": "1970-01-10"}, TODAY)


def test_a_very_long_custom_period_is_refused() -> None:
    message = _refusal(parse_period, {"period": "custom", "date": "1990-01-01,2024-01-01"}, TODAY)
    assert "at most" in message


@pytest.mark.parametrize(
    ("text", "interval"), [("date", "day"), ("day", "day"), ("week", "week"), ("month", "month")]
)
def test_intervals_name_the_series_buckets(text: str, interval: str) -> None:
    assert parse_interval({"interval": text}, parse_period({}, TODAY)) == interval


def test_an_unknown_interval_is_refused() -> None:
    message = _refusal(parse_interval, {"interval": "minute"}, parse_period({}, TODAY))
    assert message.startswith("Error parsing `interval` parameter: invalid interval `minute`.")


@pytest.mark.parametrize(
    "params", [{"period": "day"}, {"period": "custom", "date": "2024-05-01,2024-05-01"}]
)
def test_a_single_days_series_is_hourly_by_default(params: dict[str, str]) -> None:
    assert parse_interval({}, parse_period(params, TODAY)) == "hour"


def test_a_single_day_may_still_be_one_row_by_date() -> None:
    assert parse_interval({"interval": "date"}, parse_period({"period": "day"}, TODAY)) == "day"


def test_hours_are_taken_for_a_custom_period_of_one_day() -> None:
    period = parse_period({"period": "custom", "date": "2024-05-01,2024-05-01"}, TODAY)
    assert parse_interval({"interval": "hour"}, period) == "hour"


@pytest.mark.parametrize(
    "params", [{"period": "7d"}, {"period": "custom", "date": "2024-05-01,2024-05-02"}]
)
def test_hours_over_more_than_one_day_are_refused(params: dict[str, str]) -> None:
    message = _refusal(parse_interval, {"interval": "hour"}, parse_period(params, TODAY))
    assert message == HOUR_FOR_ONE_DAY
    assert message.startswith("Invalid combination of interval and period.")


def test_the_breakdown_property_is_required() -> None:
    assert _refusal(parse_property, {}).startswith("The `property` parameter is required.")


def test_an_unknown_property_is_refused_in_plausibles_words() -> None:
    assert _refusal(parse_property, {"property": "visit:colour"}).startswith(
        "Invalid property 'visit:colour'. Please provide a valid property for the breakdown"
    )


def test_a_property_inkwell_does_not_keep_says_so() -> None:
    assert "Inkwell does not keep it" in _refusal(parse_property, {"property": "visit:city"})


def test_filters_join_with_semicolons() -> None:
    assert parse_filters("visit:source==Google; event:page==/about") == (
        ApiFilter("visit:source", Filter("source", "is", ("Google",))),
        ApiFilter("event:page", Filter("page", "is", ("/about",))),
    )


def test_a_negated_filter_with_alternatives_keeps_neither() -> None:
    (found,) = parse_filters("visit:browser!=Chrome|Firefox")
    assert found.filter == Filter("browser", "is_not", ("Chrome", "Firefox"))


def test_an_escaped_bar_is_part_of_the_value() -> None:
    (found,) = parse_filters(r"visit:utm_campaign==a\|b")
    assert found.filter == Filter("utm_campaign", "is", ("a|b",))


def test_a_star_makes_a_wildcard_filter() -> None:
    (found,) = parse_filters("event:page!=/blog/**|/tag/*")
    assert found.filter == Filter("page", "does_not_match", ("/blog/**", "/tag/*"))


def test_plausibles_empty_labels_filter_empty_values() -> None:
    source, device = parse_filters("visit:source==Direct / None;visit:device==(not set)")
    assert source.filter.values == ("",)
    assert device.filter.values == ("",)


def test_utm_source_filters_read_the_source_dimension() -> None:
    (found,) = parse_filters("visit:utm_source==newsletter")
    assert found.filter == Filter("source", "is", ("newsletter",))


@pytest.mark.parametrize(
    "text", ["visit:source", "visit:source=Google", "==x", "visit:source==a==b"]
)
def test_a_malformed_filter_is_refused(text: str) -> None:
    assert _refusal(parse_filters, text).startswith(f"Invalid filter `{text}`.")


def test_a_filter_on_an_unknown_property_is_refused() -> None:
    assert _refusal(parse_filters, "visit:colour==red").startswith(
        "Invalid filter property 'visit:colour'."
    )


def test_a_country_filter_needs_two_letter_codes() -> None:
    assert "two-letter" in _refusal(parse_filters, "visit:country==USA")


def test_no_filters_is_an_empty_tuple() -> None:
    assert parse_filters("") == ()
    assert parse_filters(" ; ") == ()


def test_visitors_is_the_default_metric() -> None:
    assert parse_metrics({}, ()) == ("visitors",)


def test_metrics_keep_their_order() -> None:
    found = parse_metrics({"metrics": "bounce_rate,visitors,views_per_visit"}, ())
    assert found == ("bounce_rate", "visitors", "views_per_visit")


def test_an_unknown_metric_is_refused_in_plausibles_words() -> None:
    assert _refusal(parse_metrics, {"metrics": "visitors,likes"}, ()).startswith(
        "The metric `likes` is not recognized."
    )


def test_a_metric_asked_twice_is_refused() -> None:
    message = _refusal(parse_metrics, {"metrics": "visitors,visitors"}, ())
    assert message == "Metrics cannot be queried multiple times."


def test_views_per_visit_is_refused_in_breakdowns() -> None:
    message = _refusal(parse_metrics, {"metrics": "views_per_visit"}, (), "visit:source")
    assert message == "Metric `views_per_visit` is not supported in breakdown queries."


def test_views_per_visit_is_refused_with_a_page_filter() -> None:
    filters = parse_filters("event:page==/")
    message = _refusal(parse_metrics, {"metrics": "views_per_visit"}, filters)
    assert message == "Metric `views_per_visit` cannot be queried with a filter on `event:page`."


def test_session_metrics_are_refused_for_an_event_name_breakdown() -> None:
    message = _refusal(parse_metrics, {"metrics": "bounce_rate"}, (), "event:name")
    assert (
        message == "Session metric `bounce_rate` cannot be queried for breakdown by `event:name`."
    )


def test_session_metrics_are_refused_with_an_event_name_filter() -> None:
    filters = parse_filters("event:name==Signup")
    message = _refusal(parse_metrics, {"metrics": "visit_duration"}, filters)
    assert message == (
        "Session metric `visit_duration` cannot be queried when using a filter on `event:name`."
    )


def test_session_metrics_are_allowed_in_a_page_breakdown() -> None:
    found = parse_metrics({"metrics": "visits,bounce_rate"}, (), "event:page")
    assert found == ("visits", "bounce_rate")


@pytest.mark.parametrize("text", ["0", "1001", "ten", "-1", "5.5", ""])
def test_a_limit_outside_one_to_a_thousand_is_refused(text: str) -> None:
    message = _refusal(parse_positive, {"limit": text}, "limit", 100, 1000)
    assert message == "Please provide limit as a number between 1 and 1000."


def test_limit_and_page_have_plausibles_defaults() -> None:
    assert parse_positive({}, "limit", 100, 1000) == 100
    assert parse_positive({"page": "3"}, "page", 1, 10**9) == 3


def test_a_page_below_one_is_refused() -> None:
    message = _refusal(parse_positive, {"page": "0"}, "page", 1, 10**9)
    assert message == "Please provide page as a positive number."


def test_only_the_previous_period_is_a_comparison() -> None:
    assert parse_compare({"compare": "previous_period"}) is True
    assert parse_compare({}) is False
    assert "previous_period" in _refusal(parse_compare, {"compare": "last_year"})


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("/blog/*", "/blog/hello", True),
        ("/blog/*", "/blog/hello/comments", False),
        ("/blog/**", "/blog/hello/comments", True),
        ("/blog/**", "/about", False),
        ("*/amp", "/post/amp", False),
        ("**/amp", "/post/amp", True),
        ("/a.b", "/aXb", False),
    ],
)
def test_wildcards_match_as_plausibles_do(pattern: str, path: str, matched: bool) -> None:
    assert bool(wildcard(pattern).fullmatch(path)) is matched


def test_a_wildcard_filter_keeps_matching_values() -> None:
    kept = Filter("page", "matches", ("/blog/*",))
    dropped = Filter("page", "does_not_match", ("/blog/*",))
    assert (kept.matches("/blog/x"), kept.matches("/about")) == (True, False)
    assert (dropped.matches("/blog/x"), dropped.matches("/about")) == (False, True)
