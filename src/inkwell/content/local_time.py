"""Reading a date and time typed in the site's time zone, as the editor's publish date is.

Pure: no database, no clock. Clock changes make two kinds of local time special:

- a time in the gap when clocks go forward (02:30 on 29 March 2026 in Europe/London) never
  happens: it is refused with a message saying so, rather than moved silently;
- a time in the hour repeated when clocks go back (01:30 on 25 October 2026 in London) happens
  twice: the first of the two (``fold=0``, still summer time) is taken, and the result says so
  in ``note`` so that the editor can show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class LocalTimeError(ValueError):
    """A date or time that cannot be read, or does not exist in the zone; says which."""


@dataclass(frozen=True)
class LocalMoment:
    """A local date and time read in a zone: the instant in UTC, and a note when ambiguous."""

    utc: datetime
    note: str | None = None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LocalTimeError(f"{text.strip()!r} is not a date such as 2026-03-29") from None


def _time(text: str) -> time:
    cleaned = text.strip() or "00:00"
    try:
        found = time.fromisoformat(cleaned)
    except ValueError:
        raise LocalTimeError(f"{cleaned!r} is not a time such as 09:30") from None
    if found.tzinfo is not None:
        raise LocalTimeError("give the time without an offset: it is read in the site's zone")
    return found.replace(microsecond=0)


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``; LocalTimeError when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise LocalTimeError(f"unknown time zone {name!r}") from None


def read_local(date_text: str, time_text: str, zone_name: str) -> LocalMoment:
    """The instant that ``date_text`` (``YYYY-MM-DD``) at ``time_text`` (``HH:MM``, midnight
    when empty) names in the zone ``zone_name``.

    Raises LocalTimeError for text that is not a date or time, and for a local time skipped by
    a clock change; a repeated local time is read as its first occurrence (see the module).
    """
    tz = zone(zone_name)
    naive = datetime.combine(_date(date_text), _time(time_text))
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    # A real local time survives the round trip through UTC; one in a gap comes back shifted.
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        shown = naive.strftime("%Y-%m-%d %H:%M")
        raise LocalTimeError(
            f"{shown} does not exist in {zone_name}: the clocks skip it (they go forward); "
            "choose a time outside the change"
        )
    note = None
    if first.utcoffset() != second.utcoffset():
        shown = naive.strftime("%Y-%m-%d %H:%M")
        note = (
            f"{shown} happens twice in {zone_name} (the clocks go back): the first one, "
            f"at UTC{_offset(first)}, was taken"
        )
    return LocalMoment(first.astimezone(UTC), note)


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def to_local(moment: datetime, zone_name: str) -> tuple[str, str]:
    """A stored instant as the editor shows it: (``YYYY-MM-DD``, ``HH:MM``) in the zone."""
    local = moment.astimezone(zone(zone_name))
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M")
