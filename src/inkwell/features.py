"""The features this Inkwell is made of: the built-in ones, then any installed plug-in.

Built-in features are listed here as entry-point references and loaded exactly as an installed
plug-in's ``inkwell.features`` entry point is. Their order is the order of every walk: accounts
first (the owner exists before demo content is attributed to it), the public site last (its
fallback resolver answers whatever no other feature's route matched).
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import cast

from inkwell.core.db import Database
from inkwell.core.features import Feature, Registry, load_features
from inkwell.settings import Settings

ENTRY_POINT_GROUP = "inkwell.features"

BUILTIN_FEATURES = (
    "inkwell.accounts.feature:feature",
    "inkwell.content.feature:feature",
    "inkwell.importers.feature:feature",
    "inkwell.static_export.feature:feature",
    "inkwell.media.feature:feature",
    "inkwell.ghost_api.feature:feature",
    "inkwell.comments.feature:feature",
    "inkwell.analytics.feature:feature",
    "inkwell.search.feature:feature",
    "inkwell.admin.feature:feature",
    "inkwell.site.feature:feature",
)

InkwellFeature = Feature[Settings]
"""What a plug-in publishes under the ``inkwell.features`` entry-point group."""


def build_registry(*, discover: bool = True) -> Registry[Settings]:
    """A registry of the built-in features, plus the installed plug-ins when ``discover``."""
    features = load_features(BUILTIN_FEATURES, ENTRY_POINT_GROUP, discover=discover)
    return Registry(cast(list[InkwellFeature], features))


@cache
def registry() -> Registry[Settings]:
    """The registry of this process, built once."""
    return build_registry()


def load_all_models() -> None:
    """Import every feature's models (for Alembic and the tests' ``create_all``)."""
    registry().load_models()


async def first_start_async(
    database: Database, settings: Settings, features: Registry[Settings] | None = None
) -> list[str]:
    """Every feature's first-start steps, in one transaction; the lines to show once."""
    async with database.session(write=True) as session:
        return await (features or registry()).first_start(session, settings)


def first_start(settings: Settings) -> list[str]:
    """``first_start_async`` from sync code (the CLI), on an already migrated database."""

    async def main() -> list[str]:
        database = Database(settings.database_url)
        try:
            return await first_start_async(database, settings)
        finally:
            await database.dispose()

    return asyncio.run(main())
