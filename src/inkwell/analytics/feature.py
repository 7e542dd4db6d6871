"""What analytics adds to Inkwell: its tables, the collection endpoints, the jobs that roll up
and expire events and discard salts, and the ``inkwell analytics`` commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inkwell.core.features import Feature
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer


# --- commands: `inkwell analytics key | import | export`
def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads it.
    from inkwell.analytics.commands import register

    register(root)


# --- end commands

feature = Feature[Settings](
    name="analytics",
    models=("inkwell.analytics.models",),
    commands=_commands,
)
