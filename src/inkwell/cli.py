"""The ``inkwell`` command: the process commands, then each feature's, from the registry."""

from __future__ import annotations

import typer

from inkwell import __version__, commands
from inkwell.core.features import Registry
from inkwell.features import registry
from inkwell.settings import Settings


def build_cli(features: Registry[Settings]) -> typer.Typer:
    """The Typer root: ``serve``, ``migrate``, ``doctor`` and every feature's commands."""
    root = typer.Typer(
        name="inkwell",
        help="Inkwell: a self-hosted publishing platform for technical writers.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    root.callback(invoke_without_command=True)(_root)
    commands.register(root)
    features.add_commands(root)
    return root


def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(f"Inkwell {__version__}")
        raise typer.Exit()


app = build_cli(registry())


def main() -> None:
    """Console-script entry point."""
    app()
