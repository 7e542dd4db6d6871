"""accounts: credentials and roles move from users to staff_accounts

Users keep the authors' public profiles; a user who can sign in also has a staff account.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 20:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import inkwell.core.db

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("user_id", sa.String(length=24), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_staff_accounts")),
    )
    op.create_index(op.f("ix_staff_accounts_role"), "staff_accounts", ["role"], unique=False)
    # Only users who could sign in (they have a password) become staff; imported authors stay
    # profiles.
    op.execute(
        "INSERT INTO staff_accounts (user_id, password_hash, role, created_at, updated_at) "
        "SELECT id, password_hash, role, created_at, updated_at FROM users "
        "WHERE password_hash IS NOT NULL"
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("role")
        batch_op.drop_column("password_hash")
    # The foreign key comes last: on SQLite, batch mode rebuilds ``users`` by dropping it, and
    # the cascade would empty ``staff_accounts``.
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_staff_accounts_user_id_users"),
            "users",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    # As in upgrade: without the foreign key, rebuilding ``users`` leaves the accounts alone.
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.drop_constraint("fk_staff_accounts_user_id_users", type_="foreignkey")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("role", sa.String(length=20), nullable=True))
    account = "FROM staff_accounts a WHERE a.user_id = users.id"
    op.execute(
        f"UPDATE users SET password_hash = (SELECT a.password_hash {account}), "  # noqa: S608
        f"role = COALESCE((SELECT a.role {account}), 'author')"
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("role", existing_type=sa.String(length=20), nullable=False)
    op.drop_index(op.f("ix_staff_accounts_role"), table_name="staff_accounts")
    op.drop_table("staff_accounts")
