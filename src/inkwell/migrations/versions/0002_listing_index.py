"""posts: listing index also ordered by id (newest first, ties by id, without a sort)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_type_status_published_at")
        batch_op.create_index(
            "ix_posts_listing", ["type", "status", "published_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_listing")
        batch_op.create_index(
            "ix_posts_type_status_published_at", ["type", "status", "published_at"], unique=False
        )
