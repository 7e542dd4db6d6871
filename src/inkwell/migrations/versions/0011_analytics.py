"""analytics: raw events, daily salts, daily aggregates, Stats API keys, settings

Raw events carry only a visitor digest (salted per day), never an address or a user agent;
they expire after the retention period, while the daily aggregates per dimension stay.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 12:54:37.018234
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import inkwell.core.db

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "analytics_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=False),
        sa.Column("pageviews", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("bounces", sa.Integer(), nullable=False),
        sa.Column("duration", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "dimension", "value", name=op.f("pk_analytics_daily")),
    )
    op.create_table(
        "analytics_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("visitor", sa.String(length=32), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("referrer", sa.String(length=255), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("utm_medium", sa.String(length=100), nullable=False),
        sa.Column("utm_campaign", sa.String(length=100), nullable=False),
        sa.Column("utm_content", sa.String(length=100), nullable=False),
        sa.Column("utm_term", sa.String(length=100), nullable=False),
        sa.Column("browser", sa.String(length=50), nullable=False),
        sa.Column("os", sa.String(length=50), nullable=False),
        sa.Column("device", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("props", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analytics_events")),
    )
    with op.batch_alter_table("analytics_events", schema=None) as batch_op:
        batch_op.create_index("ix_analytics_events_at", ["at"], unique=False)
        batch_op.create_index(
            "ix_analytics_events_day_visitor_at", ["day", "visitor", "at"], unique=False
        )

    op.create_table(
        "analytics_keys",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("hint", sa.String(length=8), nullable=False),
        sa.Column("created_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analytics_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_analytics_keys_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_analytics_keys_name")),
    )
    op.create_table(
        "analytics_rollups",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rolled_at", inkwell.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_analytics_rollups")),
    )
    op.create_table(
        "analytics_salts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_analytics_salts")),
    )
    op.create_table(
        "analytics_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_analytics_settings")),
    )


def downgrade() -> None:

    op.drop_table("analytics_settings")
    op.drop_table("analytics_salts")
    op.drop_table("analytics_rollups")
    op.drop_table("analytics_keys")
    with op.batch_alter_table("analytics_events", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_events_day_visitor_at")
        batch_op.drop_index("ix_analytics_events_at")

    op.drop_table("analytics_events")
    op.drop_table("analytics_daily")
