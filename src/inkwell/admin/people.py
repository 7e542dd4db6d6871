"""The staff as the admin's forms list them (authors to choose, the author filter)."""

from __future__ import annotations

from dataclasses import dataclass

from inkwell.accounts import service as accounts
from inkwell.admin.context import AdminContext


@dataclass(frozen=True)
class Person:
    """A staff member as an option: user id, profile slug, name."""

    id: str
    slug: str
    name: str


async def staff(ctx: AdminContext) -> list[Person]:
    """Every staff member, by name."""
    owner = await accounts.get_owner(ctx.session)
    return [] if owner is None else [Person(owner.id, owner.slug, owner.name)]
