"""content: the Ghost fields a Ghost site's posts, tags and authors carry

Posts keep ``visibility``, ``comment_id`` (the key of their comment threads), code injection and
a custom template; tags their SEO, social and code-injection fields and accent colour; authors
their cover image, location, social accounts and SEO fields. Existing posts get their own id as
``comment_id``, as Ghost gives them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 04:40:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SOCIAL = (
    "facebook",
    "twitter",
    "threads",
    "bluesky",
    "mastodon",
    "tiktok",
    "youtube",
    "instagram",
    "linkedin",
)


def _post_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("visibility", sa.String(50), nullable=False, server_default="public"),
        sa.Column("comment_id", sa.String(50), nullable=True),
        sa.Column("codeinjection_head", sa.Text(), nullable=True),
        sa.Column("codeinjection_foot", sa.Text(), nullable=True),
        sa.Column("custom_template", sa.String(100), nullable=True),
    ]


def _tag_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("meta_title", sa.String(300), nullable=True),
        sa.Column("meta_description", sa.String(500), nullable=True),
        sa.Column("og_image", sa.Text(), nullable=True),
        sa.Column("og_title", sa.String(300), nullable=True),
        sa.Column("og_description", sa.String(500), nullable=True),
        sa.Column("twitter_image", sa.Text(), nullable=True),
        sa.Column("twitter_title", sa.String(300), nullable=True),
        sa.Column("twitter_description", sa.String(500), nullable=True),
        sa.Column("codeinjection_head", sa.Text(), nullable=True),
        sa.Column("codeinjection_foot", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("accent_color", sa.String(50), nullable=True),
    ]


def _user_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("cover_image", sa.Text(), nullable=True),
        sa.Column("location", sa.String(150), nullable=True),
        *(sa.Column(name, sa.String(2000), nullable=True) for name in _SOCIAL),
        sa.Column("meta_title", sa.String(300), nullable=True),
        sa.Column("meta_description", sa.String(500), nullable=True),
    ]


_TABLES = {"posts": _post_columns, "tags": _tag_columns, "users": _user_columns}


def upgrade() -> None:
    for table, columns in _TABLES.items():
        with op.batch_alter_table(table) as batch:
            for column in columns():
                batch.add_column(column)
    op.execute("UPDATE posts SET comment_id = id WHERE comment_id IS NULL")


def downgrade() -> None:
    for table, columns in _TABLES.items():
        with op.batch_alter_table(table) as batch:
            for column in reversed(columns()):
                batch.drop_column(column.name)
