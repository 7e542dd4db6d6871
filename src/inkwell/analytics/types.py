"""The values analytics passes between its parts: an event as received, what was derived from
it, and one event ready to be written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# Plausible's Stats API documentation, named in the API's error messages as Plausible's are.
DOCS = "https://plausible.io/docs/stats-api"


class StatsParamError(ValueError):
    """A parameter the Stats API cannot answer: its message for the client, and the status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class EventError(ValueError):
    """An event that cannot be counted; ``message`` says why (answered with a 400)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class IncomingEvent:
    """An Events API body, validated: Plausible's long names (``name``, ``url``, ``domain``,
    ``referrer``, ``props``) or its tracker's short ones (``n``, ``u``, ``d``, ``r``, ``p``)."""

    name: str
    url: str
    """The absolute address of the page the event happened on."""
    domain: str
    referrer: str = ""
    props: dict[str, str] | None = None
    screen_width: int | None = None
    interactive: bool = True
    hash_mode: bool = False
    """The site routes by ``#fragment`` (the tracker sends ``h: 1``): it is part of the page."""
    scroll_depth: int | None = None
    """An ``engagement`` event's deepest scroll, 0..100 (Plausible's ``sd``)."""
    engagement_ms: int | None = None
    """An ``engagement`` event's time on the page in milliseconds (Plausible's ``e``)."""


@dataclass(frozen=True)
class Derived:
    """What an event says about the visit, worked out when it arrives (all text, empty when
    unknown)."""

    path: str
    referrer: str = ""
    source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    utm_content: str = ""
    utm_term: str = ""
    browser: str = ""
    os: str = ""
    device: str = ""
    country: str = ""


@dataclass(frozen=True)
class Counted:
    """One event ready for the writer: nothing in it identifies the reader."""

    at: datetime
    day: date
    name: str
    visitor: str
    derived: Derived
    props: dict[str, str] | None = field(default=None)
