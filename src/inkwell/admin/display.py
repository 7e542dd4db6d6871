"""How the admin shows values: dates in the site's time zone, statuses in words."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from inkwell.core.time import as_utc

_STATUS_LABELS = {"draft": "Draft", "scheduled": "Scheduled", "published": "Published"}


def when(value: datetime | None, timezone: str = "Etc/UTC") -> str:
    """``2 Dec 2026, 12:03`` in ``timezone``; an empty string for no date."""
    if value is None:
        return ""
    local = as_utc(value).astimezone(ZoneInfo(timezone))
    return f"{local.day} {local:%b %Y, %H:%M}"


def local_input(value: datetime | None, timezone: str = "Etc/UTC") -> str:
    """The value of an ``<input type="datetime-local">``: ``2026-12-02T12:03`` in ``timezone``."""
    if value is None:
        return ""
    return as_utc(value).astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M")


def status_label(status: str) -> str:
    """``Draft``, ``Scheduled`` or ``Published``."""
    return _STATUS_LABELS.get(status, status.capitalize())
