"""The analytics settings the owner changes in the admin, read as one object."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.analytics.models import AnalyticsSetting
from inkwell.core.feature_settings import SettingsError, SettingsStore

Collection = Literal["script", "server", "off"]
# A path the site serves the beacon or the pixel at: letters, digits, - _ . / only.
_PATH = re.compile(r"/[A-Za-z0-9][A-Za-z0-9._/-]{0,98}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# First path segments the site answers itself: a page there could never be reached.
_TAKEN = frozenset(
    [
        "admin",
        "api",
        "assets",
        "author",
        "comments",
        "content",
        "css",
        "feeds",
        "ghost",
        "js",
        "p",
        "page",
        "rss",
        "sitemap",
        "tag",
    ]
)


class AnalyticsSettings(BaseModel):
    """Every analytics setting with its default; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    collection: Collection = "script"
    """script: the beacon (and its no-script pixel) counts views; server: the page requests
    themselves are counted (no script at all); off: nothing is counted."""
    script_path: str = "/js/stats.js"
    """Where the beacon is served (ad blockers know the usual paths)."""
    event_path: str = "/api/event"
    """Where the beacon posts events (Plausible's Events API path by default)."""
    pixel_path: str = "/api/pixel.gif"
    """The image that counts a view for readers whose browsers run no script."""
    outbound_links: bool = False
    """The beacon also counts clicks on links to other sites (``Outbound Link: Click``)."""
    custom_events: bool = False
    """Pages may send named events (``data-stats-event`` on a link or button)."""
    honour_dnt: bool = True
    """Readers sending ``DNT: 1`` or ``Sec-GPC: 1`` are not counted."""
    exclude_staff: bool = True
    """Signed-in staff are not counted."""
    retention_days: int = Field(default=30, ge=1, le=3650)
    """Raw events are deleted after this many days; daily aggregates are kept."""
    privacy_slug: str = "privacy"
    """The slug of the privacy policy page (``/privacy/``)."""

    @field_validator("script_path", "event_path", "pixel_path")
    @classmethod
    def _path(cls, value: str) -> str:
        value = value.strip()
        if not _PATH.fullmatch(value) or "//" in value or "/../" in f"{value}/":
            raise ValueError(f"{value!r} is not a path such as /js/stats.js")
        if value.startswith(("/admin/", "/ghost/", "/content/", "/assets/")):
            raise ValueError(f"{value!r} is a path the site already uses")
        return value

    @model_validator(mode="after")
    def _distinct_paths(self) -> AnalyticsSettings:
        paths = [self.script_path, self.event_path, self.pixel_path]
        if len(set(paths)) < len(paths):
            raise ValueError("the beacon, event and pixel paths must differ")
        return self

    @field_validator("privacy_slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        value = value.strip().lower()
        if not _SLUG.fullmatch(value) or len(value) > 100:
            raise ValueError(f"{value!r} is not a slug such as privacy")
        if value in _TAKEN:
            raise ValueError(f"/{value}/ is an address the site already uses")
        return value


class AnalyticsSettingsError(SettingsError):
    """An analytics setting was refused; the message names it (``field``)."""


_store = SettingsStore(AnalyticsSettings, AnalyticsSetting, "analytics", AnalyticsSettingsError)
load = _store.load
load_cached = _store.load_cached


async def update(session: AsyncSession, wanted: dict[str, Any]) -> AnalyticsSettings:
    """Validate and store ``wanted``; the new settings. Raises AnalyticsSettingsError naming
    the first refused field, storing nothing. The theme's beacon tag changes with them: a
    change drops every cached page."""
    return await _store.update(session, wanted)
