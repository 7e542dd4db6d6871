"""The search index's FTS5 tables on SQLite: creating them, writing and deleting their rows.

``search_index`` (stemmed when the site's language is English, see ``sqlite_fts.stems``) and
``search_words`` (never stemmed, for prefixes) hold one row per ``search_documents`` row, with
its ``id`` as rowid. A trigger deletes both FTS rows whenever the document row goes, so the
``ON DELETE CASCADE`` from ``posts`` empties the FTS tables too.

Whether the index stems is fixed when its table is created: by the migration for the locale
stored then, and again by every ``reindex``, which recreates both tables for the locale of the
moment (which ``service`` does by itself when the locale changes).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from inkwell.search import sqlite_fts

INDEX_TABLE = "search_index"
WORDS_TABLE = "search_words"
_TRIGGER = "search_documents_drop_text"


def is_index_table(name: str) -> bool:
    """Whether ``name`` is one of the FTS5 tables (or their shadow tables): tables no model
    describes, which a comparison of the models with the database must leave aside."""
    return any(name == table or name.startswith(f"{table}_") for table in _TABLES)


_TABLES = (INDEX_TABLE, WORDS_TABLE)


def create_statements(*, stemmed: bool) -> list[str]:
    """The DDL creating both FTS5 tables and the trigger that follows document deletions."""
    return [
        sqlite_fts.create_table_sql(INDEX_TABLE, stemmed=stemmed),
        sqlite_fts.create_table_sql(WORDS_TABLE, stemmed=False),
        # Only this module's constant names are formatted in.
        f"CREATE TRIGGER {_TRIGGER} AFTER DELETE ON search_documents BEGIN "  # noqa: S608
        f"DELETE FROM {INDEX_TABLE} WHERE rowid = old.id; "
        f"DELETE FROM {WORDS_TABLE} WHERE rowid = old.id; END",
    ]


def drop_statements() -> list[str]:
    """The DDL dropping what ``create_statements`` made."""
    return [
        f"DROP TRIGGER IF EXISTS {_TRIGGER}",
        f"DROP TABLE IF EXISTS {WORDS_TABLE}",
        f"DROP TABLE IF EXISTS {INDEX_TABLE}",
    ]


async def recreate(connection: AsyncConnection | AsyncSession, *, stemmed: bool) -> None:
    """Drop and create the FTS5 tables (emptied, with the stemming asked for)."""
    for statement in [*drop_statements(), *create_statements(stemmed=stemmed)]:
        await connection.execute(text(statement))


async def write(session: AsyncSession, document_id: int, fields: Mapping[str, str]) -> None:
    """Store ``fields`` (``sqlite_fts.COLUMNS``, already ``index_text``) for ``document_id``."""
    columns = ", ".join(sqlite_fts.COLUMNS)
    values = ", ".join(f":{name}" for name in sqlite_fts.COLUMNS)
    for table in _TABLES:
        # FTS5 has no upsert: the old row goes first.
        await session.execute(
            text(f"DELETE FROM {table} WHERE rowid = :id"),  # noqa: S608 (constant names)
            {"id": document_id},
        )
        await session.execute(
            text(f"INSERT INTO {table} (rowid, {columns}) VALUES (:id, {values})"),  # noqa: S608
            {"id": document_id, **fields},
        )
