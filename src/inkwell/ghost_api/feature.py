"""What the Ghost APIs add to Inkwell: integrations, the Content and Admin APIs, webhooks."""

from __future__ import annotations

from fastapi import FastAPI

from inkwell.core.features import Feature
from inkwell.settings import Settings


def _install(app: FastAPI, settings: Settings) -> None:
    from inkwell.ghost_api.admin_api import routes as admin_api  # noqa: PLC0415

    admin_api.install(app, settings)


feature = Feature[Settings](
    name="ghost_api", models=("inkwell.ghost_api.models",), install=_install
)
