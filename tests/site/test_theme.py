"""Unit tests of theme loading and asset versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkwell.site.theme import DEFAULT_THEME, Theme, ThemeError, load_theme, resolve_theme_folder


def test_bundled_theme_resolves_by_name() -> None:
    assert resolve_theme_folder("default") == DEFAULT_THEME.resolve()


def test_unknown_theme_names_the_setting() -> None:
    with pytest.raises(ThemeError, match=r"INKWELL_THEME='nope'.*default"):
        resolve_theme_folder("nope")


def test_empty_theme_setting_is_refused() -> None:
    with pytest.raises(ThemeError, match="INKWELL_THEME"):
        resolve_theme_folder("  ")


def test_asset_url_changes_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "assets").mkdir()
    css = tmp_path / "assets" / "a.css"
    css.write_text("a { color: red }")
    theme = Theme(tmp_path)
    first = theme.asset_url("a.css")
    css.write_text("a { color: blue; }")
    assert theme.asset_url("a.css") != first
    assert first.startswith("/assets/a.css?v=")


def test_asset_url_of_a_missing_file_has_no_version() -> None:
    assert load_theme("default").asset_url("nothing.css") == "/assets/nothing.css"


def test_find_asset_refuses_paths_outside_the_folder() -> None:
    assert load_theme("default").find_asset("../templates/base.html") is None


def test_theme_falls_back_to_default_assets(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    theme = Theme(tmp_path)
    assert theme.find_asset("css/screen.css") == (DEFAULT_THEME / "assets/css/screen.css").resolve()
