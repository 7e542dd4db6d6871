"""The ``inkwell`` command: the process commands, then each feature's, from the registry."""

from __future__ import annotations

from functools import cache

import typer

from inkwell import __version__, commands
from inkwell.core.cli import fail
from inkwell.core.features import Registry, RegistryError
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


@cache
def _app() -> typer.Typer:
    return build_cli(registry())


def __getattr__(name: str) -> typer.Typer:
    # ``inkwell.cli.app`` is built on first use, so that a broken plug-in fails in ``main``
    # with one line rather than at import with a traceback.
    if name == "app":
        return _app()
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    try:
        cli = _app()
    except RegistryError as exc:
        fail(str(exc))
    cli()
