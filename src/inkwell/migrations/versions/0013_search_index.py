"""search: the full-text index of published public posts and pages

``search_documents`` on both databases (what results show and are filtered by; on PostgreSQL
also the stemmed and unstemmed tsvectors, with GIN indexes). On SQLite the text goes into two
FTS5 tables keyed by the document id, stemmed as the locale stored now asks; ``inkwell search
reindex`` recreates them for a later locale. The index starts empty: run that command once
after upgrading a site that has posts.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 21:30:00.000000
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import inkwell.core.db
from inkwell.search import sqlite_fts, sqlite_index

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _stored_locale() -> str:
    row = op.get_bind().execute(sa.text("SELECT value FROM settings WHERE key = 'locale'")).first()
    if row is None:
        return "en"
    value = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    return value if isinstance(value, str) and value else "en"


def upgrade() -> None:
    vector = postgresql.TSVECTOR().with_variant(sa.Text(), "sqlite")
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("post_id", sa.String(length=24), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("visibility", sa.String(length=50), nullable=False),
        sa.Column("published_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("tag_slugs", sa.Text(), nullable=False),
        sa.Column("author_slugs", sa.Text(), nullable=False),
        sa.Column("document", vector, nullable=True),
        sa.Column("words", vector, nullable=True),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_search_documents_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("post_id", name=op.f("uq_search_documents_post_id")),
    )
    # GIN on PostgreSQL; on SQLite plain indexes of columns that stay empty (one model for both).
    for column in ("document", "words"):
        op.create_index(
            f"ix_search_documents_{column}", "search_documents", [column], postgresql_using="gin"
        )
    if op.get_bind().dialect.name == "sqlite":
        stemmed = sqlite_fts.stems(_stored_locale())
        for statement in sqlite_index.create_statements(stemmed=stemmed):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in sqlite_index.drop_statements():
            op.execute(statement)
    for column in ("words", "document"):
        op.drop_index(f"ix_search_documents_{column}", table_name="search_documents")
    op.drop_table("search_documents")
