"""Stairway test: each revision upgrades, downgrades and upgrades again, on both databases."""

from __future__ import annotations

import asyncio

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from inkwell.core.migrate import all_revisions, downgrade, head_revision, upgrade


async def table_names(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))
    finally:
        await engine.dispose()


async def test_each_revision_goes_up_down_and_up_again(empty_url: str) -> None:
    previous = "base"
    for revision in all_revisions():
        await asyncio.to_thread(upgrade, empty_url, revision)
        await asyncio.to_thread(downgrade, empty_url, previous)
        await asyncio.to_thread(upgrade, empty_url, revision)
        previous = revision
    assert previous == head_revision()


async def test_downgrade_to_base_leaves_only_alembics_table(empty_url: str) -> None:
    await asyncio.to_thread(upgrade, empty_url)
    assert "posts" in await table_names(empty_url)
    await asyncio.to_thread(downgrade, empty_url, "base")
    assert await table_names(empty_url) == {"alembic_version"}


async def test_migrations_match_the_models(empty_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from inkwell.core.db import Base
    from inkwell.search.sqlite_index import is_index_table

    def modelled(name: str | None, type_: str, parents: object) -> bool:
        # The FTS5 tables (and their shadow tables) are made by hand: no model describes them.
        return not (type_ == "table" and name is not None and is_index_table(name))

    await asyncio.to_thread(upgrade, empty_url)
    engine = create_async_engine(empty_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"include_name": modelled}),
                    Base.metadata,
                )
            )
    finally:
        await engine.dispose()
    assert diff == []
