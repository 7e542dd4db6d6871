"""Date formats used by the feeds; naive datetimes are taken as UTC."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime

from inkwell.core.time import as_utc, iso_millis, iso_seconds

__all__ = ["as_utc", "iso_millis", "rfc822", "rfc3339"]


def rfc822(value: datetime) -> str:
    """ "Mon, 16 Mar 2026 09:00:00 GMT": RSS dates, as JavaScript's ``toUTCString()``."""
    return format_datetime(as_utc(value).replace(microsecond=0), usegmt=True)


def rfc3339(value: datetime) -> str:
    """ "2026-03-16T09:00:00Z" (seconds precision): Atom and JSON Feed dates."""
    return iso_seconds(value)
