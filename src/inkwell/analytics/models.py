"""Analytics tables: raw events (kept for the retention period), the day's visitor salt, daily
aggregates per dimension (kept), Stats API keys and the analytics settings.

Models hold data only; the rules live in ``analytics.service``. No raw client address and no
full user agent is ever stored: ``visitor`` is a digest of (the day's salt, site, address, user
agent), and once the salt is discarded it matches no one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from inkwell.core.db import Base, UTCDateTime
from inkwell.core.ids import new_id
from inkwell.core.time import utcnow

PAGEVIEW = "pageview"


class AnalyticsEvent(Base):
    """One page view or named event, with what was derived from it when it arrived."""

    __tablename__ = "analytics_events"
    __table_args__ = (
        # By day alone: new events go at its end (reports read a day's events whole).
        Index("ix_analytics_events_day", "day"),
        Index("ix_analytics_events_at", "at"),
    )

    # BigInteger on PostgreSQL, INTEGER on SQLite (where only that autoincrements).
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date)
    """The day of ``at`` in the site's time zone: the day the numbers count it under."""
    name: Mapped[str] = mapped_column(String(120))
    """``pageview``, ``Outbound Link: Click``, or a custom event's name."""
    visitor: Mapped[str] = mapped_column(String(32))
    """Digest of (the day's salt, site, address, user agent): one visitor within one day."""
    path: Mapped[str] = mapped_column(String(500))
    referrer: Mapped[str] = mapped_column(String(255), default="")
    """The referring host (``news.ycombinator.com``); empty for direct visits and this site."""
    source: Mapped[str] = mapped_column(String(100), default="")
    """Where the visit came from: ``utm_source``, else ``?ref=``, else the referrer's name."""
    utm_medium: Mapped[str] = mapped_column(String(100), default="")
    utm_campaign: Mapped[str] = mapped_column(String(100), default="")
    utm_content: Mapped[str] = mapped_column(String(100), default="")
    utm_term: Mapped[str] = mapped_column(String(100), default="")
    browser: Mapped[str] = mapped_column(String(50), default="")
    os: Mapped[str] = mapped_column(String(50), default="")
    device: Mapped[str] = mapped_column(String(20), default="")
    """``desktop``, ``mobile``, ``tablet`` (or empty when unknown)."""
    country: Mapped[str] = mapped_column(String(2), default="")
    """ISO 3166 alpha-2, only when a GeoIP database is configured."""
    props: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class AnalyticsSalt(Base):
    """The salt of one day (UTC): discarded by the scheduler once that day is over."""

    __tablename__ = "analytics_salts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))


class AnalyticsDaily(Base):
    """One day's numbers for one value of one dimension (``dimension`` empty: the whole site).

    Visitors are that day's uniques; over several days the numbers add up day by day."""

    __tablename__ = "analytics_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(500), primary_key=True)
    visitors: Mapped[int] = mapped_column(Integer, default=0)
    pageviews: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    bounces: Mapped[int] = mapped_column(Integer, default=0)
    duration: Mapped[int] = mapped_column(Integer, default=0)
    """Seconds of every visit counted here, added up (visit_duration = duration / visits)."""


class AnalyticsRollup(Base):
    """A day whose raw events were rolled up into ``analytics_daily`` (and when)."""

    __tablename__ = "analytics_rollups"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    rolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(20), default="events")
    """``events`` (rolled up here) or ``import`` (brought in from another tool)."""


class StatsKey(Base):
    """A Stats API key: only its digest is kept (the key is shown once, when created)."""

    __tablename__ = "analytics_keys"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(8))
    """The key's first characters, to tell keys apart in the admin."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class AnalyticsSetting(Base):
    """One analytics setting, stored as JSON under its key."""

    __tablename__ = "analytics_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
