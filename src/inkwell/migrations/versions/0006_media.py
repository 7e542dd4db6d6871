"""media: uploaded images and their variants

The ``media_files`` table: one row per uploaded image (its variants are files only).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import inkwell.core.db

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "media_files",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("path", sa.String(length=255), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=50), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("alt", sa.String(length=500), nullable=True),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("uploaded_by", sa.String(length=24), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("variants", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["users.id"],
            name=op.f("fk_media_files_uploaded_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_files")),
        sa.UniqueConstraint("path", name=op.f("uq_media_files_path")),
    )
    op.create_index(op.f("ix_media_files_created_at"), "media_files", ["created_at"])
    op.create_index(op.f("ix_media_files_sha256"), "media_files", ["sha256"])
    op.create_index(op.f("ix_media_files_uploaded_by"), "media_files", ["uploaded_by"])


def downgrade() -> None:
    op.drop_index(op.f("ix_media_files_uploaded_by"), table_name="media_files")
    op.drop_index(op.f("ix_media_files_sha256"), table_name="media_files")
    op.drop_index(op.f("ix_media_files_created_at"), table_name="media_files")
    op.drop_table("media_files")
