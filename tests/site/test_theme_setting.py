"""Choosing a theme with INKWELL_THEME: bundled name, a folder, or a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.settings import Settings
from inkwell.site.theme import ThemeError


@pytest.fixture
def custom_theme(tmp_path: Path) -> Path:
    """A theme that overrides the home page and brings its own stylesheet."""
    folder = tmp_path / "plain"
    (folder / "templates").mkdir(parents=True)
    (folder / "assets").mkdir()
    (folder / "templates" / "index.html").write_text(
        "<!DOCTYPE html><title>{{ meta.title }}</title>"
        "<link rel=stylesheet href=\"{{ asset_url('plain.css') }}\"><p>Plain theme home</p>"
    )
    (folder / "assets" / "plain.css").write_text("body { color: black }")
    return folder


async def get(settings: Settings, path: str) -> tuple[int, str]:
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://blog.test") as http,
    ):
        response = await http.get(path)
        return response.status_code, response.text


async def test_bundled_theme_by_name(settings: Settings, site_database: Database) -> None:
    status, text = await get(settings.model_copy(update={"theme": "default"}), "/")
    assert status == 200
    assert "site-header" in text


async def test_theme_folder_by_path(
    settings: Settings, custom_theme: Path, site_database: Database
) -> None:
    status, text = await get(settings.model_copy(update={"theme": str(custom_theme)}), "/")
    assert status == 200
    assert "Plain theme home" in text
    assert "/assets/plain.css?v=" in text


async def test_theme_folder_serves_its_assets(
    settings: Settings, custom_theme: Path, site_database: Database
) -> None:
    status, text = await get(
        settings.model_copy(update={"theme": str(custom_theme)}), "/assets/plain.css"
    )
    assert status == 200
    assert text == "body { color: black }"


async def test_theme_folder_falls_back_to_default_templates(
    settings: Settings, custom_theme: Path, site_database: Database
) -> None:
    status, text = await get(settings.model_copy(update={"theme": str(custom_theme)}), "/missing/")
    assert status == 404
    assert "Page not found" in text


def test_unknown_theme_fails_at_app_creation(settings: Settings) -> None:
    with pytest.raises(ThemeError, match="INKWELL_THEME"):
        create_app(settings.model_copy(update={"theme": "no-such-theme"}))


def test_folder_without_templates_is_refused(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match="templates"):
        create_app(settings.model_copy(update={"theme": str(tmp_path)}))
