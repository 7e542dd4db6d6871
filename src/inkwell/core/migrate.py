"""Schema migrations (Alembic, shipped inside the package) as plain, synchronous functions.

Each call runs its own event loop (Alembic's env and the PostgreSQL revision check use
``asyncio.run``), so call them from synchronous code, before the app's loop starts: the CLI
migrates once before serving, and the web workers never migrate.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """An Alembic config pointing at the packaged migrations and ``database_url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser treats % as interpolation: escape it (URL-encoded passwords contain it).
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Apply migrations up to ``revision``."""
    from inkwell.core.db import ensure_sqlite_folder

    if database_url.startswith("sqlite"):
        ensure_sqlite_folder(database_url)
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    """Revert migrations down to ``revision`` (``base`` for an empty schema)."""
    command.downgrade(alembic_config(database_url), revision)


def head_revision() -> str | None:
    """The newest revision shipped with this version of Inkwell."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def all_revisions() -> list[str]:
    """Every shipped revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(database_url: str) -> str | None:
    """The revision the database is at (None when it has no schema yet)."""
    url = make_url(database_url)
    sync_driver = {"sqlite+aiosqlite": "sqlite", "postgresql+asyncpg": "postgresql+psycopg"}
    if url.drivername.startswith("postgresql"):
        return _current_revision_async(database_url)
    engine = create_engine(url.set(drivername=sync_driver.get(url.drivername, url.drivername)))
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def _current_revision_async(database_url: str) -> str | None:
    import asyncio

    from sqlalchemy.ext.asyncio import create_async_engine

    async def read() -> str | None:
        engine = create_async_engine(database_url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(
                    lambda sync: MigrationContext.configure(sync).get_current_revision()
                )
        finally:
            await engine.dispose()

    return asyncio.run(read())
