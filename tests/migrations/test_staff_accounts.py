"""Revision 0003: staff credentials and roles move from ``users`` to ``staff_accounts`` and back."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from inkwell.core.migrate import downgrade, upgrade

NOW = datetime(2026, 1, 2, tzinfo=UTC)


async def execute(url: str, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        await engine.dispose()


async def add_user(url: str, user_id: str, password_hash: str | None, role: str) -> None:
    await execute(
        url,
        "INSERT INTO users (id, name, slug, email, password_hash, role, created_at, updated_at) "
        "VALUES (:id, :id, :id, NULL, :hash, :role, :now, :now)",
        id=user_id,
        hash=password_hash,
        role=role,
        now=NOW,
    )


async def test_upgrade_gives_staff_with_a_password_an_account(empty_url: str) -> None:
    await asyncio.to_thread(upgrade, empty_url, "0002")
    await add_user(empty_url, "owner", "hash-1", "owner")
    await add_user(empty_url, "imported", None, "author")
    await asyncio.to_thread(upgrade, empty_url, "0003")
    rows = await execute(empty_url, "SELECT user_id, password_hash, role FROM staff_accounts")
    assert rows == [("owner", "hash-1", "owner")]
    users = await execute(empty_url, "SELECT id FROM users ORDER BY id")
    assert users == [("imported",), ("owner",)]


async def test_downgrade_puts_credentials_and_roles_back_on_users(empty_url: str) -> None:
    await asyncio.to_thread(upgrade, empty_url, "0002")
    await add_user(empty_url, "editor", "hash-2", "editor")
    await add_user(empty_url, "imported", None, "author")
    await asyncio.to_thread(upgrade, empty_url, "0003")
    await asyncio.to_thread(downgrade, empty_url, "0002")
    rows = await execute(empty_url, "SELECT id, password_hash, role FROM users ORDER BY id")
    assert rows == [("editor", "hash-2", "editor"), ("imported", None, "author")]
