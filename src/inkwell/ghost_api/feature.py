"""What the Ghost APIs add to Inkwell: integrations, the Content and Admin APIs, webhooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inkwell.core.features import Feature
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer


def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads the exporter.
    from inkwell.ghost_api import export_command

    export_command.register(root)


feature = Feature[Settings](
    name="ghost_api", models=("inkwell.ghost_api.models",), commands=_commands
)
