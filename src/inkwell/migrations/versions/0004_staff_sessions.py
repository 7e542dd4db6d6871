"""accounts: sign-in sessions, one-time links, disabled accounts

Staff accounts gain ``disabled_at`` and ``last_signin_at``; ``staff_sessions`` holds signed-in
browsers (by token digest) and ``one_time_tokens`` the emailed reset and invitation links.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import inkwell.core.db

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("disabled_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("last_signin_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=24), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("user_agent", sa.String(length=255), nullable=False),
        sa.Column("client_address", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["staff_accounts.user_id"],
            name=op.f("fk_staff_sessions_user_id_staff_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
    )
    op.create_index(op.f("ix_staff_sessions_user_id"), "staff_sessions", ["user_id"])
    op.create_table(
        "one_time_tokens",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=10), nullable=False),
        sa.Column("email", sa.String(length=191), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("user_id", sa.String(length=24), nullable=True),
        sa.Column("invited_by", sa.String(length=24), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by"],
            ["users.id"],
            name=op.f("fk_one_time_tokens_invited_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_one_time_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_time_tokens")),
    )
    op.create_index("ix_one_time_tokens_purpose_email", "one_time_tokens", ["purpose", "email"])


def downgrade() -> None:
    op.drop_index("ix_one_time_tokens_purpose_email", table_name="one_time_tokens")
    op.drop_table("one_time_tokens")
    op.drop_index(op.f("ix_staff_sessions_user_id"), table_name="staff_sessions")
    op.drop_table("staff_sessions")
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.drop_column("last_signin_at")
        batch_op.drop_column("disabled_at")
