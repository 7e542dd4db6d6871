"""A feature's own settings: a pydantic model of every setting with its default, stored as one
JSON row per changed key in the feature's key/value table, read as one object.

Comments and analytics keep their settings this way. A stored value today's rules refuse (saved
before a rule was added) falls back to its default with a warning, rather than failing every
request; an update is validated strictly and stores nothing when one field is refused.
"""

from __future__ import annotations

import logging
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core import changes, events

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)


class SettingsError(ValueError):
    """A setting was refused; the message names it (``field``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"setting {field}: {message}")
        self.field = field


class SettingsStore(Generic[M]):
    """Load and update the ``model`` settings kept in ``table`` rows.

    ``prefix`` names the feature in the ``settings.changed`` event (``comments.enabled``), which
    drops every cached page. ``table`` is a mapped class with ``key`` (primary key) and
    ``value`` (JSON) columns. ``error`` is the exception an update raises (a SettingsError).
    """

    def __init__(
        self,
        model: type[M],
        table: type[Any],
        prefix: str,
        error: type[SettingsError] = SettingsError,
    ) -> None:
        self.model = model
        self.table = table
        self.prefix = prefix
        self.error = error
        self._remembered = changes.UntilChanged(max_entries=8, tags=["settings"])

    async def load(self, session: AsyncSession) -> M:
        """The settings: stored values over defaults."""
        rows = (await session.execute(select(self.table))).scalars().all()
        fields = self.model.model_fields
        stored = {row.key: row.value for row in rows if row.key in fields}
        try:
            return self.model.model_validate(stored)
        except ValidationError as exc:
            refused = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
            log.warning(
                "%s settings %s refused: defaults used", self.prefix, ", ".join(sorted(refused))
            )
            kept = {key: value for key, value in stored.items() if key not in refused}
            return self.model.model_validate(kept)

    async def load_cached(self, session: AsyncSession) -> M:
        """The settings, read again only after a settings change (shared: read-only)."""
        if changes.pending(session):
            return await self.load(session)
        remembered = self._remembered.begin(changes.url_of(session))
        found = remembered.get(self.prefix)
        if found is None:
            found = remembered[self.prefix] = await self.load(session)
        return found

    async def update(self, session: AsyncSession, wanted: dict[str, Any]) -> M:
        """Validate and store ``wanted`` (strictly: ``"1"`` is not a number); the new settings.

        Raises ``self.error`` naming the first refused field, storing nothing.
        """
        current = await self.load(session)
        unknown = sorted(set(wanted) - set(self.model.model_fields))
        if unknown:
            raise self.error(unknown[0], f"no such {self.prefix} setting")
        try:
            updated = self.model.model_validate(current.model_dump() | wanted, strict=True)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "?"
            raise self.error(field, first["msg"].removeprefix("Value error, ")) from None
        dumped = updated.model_dump(mode="json")
        before = current.model_dump(mode="json")
        changed = sorted(key for key in wanted if dumped[key] != before[key])
        for key in changed:
            await session.merge(self.table(key=key, value=dumped[key]))
        await session.flush()
        if changed:
            keys = [f"{self.prefix}.{key}" for key in changed]
            events.emit(session, "settings.changed", None, keys=keys)
        return updated
