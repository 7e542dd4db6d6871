"""Time helpers: every timestamp Inkwell stores is timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, aware, in UTC, to the second (as Ghost stores it)."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(value: datetime) -> datetime:
    """Treat a naive datetime as UTC and convert an aware one to UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso_millis(value: datetime) -> str:
    """``2026-11-25T07:57:54.000Z``, as JavaScript's ``toISOString()`` writes any moment.

    ``isoformat`` rather than ``strftime``: ``%Y`` drops the leading zeros of years before 1000.
    """
    return as_utc(value).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_seconds(value: datetime) -> str:
    """``2026-03-16T09:00:00Z``: RFC 3339 to the second (Atom, JSON Feed)."""
    return as_utc(value).isoformat(timespec="seconds").replace("+00:00", "Z")
