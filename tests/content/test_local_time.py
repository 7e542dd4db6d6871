"""Reading a publish date typed in the site's time zone, across clock changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inkwell.content.local_time import LocalTimeError, read_local, to_local


def test_a_local_time_is_read_in_its_zone() -> None:
    found = read_local("2026-07-01", "09:30", "Europe/London")
    assert found.utc == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    assert found.note is None


def test_an_empty_time_is_midnight() -> None:
    assert read_local("2026-01-10", "", "Etc/UTC").utc == datetime(2026, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "skipped"),
    # London goes from 01:00 GMT to 02:00 BST; Paris from 02:00 CET to 03:00 CEST.
    [("Europe/London", "01:30"), ("Europe/Paris", "02:30"), ("America/New_York", "02:15")],
)
def test_a_time_skipped_when_clocks_go_forward_is_refused(zone: str, skipped: str) -> None:
    day = "2026-03-08" if zone.startswith("America") else "2026-03-29"
    with pytest.raises(LocalTimeError, match=rf"{day} {skipped} does not exist in {zone}"):
        read_local(day, skipped, zone)


def test_the_hour_after_the_gap_exists() -> None:
    found = read_local("2026-03-29", "02:30", "Europe/London")
    assert found.utc == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_a_time_repeated_when_clocks_go_back_is_the_first_one_with_a_note() -> None:
    found = read_local("2026-10-25", "01:30", "Europe/London")
    assert found.utc == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still summer time
    assert found.note is not None and "happens twice" in found.note
    assert "UTC+01:00" in found.note


@pytest.mark.parametrize(
    ("date_text", "time_text", "message"),
    [
        ("29/03/2026", "10:00", "is not a date"),
        ("2026-02-30", "10:00", "is not a date"),
        ("2026-03-01", "25:00", "is not a time"),
        ("2026-03-01", "10:00+02:00", "without an offset"),
    ],
)
def test_text_that_is_no_date_or_time_is_refused(
    date_text: str, time_text: str, message: str
) -> None:
    with pytest.raises(LocalTimeError, match=message):
        read_local(date_text, time_text, "Etc/UTC")


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(LocalTimeError, match="unknown time zone"):
        read_local("2026-03-01", "10:00", "Mars/Olympus")


def test_a_stored_instant_is_shown_in_the_zone() -> None:
    moment = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    assert to_local(moment, "Europe/London") == ("2026-07-01", "09:30")
