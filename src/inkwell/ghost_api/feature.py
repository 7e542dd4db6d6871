"""What the Ghost APIs add to Inkwell: integrations, the Content and Admin APIs, webhooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inkwell.core.features import Feature
from inkwell.ghost_api import deliveries
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer
    from fastapi import FastAPI


def _install(app: FastAPI, settings: Settings) -> None:
    from starlette.requests import Request
    from starlette.responses import Response

    from inkwell.ghost_api import errors, openapi
    from inkwell.ghost_api.content_api.responses import CONTENT_VERSION
    from inkwell.ghost_api.content_api.routes import router as content_api

    async def ghost_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, errors.GhostError)
        # The APIs say which version answered, refusals included (as Ghost does).
        api = request.url.path.startswith("/ghost/api/")
        return errors.error_response(exc, {"Content-Version": CONTENT_VERSION} if api else None)

    # Every refusal of the Ghost APIs (authentication included) answers in Ghost's shape.
    app.add_exception_handler(errors.GhostError, ghost_error)
    app.include_router(openapi.router)
    app.include_router(content_api)

    from inkwell.ghost_api.admin_api import routes as admin_api

    admin_api.install(app, settings)


def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads them.
    from inkwell.ghost_api import commands, export_command

    commands.register(root)
    export_command.register(root)


feature = Feature[Settings](
    name="ghost_api",
    install=_install,
    commands=_commands,
    models=("inkwell.ghost_api.models",),
    jobs=deliveries.JOBS,
)
