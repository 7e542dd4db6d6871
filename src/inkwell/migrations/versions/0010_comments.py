"""comments: threads, comments, likes, blocks, settings, opt-outs; readers and their sessions

A thread belongs to a post (or to a page of another site that embeds the widget); a comment to
a thread, optionally to a parent comment and to a signed-in reader (``readers``, kept by
accounts, with their sessions). Client addresses are stored only as salted hashes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 10:27:22.733436
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import inkwell.core.db

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comment_blocks",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=191), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_blocks")),
        sa.UniqueConstraint("kind", "value", name=op.f("uq_comment_blocks_kind")),
    )
    op.create_table(
        "comment_mail_optouts",
        sa.Column("email", sa.String(length=191), nullable=False),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_comment_mail_optouts")),
    )
    op.create_table(
        "comment_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_comment_settings")),
    )
    op.create_table(
        "readers",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=191), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=191), nullable=True),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("avatar_url", sa.String(length=500), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_signin_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readers")),
        sa.UniqueConstraint("provider", "subject", name=op.f("uq_readers_provider")),
    )
    with op.batch_alter_table("readers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_readers_email"), ["email"], unique=False)

    op.create_table(
        "comment_threads",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("post_id", sa.String(length=24), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=True),
        sa.Column("open", sa.Boolean(), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_comment_threads_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_threads")),
        sa.UniqueConstraint("post_id", name=op.f("uq_comment_threads_post_id")),
        sa.UniqueConstraint("url", name=op.f("uq_comment_threads_url")),
    )
    op.create_table(
        "reader_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("reader_id", sa.String(length=24), nullable=False),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reader_id"],
            ["readers.id"],
            name=op.f("fk_reader_sessions_reader_id_readers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reader_sessions")),
    )
    with op.batch_alter_table("reader_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reader_sessions_reader_id"), ["reader_id"], unique=False
        )

    op.create_table(
        "comments",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("thread_id", sa.String(length=24), nullable=False),
        sa.Column("parent_id", sa.String(length=24), nullable=True),
        sa.Column("reader_id", sa.String(length=24), nullable=True),
        sa.Column("user_id", sa.String(length=24), nullable=True),
        sa.Column("author_name", sa.String(length=100), nullable=False),
        sa.Column("author_email", sa.String(length=191), nullable=True),
        sa.Column("author_website", sa.String(length=500), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("held_reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("edited_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("approved_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("like_count", sa.Integer(), nullable=False),
        sa.Column("address_hash", sa.String(length=64), nullable=True),
        sa.Column("edit_token_hash", sa.String(length=64), nullable=True),
        sa.Column("notify_replies", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=True),
        sa.Column("source_id", sa.String(length=191), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["comments.id"],
            name=op.f("fk_comments_parent_id_comments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reader_id"],
            ["readers.id"],
            name=op.f("fk_comments_reader_id_readers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["comment_threads.id"],
            name=op.f("fk_comments_thread_id_comment_threads"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_comments_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sa.UniqueConstraint("source", "source_id", name=op.f("uq_comments_source")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comments_address_hash"), ["address_hash"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_comments_author_email"), ["author_email"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_comments_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_comments_reader_id"), ["reader_id"], unique=False)
        batch_op.create_index("ix_comments_status_created", ["status", "created_at"], unique=False)
        batch_op.create_index(
            "ix_comments_thread_status_created", ["thread_id", "status", "created_at"], unique=False
        )

    op.create_table(
        "comment_likes",
        sa.Column("comment_id", sa.String(length=24), nullable=False),
        sa.Column("liker", sa.String(length=64), nullable=False),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comments.id"],
            name=op.f("fk_comment_likes_comment_id_comments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("comment_id", "liker", name=op.f("pk_comment_likes")),
    )


def downgrade() -> None:
    op.drop_table("comment_likes")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_thread_status_created")
        batch_op.drop_index("ix_comments_status_created")
        batch_op.drop_index(batch_op.f("ix_comments_reader_id"))
        batch_op.drop_index(batch_op.f("ix_comments_parent_id"))
        batch_op.drop_index(batch_op.f("ix_comments_author_email"))
        batch_op.drop_index(batch_op.f("ix_comments_address_hash"))

    op.drop_table("comments")
    with op.batch_alter_table("reader_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reader_sessions_reader_id"))

    op.drop_table("reader_sessions")
    op.drop_table("comment_threads")
    with op.batch_alter_table("readers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_readers_email"))

    op.drop_table("readers")
    op.drop_table("comment_settings")
    op.drop_table("comment_mail_optouts")
    op.drop_table("comment_blocks")
