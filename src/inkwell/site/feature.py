"""What the public site adds to Inkwell: its routes, theme assets and the fallback resolver."""

from __future__ import annotations

from fastapi import FastAPI

from inkwell.core.features import Feature
from inkwell.settings import Settings


def _install(app: FastAPI, settings: Settings) -> None:
    # Imported when an application is built, not when the command line starts.
    from inkwell.site.routes import install

    install(app, settings)


feature = Feature[Settings](name="site", install=_install)
