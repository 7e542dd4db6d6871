"""The search index's own table: one row per findable post or page.

``search_documents`` exists on both databases. It keeps what results show (title, excerpt,
body text for snippets), what they are filtered and ordered by (type, status, visibility,
published_at), and the tag and author slugs each row was built from, so a renamed tag or
author finds the rows to rebuild without asking content which posts carry it.

On PostgreSQL the rows also carry the two tsvectors the queries match (``document`` stemmed,
``words`` unstemmed). On SQLite those columns stay empty: the FTS5 tables of ``sqlite_index``
hold the text, keyed by this table's integer ``id`` (an FTS5 rowid must be an integer, which
is why the post id is not the primary key).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from inkwell.core.db import Base, UTCDateTime

_VECTOR: Any = TSVECTOR().with_variant(Text(), "sqlite")


class SearchDocument(Base):
    """A post or page as the index holds it."""

    __tablename__ = "search_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    post_id: Mapped[str] = mapped_column(
        String(24), ForeignKey("posts.id", ondelete="CASCADE"), unique=True
    )
    type: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    visibility: Mapped[str] = mapped_column(String(50))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(Text)
    excerpt: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    # Space-delimited on both sides (" a b "), so one LIKE finds a slug among them.
    tag_slugs: Mapped[str] = mapped_column(Text)
    author_slugs: Mapped[str] = mapped_column(Text)
    document: Mapped[Any] = mapped_column(_VECTOR, nullable=True)
    words: Mapped[Any] = mapped_column(_VECTOR, nullable=True)

    # GIN on PostgreSQL; plain (over empty columns) on SQLite, so one model fits both.
    __table_args__ = (
        Index("ix_search_documents_document", "document", postgresql_using="gin"),
        Index("ix_search_documents_words", "words", postgresql_using="gin"),
    )
