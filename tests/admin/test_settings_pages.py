"""The settings form: a round trip through the content service, refusals next to the field."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.admin.conftest import Staffer

VALID: dict[str, Any] = {
    "title": "Field notes",
    "description": "Small findings.",
    "accent_color": "#aa3300",
    "permalink": "/{slug}/",
    "timezone": "Europe/Berlin",
    "posts_per_page": "7",
    "outbound_link_tagging": "1",
    "code_theme_light": "friendly",
    "code_theme_dark": "monokai",
    "nav_label": ["Home", "Archive", ""],
    "nav_url": ["/", "/archive/", ""],
}


async def test_the_settings_form_shows_every_setting(owner: Staffer) -> None:
    page = await owner.get("/admin/settings/")
    for label in (
        "Site title",
        "Description",
        "Logo URL",
        "Icon URL",
        "Accent colour",
        "Permalink pattern",
        "Time zone",
        "Posts per page",
        "Theme",
    ):
        assert f">{label}</label>" in page.text
    assert "INKWELL_THEME" in page.text


async def test_saved_settings_come_back_in_the_form(owner: Staffer) -> None:
    answer = await owner.post("/admin/settings/", VALID)
    assert answer.headers["location"] == "/admin/settings/?done=settings"
    page = await owner.get("/admin/settings/")
    assert 'value="Field notes"' in page.text
    assert 'value="#aa3300"' in page.text
    assert "<option selected>Europe/Berlin</option>" in page.text
    assert 'value="/archive/"' in page.text


async def test_saved_settings_show_on_the_site(owner: Staffer, anonymous: AsyncClient) -> None:
    await owner.post("/admin/settings/", VALID)
    home = await anonymous.get("/")
    assert "Field notes" in home.text
    assert '/archive/">Archive</a>' in home.text


async def test_a_bad_colour_is_named_and_nothing_is_stored(owner: Staffer) -> None:
    answer = await owner.post("/admin/settings/", {**VALID, "accent_color": "blue"})
    assert answer.status_code == 422
    assert '<p class="field-error" id="accent_color-error">' in answer.text
    assert 'value="Field notes"' in answer.text  # what was typed is kept
    page = await owner.get("/admin/settings/")
    assert 'value="Inkwell"' in page.text


async def test_an_unknown_code_style_is_refused(owner: Staffer) -> None:
    answer = await owner.post("/admin/settings/", {**VALID, "code_theme_dark": "no-such-style"})
    assert answer.status_code == 422
    assert 'id="code_theme_dark-error"' in answer.text
