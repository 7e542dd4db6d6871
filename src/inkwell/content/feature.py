"""What content adds to Inkwell: posts, pages, tags, profiles; demo content on first start;
``inkwell settings``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.features import Feature
from inkwell.render.card_kinds import CARD_KINDS
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer


def _commands(root: typer.Typer) -> None:
    # Imported when run: a web worker never loads the command line.
    from inkwell.content import commands

    commands.register(root)


async def ensure_demo_content(session: AsyncSession, settings: Settings) -> list[str]:
    """First start: demo content on an empty site (see ``content.bootstrap``)."""
    # Imported when run: a web worker never needs the demo posts and images.
    from inkwell.content import bootstrap

    return await bootstrap.ensure_demo_content(session, settings)


feature = Feature[Settings](
    name="content",
    commands=_commands,
    models=("inkwell.content.models",),
    startup=(ensure_demo_content,),
    # Posts are written in Markdown whose card syntax render turns into Ghost's card HTML.
    card_kinds=CARD_KINDS,
)
