"""Site settings: defaults, validation with named errors, change tracking."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import site_settings


async def test_defaults_when_nothing_is_stored(session: AsyncSession) -> None:
    site = await site_settings.load(session)
    assert site.permalink == "/blog/{year}/{month}/{slug}/"
    assert site.posts_per_page == 10


async def test_update_stores_and_reports_changed_keys(session: AsyncSession) -> None:
    site, changed = await site_settings.update(session, {"title": "My Notes", "locale": "en"})
    assert site.title == "My Notes"
    assert changed == {"title"}
    assert (await site_settings.load(session)).title == "My Notes"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "setting timezone: unknown time zone"),
        ({"accent_color": "blue"}, "setting accent_color: must be a colour"),
        ({"permalink": "/{year}/"}, "setting permalink: a permalink pattern needs"),
        ({"posts_per_page": 0}, "setting posts_per_page"),
        ({"no_such_key": 1}, "setting no_such_key"),
        ({"code_theme_dark": "nope"}, "unknown code highlight style"),
        ({"posts_per_page": True}, "setting posts_per_page: Input should be a valid integer"),
        ({"outbound_link_tagging": 1}, "setting outbound_link_tagging"),
        ({"outbound_link_tagging": "yes"}, "setting outbound_link_tagging"),
    ],
)
async def test_bad_values_are_refused_and_nothing_is_stored(
    session: AsyncSession, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(site_settings.SettingsInputError, match=message):
        await site_settings.update(session, changes)
    assert await site_settings.load(session) == site_settings.SiteSettings()
