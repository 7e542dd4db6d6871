"""The ``inkwell`` command: the Typer root gathering every feature's commands."""

from __future__ import annotations

import typer

from inkwell import __version__
from inkwell.content import commands as content_commands
from inkwell.core import commands as core_commands
from inkwell.static_export import commands as static_export_commands

app = typer.Typer(
    name="inkwell",
    help="Inkwell: a self-hosted publishing platform for technical writers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
core_commands.register(app)
content_commands.register(app)
static_export_commands.register(app)


def _mount_importers() -> None:
    from inkwell.importers.commands import app as import_app

    app.add_typer(import_app, name="import", help="Import posts from a feed or a Markdown folder.")


_mount_importers()


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(f"Inkwell {__version__}")
        raise typer.Exit()


def main() -> None:
    """Console-script entry point."""
    app()
