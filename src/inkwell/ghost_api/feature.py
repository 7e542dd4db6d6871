"""What the Ghost APIs add to Inkwell: integrations, the Content and Admin APIs, webhooks."""

from __future__ import annotations

from fastapi import FastAPI

from inkwell.core.features import Feature
from inkwell.settings import Settings


def _install(app: FastAPI, settings: Settings) -> None:
    # Imported when an application is built, not when the command line starts.
    from inkwell.ghost_api import openapi

    app.include_router(openapi.router)


feature = Feature[Settings](
    name="ghost_api", install=_install, models=("inkwell.ghost_api.models",)
)
