"""Turning a request into a counted event: who is left out (bots, Do-Not-Track, staff), what
the event says, and the day's visitor digest; then the writer takes it.

The same rules serve the three ways a view arrives: the beacon's POST to the event path, the
no-script pixel, and (in the server-side mode) the page request itself. Nothing here writes to
the database except the first request of a day, which makes or reads the day's salt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from starlette.types import Scope

from inkwell.analytics import derive, visitors
from inkwell.analytics.days import site_zone
from inkwell.analytics.geoip import GeoIP
from inkwell.analytics.settings import AnalyticsSettings
from inkwell.analytics.settings import load as load_settings
from inkwell.analytics.types import Counted, IncomingEvent
from inkwell.analytics.writer import EventWriter
from inkwell.core import changes
from inkwell.core.client_address import TrustedProxies
from inkwell.core.db import Database
from inkwell.core.time import utcnow

OUTBOUND = "Outbound Link: Click"
ENGAGEMENT = "engagement"


@dataclass(frozen=True)
class Visit:
    """What a request says about its reader, read once from its headers. Never stored."""

    address: str
    user_agent: str
    do_not_track: bool = False
    staff: bool = False
    purpose: str = ""


def collector_of(scope: Scope) -> Collector | None:
    """The collector of the application serving ``scope`` (None before it started)."""
    app = scope.get("app")
    return getattr(app.state, "analytics", None) if app is not None else None


class Collector:
    """One process's collection: the settings in force, the writer, and the rules."""

    def __init__(
        self,
        database: Database,
        writer: EventWriter,
        *,
        site_url: str,
        trusted: TrustedProxies,
        geoip: GeoIP | None = None,
    ) -> None:
        self.database = database
        self.trusted = trusted
        self.writer = writer
        self.site_url = site_url
        self.site_host = site_host_of(site_url)
        self.geoip = geoip
        self._timezone: ZoneInfo = ZoneInfo("UTC")
        # Read again only after a settings change (any worker's: the invalidation channel
        # tells), so a page answered from the cache costs no query here either.
        self._remembered = changes.UntilChanged(max_entries=2, tags=["settings"])

    async def settings(self) -> AnalyticsSettings:
        """The analytics settings in force (and the site's time zone, read with them)."""
        remembered = self._remembered.begin(self.database.url)
        found: AnalyticsSettings | None = remembered.get("settings")
        if found is None:
            async with self.database.session() as session:
                found = await load_settings(session)
                self._timezone = await site_zone(session)
            remembered["settings"] = found
        return found

    def left_out(self, settings: AnalyticsSettings, visit: Visit) -> str | None:
        """Why this reader is not counted (None: counted)."""
        if settings.collection == "off":
            return "analytics is off"
        if settings.honour_dnt and visit.do_not_track:
            return "the browser asked not to be tracked"
        if settings.exclude_staff and visit.staff:
            return "a signed-in staff member"
        if derive.is_bot(visit.user_agent, visit.purpose):
            return "a bot or a prefetch"
        return None

    def allowed_name(self, settings: AnalyticsSettings, name: str) -> bool:
        """Whether an event of this name is counted under the settings."""
        if name == "pageview":
            return True
        if name == OUTBOUND:
            return settings.outbound_links
        if name == ENGAGEMENT:
            return False  # Plausible's tracker reports time on page; not kept (yet)
        return settings.custom_events

    async def count(self, event: IncomingEvent, visit: Visit) -> bool:
        """Hand ``event`` to the writer (False when the buffer was full)."""
        now = utcnow()
        salt = await visitors.salt_for(self.database, now.date())
        derived = derive.describe(
            event,
            user_agent=visit.user_agent,
            site_url=self.site_url,
            geoip=self.geoip,
            address=visit.address,
        )
        counted = Counted(
            at=now,
            day=local_day(now, self._timezone),
            name=event.name,
            visitor=visitors.digest(salt, self.site_host, visit.address, visit.user_agent),
            derived=derived,
            props=event.props,
        )
        return self.writer.offer(counted)


def local_day(moment: datetime, timezone: ZoneInfo) -> date:
    """The day ``moment`` falls on in the site's time zone."""
    return moment.astimezone(timezone).date()


@lru_cache(maxsize=8)
def site_host_of(site_url: str) -> str:
    """The hostname of the site's address, without port: Plausible's ``domain``."""
    return (urlsplit(site_url).hostname or "").lower()
