"""What the static export adds to Inkwell: ``inkwell build``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inkwell.core.features import Feature
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer


def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads the exporter.
    from inkwell.static_export import commands

    commands.register(root)


feature = Feature[Settings](name="static_export", commands=_commands)
