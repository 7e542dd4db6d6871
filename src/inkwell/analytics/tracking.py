"""What the theme puts in each page for analytics: the beacon's tag (with the event path and
the switches it reads) and the no-script pixel, or nothing when the beacon is not in use."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics import beacon
from inkwell.analytics.collect import site_host_of
from inkwell.analytics.settings import load_cached


@dataclass(frozen=True)
class Tracking:
    """The beacon's attributes and the pixel's address for one page."""

    script_url: str
    event_url: str
    domain: str
    outbound: bool
    custom_events: bool
    pixel_path: str

    def pixel_url(self, page_url: str) -> str:
        """The no-script pixel's address for the page at ``page_url``."""
        return f"{self.pixel_path}?u={quote(page_url, safe='')}"


async def tracking(session: AsyncSession, site_url: str) -> Tracking | None:
    """The analytics tags pages carry (None: they carry none)."""
    settings = await load_cached(session)
    if settings.collection != "script":
        return None
    return Tracking(
        script_url=beacon.versioned_url(settings.script_path),
        event_url=settings.event_path,
        domain=site_host_of(site_url),
        outbound=settings.outbound_links,
        custom_events=settings.custom_events,
        pixel_path=settings.pixel_path,
    )
