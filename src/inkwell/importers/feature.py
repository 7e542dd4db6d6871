"""What the importers add to Inkwell: ``inkwell import rss`` and ``inkwell import markdown``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inkwell.core.features import Feature
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer


def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built: a web worker never loads the importers.
    from inkwell.importers.commands import app

    root.add_typer(
        app,
        name="import",
        help="Import posts from a feed, a Markdown folder or a Ghost export, and comments.",
    )


feature = Feature[Settings](
    name="importers",
    commands=_commands,
    importers=("rss", "markdown", "ghost", "disqus", "isso", "remark42"),
)
