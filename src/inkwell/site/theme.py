"""Themes: a folder with ``templates/`` (Jinja2) and ``assets/`` (CSS, images, fonts).

``Settings.theme`` names a bundled theme (a folder under ``site/themes/``) or gives a path to a
theme folder. Templates and assets a theme lacks are taken from the default theme, so a theme may
override only what it changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

BUNDLED_THEMES = Path(__file__).resolve().parent / "themes"
DEFAULT_THEME = BUNDLED_THEMES / "default"


class ThemeError(ValueError):
    """The configured theme cannot be used; the message names INKWELL_THEME."""


def resolve_theme_folder(name_or_path: str) -> Path:
    """The folder of the theme ``name_or_path``: a bundled name first, else a filesystem path."""
    value = name_or_path.strip()
    if not value:
        raise ThemeError("INKWELL_THEME is empty: use a bundled theme name such as 'default'")
    bundled = BUNDLED_THEMES / value
    candidate = bundled if "/" not in value and bundled.is_dir() else Path(value).expanduser()
    if not candidate.is_dir():
        known = ", ".join(sorted(p.name for p in BUNDLED_THEMES.iterdir() if p.is_dir()))
        raise ThemeError(
            f"INKWELL_THEME={value!r} is neither a bundled theme ({known}) nor a folder"
        )
    if not (candidate / "templates").is_dir():
        raise ThemeError(f"INKWELL_THEME={value!r}: the folder has no templates/ subfolder")
    return candidate.resolve()


@dataclass
class Theme:
    """A loaded theme: its Jinja2 environment and versioned asset URLs."""

    folder: Path
    env: Environment = field(init=False)
    # Asset path -> (mtime_ns, size, short hash): recomputed only when the file changes.
    _versions: dict[str, tuple[int, int, str]] = field(default_factory=dict, init=False)
    _found: dict[str, Path | None] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        folders = [self.folder / "templates"]
        if self.folder != DEFAULT_THEME:
            folders.append(DEFAULT_THEME / "templates")
        self.env = Environment(
            loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]),
            autoescape=True,
            # Strict: a typo in a template is a loud error (a themed 500), not silent blank text.
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=True,
        )
        self.env.globals["asset_url"] = self.asset_url

    @property
    def name(self) -> str:
        """The theme folder's name."""
        return self.folder.name

    @property
    def asset_folders(self) -> list[Path]:
        """Where ``/assets/`` files are looked up, the theme's own first."""
        folders = [self.folder / "assets"]
        if self.folder != DEFAULT_THEME:
            folders.append(DEFAULT_THEME / "assets")
        return [f for f in folders if f.is_dir()]

    def find_asset(self, path: str) -> Path | None:
        """The file behind ``/assets/{path}``, or None (never outside the asset folders)."""
        # Templates ask for the same few assets on every page: resolve each path once.
        if path in self._found:
            return self._found[path]
        self._found[path] = found = self._look_up(path)
        return found

    def _look_up(self, path: str) -> Path | None:
        for folder in self.asset_folders:
            candidate = (folder / path).resolve()
            if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
                return candidate
        return None

    def asset_url(self, path: str) -> str:
        """``/assets/{path}?v=<hash>``: the hash changes with the file, so caches can keep it."""
        path = path.lstrip("/")
        file = self.find_asset(path)
        if file is None:
            return f"/assets/{path}"
        stat = file.stat()
        cached = self._versions.get(path)
        if cached is None or cached[:2] != (stat.st_mtime_ns, stat.st_size):
            digest = hashlib.sha256(file.read_bytes()).hexdigest()[:10]
            cached = (stat.st_mtime_ns, stat.st_size, digest)
            self._versions[path] = cached
        return f"/assets/{path}?v={cached[2]}"

    def render(self, template: str, context: dict[str, Any]) -> str:
        """Render ``template`` with ``context``."""
        return self.env.get_template(template).render(context)


def load_theme(name_or_path: str) -> Theme:
    """Load the theme the setting names, or raise ThemeError saying what is wrong."""
    return Theme(resolve_theme_folder(name_or_path))
