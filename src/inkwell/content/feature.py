"""What content adds to Inkwell: posts, pages, tags, profiles; demo content on first start;
``inkwell settings``; scheduled posts published when their time comes."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.features import Feature, ScheduledTask
from inkwell.core.jobs import JobContext
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


logger = logging.getLogger("inkwell.content")


async def publish_due(context: JobContext, args: Mapping[str, Any]) -> None:
    """Job: publish the posts whose scheduled time has come (idempotent: a second run finds
    none)."""
    from inkwell.content import service

    async with context.database.session(write=True) as session:
        published = await service.publish_due_posts(session)
    if published:
        logger.info("published %d scheduled post(s): %s", len(published), ", ".join(published))


feature = Feature[Settings](
    name="content",
    commands=_commands,
    models=("inkwell.content.models",),
    startup=(ensure_demo_content,),
    # Posts are written in Markdown whose card syntax render turns into Ghost's card HTML.
    card_kinds=CARD_KINDS,
    jobs={"content.publish_due": publish_due},
    # Every 20 s, so a scheduled post goes out within a minute of its time (and at start).
    scheduled=(ScheduledTask("publish-scheduled", "content.publish_due", timedelta(seconds=20)),),
)
