"""Media over HTTP: the ``/content/images/`` files (and variants) for everyone."""

from __future__ import annotations

from fastapi import FastAPI

from inkwell.media.files import MediaFiles
from inkwell.settings import Settings


def install(app: FastAPI, settings: Settings) -> None:
    """Serve the media folder at ``/content/images`` (it is created when missing)."""
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    files = MediaFiles(settings.media_dir, settings.max_image_pixels)
    app.mount("/content/images", files, name="media")
