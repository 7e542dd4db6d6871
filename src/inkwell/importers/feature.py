"""What the importers add to Inkwell: ``inkwell import rss`` and ``inkwell import markdown``."""

from __future__ import annotations

import typer

from inkwell.core.features import Feature
from inkwell.importers.commands import app
from inkwell.settings import Settings


def _commands(root: typer.Typer) -> None:
    root.add_typer(app, name="import", help="Import posts from a feed or a Markdown folder.")


feature = Feature[Settings](name="importers", commands=_commands, importers=("rss", "markdown"))
