"""The site's days: analytics counts by the day in the site's time zone (content's
``timezone`` setting), falling back to UTC when the setting names no known zone."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.core.time import utcnow


def zone_of(name: str) -> ZoneInfo:
    """The time zone called ``name``, or UTC when there is none of that name."""
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def today_in(name: str) -> date:
    """Today in the time zone called ``name``."""
    return utcnow().astimezone(zone_of(name)).date()


async def site_zone(session: AsyncSession) -> ZoneInfo:
    """The site's time zone."""
    return zone_of((await content.load_settings_cached(session)).timezone)


async def site_today(session: AsyncSession) -> date:
    """Today in the site's time zone: the first day not finished yet."""
    return utcnow().astimezone(await site_zone(session)).date()
