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
    """Every enabled staff member, most powerful role first, then by name."""
    members = await accounts.list_staff(ctx.session)
    return [Person(m.user_id, m.slug, m.name) for m in members if not m.disabled]
