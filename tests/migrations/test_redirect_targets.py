"""Revision 0007: imported redirects keep working; custom ones leave on downgrade."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
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


async def add_post_with_old_path(url: str) -> None:
    await execute(
        url,
        "INSERT INTO posts (id, uuid, type, title, slug, status, source_format, source, "
        "source_trusted, html, plaintext_excerpt, featured, created_at, updated_at, "
        "reading_time, render_version) VALUES ('p1', 'u1', 'post', 'T', 't', 'published', "
        "'markdown', '', :yes, '', '', :no, :now, :now, 0, 0)",
        yes=True,
        no=False,
        now=NOW,
    )
    await execute(url, "INSERT INTO redirects (from_path, post_id) VALUES ('/old/', 'p1')")


async def test_upgrade_keeps_imported_redirects_as_permanent_post_redirects(
    empty_url: str,
) -> None:
    await asyncio.to_thread(upgrade, empty_url, "0006")
    await add_post_with_old_path(empty_url)
    await asyncio.to_thread(upgrade, empty_url, "0007")
    rows = await execute(
        empty_url,
        "SELECT from_path, post_id, to_url, status_code, created_at IS NOT NULL FROM redirects",
    )
    assert rows == [("/old/", "p1", None, 301, True)]


async def test_downgrade_drops_only_redirects_without_a_post(empty_url: str) -> None:
    await asyncio.to_thread(upgrade, empty_url, "0006")
    await add_post_with_old_path(empty_url)
    await asyncio.to_thread(upgrade, empty_url, "0007")
    await execute(
        empty_url,
        "INSERT INTO redirects (from_path, to_url, status_code, created_at) "
        "VALUES ('/elsewhere/', 'https://example.com/', 302, :now)",
        now=NOW,
    )
    await asyncio.to_thread(downgrade, empty_url, "0006")
    assert await execute(empty_url, "SELECT from_path, post_id FROM redirects") == [("/old/", "p1")]


async def test_a_redirect_needs_exactly_one_target(empty_url: str) -> None:
    await asyncio.to_thread(upgrade, empty_url, "0007")
    with pytest.raises(IntegrityError):
        await execute(
            empty_url,
            "INSERT INTO redirects (from_path, status_code, created_at) VALUES ('/x/', 301, :now)",
            now=NOW,
        )
