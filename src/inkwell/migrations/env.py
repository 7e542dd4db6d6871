"""Alembic environment: async engine, batch mode on SQLite, all feature models loaded."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from inkwell.core.db import Base, make_engine
from inkwell.features import load_all_models
from inkwell.search.sqlite_index import is_index_table

load_all_models()
config = context.config
target_metadata = Base.metadata


def _modelled(name: str | None, type_: str, parents: object) -> bool:
    # Search's FTS5 tables (and their shadow tables) are made by hand in its migration: no
    # model describes them, so autogenerate must not offer to drop them.
    return not (type_ == "table" and name is not None and is_index_table(name))


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    async with engine.connect() as connection:
        await connection.run_sync(_configure)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
