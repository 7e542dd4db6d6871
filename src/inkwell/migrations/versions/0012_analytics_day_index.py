"""analytics: raw events indexed by day alone

The (day, visitor, at) index put each new event at a random place (visitors are digests), so
every batch rewrote hundreds of index pages; the reports read a day's events whole and never
in visitor order. An index on the day takes new events at its end.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 16:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("analytics_events", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_events_day_visitor_at")
        batch_op.create_index("ix_analytics_events_day", ["day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("analytics_events", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_events_day")
        batch_op.create_index(
            "ix_analytics_events_day_visitor_at", ["day", "visitor", "at"], unique=False
        )
