"""Date formats used by the feeds; naive datetimes are taken as UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime


def as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def rfc822(value: datetime) -> str:
    """ "Mon, 16 Mar 2026 09:00:00 GMT": RSS dates, as JavaScript's ``toUTCString()``."""
    return format_datetime(as_utc(value).replace(microsecond=0), usegmt=True)


def rfc3339(value: datetime) -> str:
    """ "2026-03-16T09:00:00Z" (seconds precision): Atom and JSON Feed dates."""
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_millis(value: datetime) -> str:
    """ "2026-11-25T07:57:54.000Z": sitemap ``lastmod``, as JavaScript's ``toISOString()``."""
    utc = as_utc(value)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
