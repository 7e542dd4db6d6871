"""ghost_api: integrations, their API keys and webhooks

An integration holds a Content API key and an Admin API key (``api_keys``) and any number of
webhooks, each with the outcome of its last delivery.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 04:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import inkwell.core.db

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "integrations",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=191), nullable=False),
        sa.Column("slug", sa.String(length=191), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrations")),
        sa.UniqueConstraint("name", name=op.f("uq_integrations_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_integrations_slug")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("secret", sa.String(length=191), nullable=False),
        sa.Column("integration_id", sa.String(length=24), nullable=False),
        sa.Column("last_seen_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["integration_id"],
            ["integrations.id"],
            name=op.f("fk_api_keys_integration_id_integrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("secret", name=op.f("uq_api_keys_secret")),
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_keys_integration_id"), ["integration_id"], unique=False
        )

    op.create_table(
        "webhooks",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("integration_id", sa.String(length=24), nullable=False),
        sa.Column("event", sa.String(length=50), nullable=False),
        sa.Column("target_url", sa.String(length=2000), nullable=False),
        sa.Column("name", sa.String(length=191), nullable=True),
        sa.Column("secret", sa.String(length=191), nullable=True),
        sa.Column("api_version", sa.String(length=50), nullable=False),
        sa.Column("last_triggered_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_triggered_status", sa.Integer(), nullable=True),
        sa.Column("last_triggered_error", sa.Text(), nullable=True),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["integration_id"],
            ["integrations.id"],
            name=op.f("fk_webhooks_integration_id_integrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhooks")),
    )
    with op.batch_alter_table("webhooks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhooks_event"), ["event"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_webhooks_integration_id"), ["integration_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("webhooks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhooks_integration_id"))
        batch_op.drop_index(batch_op.f("ix_webhooks_event"))

    op.drop_table("webhooks")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_integration_id"))

    op.drop_table("api_keys")
    op.drop_table("integrations")
