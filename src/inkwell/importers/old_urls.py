"""An imported post's old URL: its slug, whether it fits our permalink pattern, its date.

When a blog moves to Inkwell on the same address, every post should answer at the very same URL.
That works when the old path has the shape of the site's permalink pattern and the post's date
(shown in the site's time zone) gives the same year, month and day as the path; otherwise the old
path is kept as a redirect to the new URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from inkwell.content.service import match_path
from inkwell.core.time import as_utc

# File extensions static site generators and old CMSes put on post URLs.
_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".php", ".aspx", ".asp")
# How far a date may move to keep its URL: enough for any time zone difference, no more.
MAX_DATE_SHIFT = timedelta(hours=48)


@dataclass(frozen=True)
class OldLink:
    """What a post's link on its old site tells us."""

    # Decoded path on the old site, when the link is on the feed's own host.
    path: str | None
    # The last non-empty path segment, without a page extension.
    slug: str | None
    # The permalink tokens (year, month, slug...) when the path fits the site's pattern.
    tokens: dict[str, str] | None


def read_link(link: str | None, site_link: str | None, pattern: str) -> OldLink:
    """Analyse ``link`` against the feed's own site address and our permalink pattern."""
    if not link:
        return OldLink(path=None, slug=None, tokens=None)
    parts = urlsplit(link.strip())
    path = unquote(parts.path) or "/"
    segments = [s for s in path.split("/") if s]
    slug = _strip_suffix(segments[-1]) if segments else None
    if not _same_site(parts.hostname, site_link) or not segments or parts.query:
        # Another host, the home page, or "?p=123": nothing on our site can answer for it.
        return OldLink(path=None, slug=slug, tokens=None)
    tokens = match_path(pattern, path if path.endswith("/") else path + "/")
    if tokens is None and site_link:
        prefix = urlsplit(site_link).path.rstrip("/")
        if prefix and path.startswith(prefix + "/"):
            tokens = match_path(pattern, path[len(prefix) :])
    if tokens and tokens.get("slug"):
        slug = tokens["slug"]
    return OldLink(path=path, slug=slug, tokens=tokens)


def _same_site(host: str | None, site_link: str | None) -> bool:
    if not host or not site_link:
        return False
    site_host = urlsplit(site_link).hostname or ""

    def bare(name: str) -> str:
        return name.lower().removeprefix("www.")

    return bare(host) == bare(site_host)


def _strip_suffix(segment: str) -> str:
    lowered = segment.lower()
    for suffix in _PAGE_SUFFIXES:
        if lowered.endswith(suffix) and len(segment) > len(suffix):
            return segment[: -len(suffix)]
    return segment


@dataclass(frozen=True)
class AlignedDate:
    """A publication date chosen so that the post keeps its URL, when that is possible."""

    value: datetime | None
    keeps_url: bool
    note: str | None = None


def align_date(published: datetime | None, tokens: dict[str, str], timezone: str) -> AlignedDate:
    """Fit ``published`` into the year/month/day of a matched path, in the site's time zone.

    A missing date is taken from the path. A date that is off by a time zone difference is moved
    to the nearest instant inside the path's period; one that is further off is kept as it is
    (the old URL then becomes a redirect).
    """
    period = _period(tokens, timezone)
    if period is None:
        return AlignedDate(published, keeps_url=True)
    start, end = period
    if published is None:
        guess = as_utc(start + timedelta(hours=12))
        return AlignedDate(guess, keeps_url=True, note="no date: used the date in its URL")
    published = as_utc(published)
    if start <= published < end:
        return AlignedDate(published, keeps_url=True)
    target = as_utc(start if published < start else end - timedelta(seconds=1))
    if abs(target - published) <= MAX_DATE_SHIFT:
        hours = abs(target - published).total_seconds() / 3600
        note = f"date moved by {hours:.1f} h into the month of its old URL (time zones differ)"
        return AlignedDate(target, keeps_url=True, note=note)
    return AlignedDate(published, keeps_url=False)


def _period(tokens: dict[str, str], timezone: str) -> tuple[datetime, datetime] | None:
    if "year" not in tokens:
        return None
    zone = ZoneInfo(timezone)
    year = int(tokens["year"])
    month = int(tokens.get("month") or 1)
    day = int(tokens.get("day") or 1)
    try:
        start = datetime(year, month, day, tzinfo=zone)
    except ValueError:
        return None
    if "day" in tokens:
        end = start + timedelta(days=1)
    elif "month" in tokens:
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    else:
        end = datetime(year + 1, 1, 1, tzinfo=zone)
    # Wall-clock arithmetic across a DST change: normalise through UTC.
    return as_utc(start), as_utc(end)
