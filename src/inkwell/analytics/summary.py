"""One day's raw events summed up per dimension: the numbers the roll-up stores and the queries
show. Pure: events in, numbers out.

A visit is one visitor's events with no gap longer than ``VISIT_GAP``; it takes its source,
referrer, UTM values, browser, OS, device and country from its first event (later pages of a
visit are referred by the site itself). A visit with one page view is a bounce; its duration
is from its first event to its last. Page numbers count the page's own views and unique
visitors; their visits, bounces and durations are those of the visits that entered there, as
Plausible counts them.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Literal, TypeVar

from inkwell.analytics.models import PAGEVIEW

VISIT_GAP = timedelta(minutes=30)
TOTAL = ""
VISIT_DIMENSIONS = (
    "source",
    "referrer",
    "utm_medium",
    "utm_campaign",
    "utm_content",
    "utm_term",
    "browser",
    "os",
    "device",
    "country",
)
EVENT_DIMENSIONS = ("page", "event")
DIMENSIONS = (*EVENT_DIMENSIONS, "entry_page", "exit_page", *VISIT_DIMENSIONS)
"""Every dimension a number can be broken down by (``TOTAL`` is the whole site)."""


@dataclass(frozen=True)
class Raw:
    """The columns of a raw event the numbers need."""

    at: datetime
    name: str
    visitor: str
    path: str
    source: str = ""
    referrer: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    utm_content: str = ""
    utm_term: str = ""
    browser: str = ""
    os: str = ""
    device: str = ""
    country: str = ""

    def value(self, dimension: str) -> str:
        """This event's value of an event or visit dimension."""
        if dimension == "page":
            return self.path
        if dimension == "event":
            return self.name
        return str(getattr(self, dimension))


@dataclass
class Metrics:
    """Numbers of one day (or added up over several) for one dimension value."""

    visitors: int = 0
    pageviews: int = 0
    events: int = 0
    visits: int = 0
    bounces: int = 0
    duration: int = 0

    def add(self, other: Metrics) -> None:
        """Add ``other``'s numbers to these (unique visitors add up day by day)."""
        self.visitors += other.visitors
        self.pageviews += other.pageviews
        self.events += other.events
        self.visits += other.visits
        self.bounces += other.bounces
        self.duration += other.duration

    @property
    def bounce_rate(self) -> int:
        """Bounced visits in percent, halves rounded up as Plausible does (0 without visits)."""
        return _half_up(100 * self.bounces / self.visits) if self.visits else 0

    @property
    def visit_duration(self) -> int:
        """Average visit length in seconds, halves rounded up (0 without visits)."""
        return _half_up(self.duration / self.visits) if self.visits else 0

    @property
    def views_per_visit(self) -> float:
        """Page views per visit, to two decimals (0 without visits)."""
        return round(self.pageviews / self.visits, 2) if self.visits else 0.0


def _half_up(value: float) -> int:
    # round() sends halves to the even neighbour (12.5 -> 12); Plausible says 13.
    return math.floor(value + 0.5)


Op = Literal["is", "is_not", "contains", "matches", "does_not_match"]


@lru_cache(maxsize=256)
def wildcard(pattern: str) -> re.Pattern[str]:
    """Plausible's page pattern as a regular expression: ``**`` is anything, ``*`` is anything
    but ``/`` (``/blog/*`` is a post, ``/blog/**`` anything under the blog)."""
    parts = (re.escape(piece).replace(r"\*", "[^/]*") for piece in pattern.split("**"))
    return re.compile(".*".join(parts), re.DOTALL)


@dataclass(frozen=True)
class Filter:
    """Keep only what has (or has not) one of ``values`` in ``dimension``; for ``matches`` and
    ``does_not_match`` the values are wildcard patterns (``wildcard``)."""

    dimension: str
    op: Op
    values: tuple[str, ...]

    def matches(self, value: str) -> bool:
        """Whether ``value`` passes this filter."""
        if self.op == "contains":
            return any(wanted.lower() in value.lower() for wanted in self.values)
        if self.op in ("matches", "does_not_match"):
            found = any(wildcard(pattern).fullmatch(value) for pattern in self.values)
            return found if self.op == "matches" else not found
        found = value in self.values
        return found if self.op == "is" else not found


@dataclass
class _Visit:
    events: list[Raw] = field(default_factory=list)

    @property
    def first(self) -> Raw:
        return self.events[0]

    def pages(self) -> list[Raw]:
        return [event for event in self.events if event.name == PAGEVIEW]

    def entry(self) -> str:
        pages = self.pages()
        return pages[0].path if pages else self.first.path

    def exit(self) -> str:
        pages = self.pages()
        return pages[-1].path if pages else self.events[-1].path

    def seconds(self) -> int:
        return int((self.events[-1].at - self.first.at).total_seconds())

    def value(self, dimension: str) -> str:
        if dimension == "entry_page":
            return self.entry()
        if dimension == "exit_page":
            return self.exit()
        return self.first.value(dimension)


def visits_of(events: Iterable[Raw]) -> list[_Visit]:
    """The visits the events make up (each visitor's events split at long gaps)."""
    by_visitor: dict[str, list[Raw]] = defaultdict(list)
    for event in events:
        by_visitor[event.visitor].append(event)
    visits: list[_Visit] = []
    for mine in by_visitor.values():
        mine.sort(key=lambda event: event.at)
        current = _Visit()
        for event in mine:
            if current.events and event.at - current.events[-1].at > VISIT_GAP:
                visits.append(current)
                current = _Visit()
            current.events.append(event)
        visits.append(current)
    return visits


def _keeps(visit: _Visit, filters: Sequence[Filter]) -> bool:
    return all(
        f.matches(visit.value(f.dimension)) for f in filters if f.dimension not in EVENT_DIMENSIONS
    )


def kept_visits(
    events: Iterable[Raw], filters: Sequence[Filter] = ()
) -> Iterator[tuple[_Visit, list[Raw]]]:
    """Each visit the filters keep, with its events they keep.

    Visit filters keep whole visits; page and event filters keep the visits that have such an
    event, and only those events."""
    event_filters = [f for f in filters if f.dimension in EVENT_DIMENSIONS]
    for visit in visits_of(events):
        if not _keeps(visit, filters):
            continue
        kept = [
            e for e in visit.events if all(f.matches(e.value(f.dimension)) for f in event_filters)
        ]
        if kept:
            yield visit, kept


def summarise(
    events: Iterable[Raw], filters: Sequence[Filter] = ()
) -> dict[tuple[str, str], Metrics]:
    """The day's numbers per ``(dimension, value)``, and the total under ``(TOTAL, TOTAL)``.

    Only the visits and events ``kept_visits`` keeps are counted."""
    found: dict[tuple[str, str], Metrics] = defaultdict(Metrics)
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for visit, kept in kept_visits(events, filters):
        views = sum(1 for event in kept if event.name == PAGEVIEW)
        bounced = int(len(visit.pages()) <= 1)
        visit_keys = [(TOTAL, TOTAL)] + [
            (d, visit.value(d)) for d in (*VISIT_DIMENSIONS, "entry_page")
        ]
        for key in visit_keys:
            numbers = found[key]
            numbers.visits += 1
            numbers.bounces += bounced
            numbers.duration += visit.seconds()
            numbers.pageviews += views
            numbers.events += len(kept)
            seen[key].add(visit.first.visitor)
        exit_key = ("exit_page", visit.exit())
        found[exit_key].visits += 1
        found[exit_key].pageviews += views
        seen[exit_key].add(visit.first.visitor)
        _count_events(kept, found, seen, visit.entry(), bounced, visit.seconds())
    for key, numbers in found.items():
        numbers.visitors = len(seen[key])
    return dict(found)


def _count_events(
    kept: list[Raw],
    found: dict[tuple[str, str], Metrics],
    seen: dict[tuple[str, str], set[str]],
    entry: str,
    bounced: int,
    seconds: int,
) -> None:
    for event in kept:
        keys = [("event", event.name)]
        if event.name == PAGEVIEW:
            keys.append(("page", event.path))
            found[keys[0]].pageviews += 1
            found[keys[1]].pageviews += 1
        for key in keys:
            found[key].events += 1
            seen[key].add(event.visitor)
    # A page's visits are the visits that entered on it (when that view is among those kept).
    if not any(event.name == PAGEVIEW and event.path == entry for event in kept):
        return
    entered = found[("page", entry)]
    entered.visits += 1
    entered.bounces += bounced
    entered.duration += seconds


Bucket = TypeVar("Bucket", bound=Hashable)


def totals_by(
    events: Iterable[Raw],
    bucket_of: Callable[[datetime], Bucket],
    filters: Sequence[Filter] = (),
) -> dict[Bucket, Metrics]:
    """The site's totals per bucket of time (``bucket_of`` an event's ``at``), from the same
    visits as ``summarise``: a visit (its bounce, its duration) counts in the bucket it began
    in, so visits add up to the day's; views and events count in their own bucket, and a
    visitor in every bucket holding one of their events (once per bucket)."""
    found: dict[Bucket, Metrics] = defaultdict(Metrics)
    seen: dict[Bucket, set[str]] = defaultdict(set)
    for visit, kept in kept_visits(events, filters):
        began = found[bucket_of(visit.first.at)]
        began.visits += 1
        began.bounces += int(len(visit.pages()) <= 1)
        began.duration += visit.seconds()
        for event in kept:
            bucket = bucket_of(event.at)
            found[bucket].events += 1
            found[bucket].pageviews += int(event.name == PAGEVIEW)
            seen[bucket].add(event.visitor)
    for bucket, numbers in found.items():
        numbers.visitors = len(seen[bucket])
    return dict(found)
