"""Site settings (title, navigation, permalinks...), stored as JSON rows and read as one object."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Setting
from inkwell.content.permalinks import DEFAULT_PATTERN, PatternError, validate_pattern
from inkwell.core import changes, events


class NavigationItem(BaseModel):
    """A link in the site's header or footer."""

    label: str = Field(min_length=1, max_length=100)
    url: str = Field(min_length=1, max_length=500)


class SiteSettings(BaseModel):
    """Every site setting with its default; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    title: str = Field(default="Inkwell", min_length=1, max_length=150)
    description: str = Field(default="Thoughts, notes and code.", max_length=500)
    logo: str | None = None
    icon: str | None = None
    cover_image: str | None = None
    accent_color: str = "#0b6bcb"
    timezone: str = "Etc/UTC"
    locale: str = "en"
    posts_per_page: int = Field(default=10, ge=1, le=100)
    permalink: str = DEFAULT_PATTERN
    navigation: list[NavigationItem] = Field(
        default_factory=lambda: [NavigationItem(label="Home", url="/")]
    )
    secondary_navigation: list[NavigationItem] = Field(default_factory=list)
    outbound_link_tagging: bool = True
    code_theme_light: str = "default"
    code_theme_dark: str = "monokai"
    twitter: str | None = None
    facebook: str | None = None

    @field_validator("accent_color")
    @classmethod
    def _hex_colour(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("must be a colour such as #0b6bcb")
        return value.lower()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError(f"unknown time zone {value!r}")
        return value

    @field_validator("permalink")
    @classmethod
    def _pattern(cls, value: str) -> str:
        try:
            return validate_pattern(value)
        except PatternError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("code_theme_light", "code_theme_dark")
    @classmethod
    def _pygments_style(cls, value: str) -> str:
        from pygments.styles import get_all_styles

        if value not in set(get_all_styles()):
            raise ValueError(f"unknown code highlight style {value!r}")
        return value


# Settings whose change means every post's stored HTML must be rendered again (the content
# service's ``update_settings`` does it in the same transaction).
RENDER_KEYS = frozenset({"outbound_link_tagging"})


class SettingsInputError(ValueError):
    """A site setting was refused; the message names it."""


async def load(session: AsyncSession) -> SiteSettings:
    """The site settings: stored values over defaults."""
    rows = (await session.execute(select(Setting))).scalars().all()
    stored = {row.key: row.value for row in rows if row.key in SiteSettings.model_fields}
    return SiteSettings.model_validate(stored)


_remembered = changes.UntilChanged(max_entries=8, tags=["settings"])


async def load_cached(session: AsyncSession) -> SiteSettings:
    """The site settings, read from the database only when content changed since last time.

    Every public request needs them; the change signal (one ``stat``) says when to read again.
    The returned object is shared: treat it as read-only.
    """
    if changes.pending(session):
        return await load(session)
    remembered = _remembered.begin(changes.url_of(session))
    site = remembered.get("site")
    if site is None:
        site = remembered["site"] = await load(session)
    return site


async def update(session: AsyncSession, wanted: dict[str, Any]) -> tuple[SiteSettings, set[str]]:
    """Validate and store ``wanted``; return the new settings and the keys that changed.

    Stored HTML is not rendered again here: use the content service's ``update_settings``.
    """
    current = await load(session)
    merged = current.model_dump() | wanted
    try:
        # Strict: ``true`` is not a number of posts per page, nor ``1`` a yes.
        updated = SiteSettings.model_validate(merged, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "?"
        message = first["msg"].removeprefix("Value error, ")
        raise SettingsInputError(f"setting {key}: {message}") from None
    dumped = updated.model_dump(mode="json")
    before = current.model_dump(mode="json")
    changed = {key for key in wanted if dumped[key] != before[key]}
    for key in changed:
        await session.merge(Setting(key=key, value=dumped[key]))
    await session.flush()
    if changed:
        events.emit(session, "settings.changed", None, keys=sorted(changed))
    return updated, changed
