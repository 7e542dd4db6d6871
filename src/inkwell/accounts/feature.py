"""What accounts adds to Inkwell: its table, ``inkwell user``, and the owner on first start.

Each part is imported when used, so that a web worker does not load the command line's modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.features import Feature
from inkwell.settings import Settings

if TYPE_CHECKING:
    import typer


def _commands(root: typer.Typer) -> None:
    from inkwell.accounts import commands

    commands.register(root)


async def ensure_owner(session: AsyncSession, settings: Settings) -> list[str]:
    """First start: the owner account (see ``accounts.service.ensure_owner``)."""
    from inkwell.accounts import service

    return await service.ensure_owner(session, settings)


feature = Feature[Settings](
    name="accounts",
    commands=_commands,
    # The rate-limit table is core's (it knows no feature); sign-in is its first user.
    models=("inkwell.accounts.models", "inkwell.core.ratelimit"),
    startup=(ensure_owner,),
)
