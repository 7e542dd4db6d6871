"""What search adds to Inkwell: its table, the index kept current with every write, and the
``inkwell search`` commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inkwell.core import events
from inkwell.core.features import Feature
from inkwell.search import service
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer

# Before the commit, not after: the index is written in the transaction that changed the posts.
events.subscribe_before_commit("*", service.follow_changes)


def _commands(root: typer.Typer) -> None:
    # Imported when the command line is built, not by web workers.
    from inkwell.search.commands import register

    register(root)


feature: Feature[Settings] = Feature(
    name="search",
    commands=_commands,
    models=("inkwell.search.models",),
    startup=(service.ensure_built,),
)
