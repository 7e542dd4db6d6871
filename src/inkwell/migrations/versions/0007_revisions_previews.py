"""content: revisions, secret preview links, redirects to any path

Posts keep their last revisions (``post_revisions``); drafts can be shown through secret links
(``preview_links``); a redirect may point to any path or URL instead of a post, with 301 or 302.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import inkwell.core.db

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "post_revisions",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("post_id", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_format", sa.String(length=10), nullable=False),
        sa.Column("author_id", sa.String(length=24), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_post_revisions_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_post_revisions_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_revisions")),
    )
    op.create_index("ix_post_revisions_post", "post_revisions", ["post_id", "sequence"])
    op.create_table(
        "preview_links",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("post_id", sa.String(length=24), nullable=False),
        sa.Column("created_by", sa.String(length=24), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_preview_links_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_preview_links_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preview_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_preview_links_token_hash")),
    )
    op.create_index(op.f("ix_preview_links_post_id"), "preview_links", ["post_id"])
    with op.batch_alter_table("redirects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("to_url", sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column("status_code", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True)
        )
    # Existing rows are imported old URLs of posts: permanent, dated now.
    op.execute("UPDATE redirects SET status_code = 301, created_at = CURRENT_TIMESTAMP")
    with op.batch_alter_table("redirects", schema=None) as batch_op:
        batch_op.alter_column("status_code", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "created_at", existing_type=inkwell.core.db.UTCDateTime(timezone=True), nullable=False
        )
        batch_op.alter_column("post_id", existing_type=sa.String(length=24), nullable=True)
        batch_op.create_check_constraint("one_target", "(post_id IS NULL) <> (to_url IS NULL)")


def downgrade() -> None:
    # Redirects to a path or URL cannot be kept by the old table, which knows only posts.
    op.execute("DELETE FROM redirects WHERE post_id IS NULL")
    with op.batch_alter_table("redirects", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_redirects_one_target"), type_="check")
        batch_op.alter_column("post_id", existing_type=sa.String(length=24), nullable=False)
        batch_op.drop_column("created_at")
        batch_op.drop_column("status_code")
        batch_op.drop_column("to_url")
    op.drop_index(op.f("ix_preview_links_post_id"), table_name="preview_links")
    op.drop_table("preview_links")
    op.drop_index("ix_post_revisions_post", table_name="post_revisions")
    op.drop_table("post_revisions")
