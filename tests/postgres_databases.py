"""Scratch PostgreSQL databases: create one with a unique name, drop it afterwards.

Plain functions without pytest, so that the test fixtures (``tests/conftest.py``) and the
benchmark (``bench/databases.py``) make and drop their databases the same way.
"""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine


async def create_postgres_database(admin_url: str, prefix: str = "inkwell_test") -> str:
    """Create an empty, uniquely named database on the server and return its URL.

    ``admin_url``: an async URL (``postgresql+asyncpg://``) of a role allowed to create one."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(admin_url: str, database_url: str) -> None:
    """Drop a database made by create_postgres_database.

    FORCE ends the test's own connections, but an autovacuum worker (the superuser's) busy in
    the new database cannot be ended by our role: PostgreSQL refuses, and a moment later the
    worker is gone. So a refusal is tried again a few times.
    """
    name = make_url(database_url).database
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        for attempt in range(10):
            try:
                async with engine.connect() as conn:
                    await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError as exc:
                if "pg_signal_backend" not in str(exc) or attempt == 9:
                    raise
                await asyncio.sleep(0.5)
    finally:
        await engine.dispose()
