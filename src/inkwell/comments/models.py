"""Comment tables: threads (one per post, or per page of another site), comments, likes,
blocks, the comment settings, and the addresses that asked for no more comment emails.

Models hold data only; the rules live in ``comments.service``. Client addresses are never
stored: ``address_hash`` is a salted digest, kept for rate limits and blocks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inkwell.core.db import Base, UTCDateTime
from inkwell.core.ids import new_id
from inkwell.core.time import utcnow


class CommentThread(Base):
    """The comments of one post or page of this site (``post_id``), or of one page of another
    site that embeds the widget (``url``, absolute and normalised)."""

    __tablename__ = "comment_threads"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    post_id: Mapped[str | None] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), unique=True, default=None
    )
    url: Mapped[str | None] = mapped_column(String(500), unique=True, default=None)
    title: Mapped[str | None] = mapped_column(String(255), default=None)
    # None follows the site-wide switch and auto-close; True/False is the post's own switch.
    open: Mapped[bool | None] = mapped_column(Boolean, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Comment(Base):
    """One comment: its text as written (``body``) and as shown (``html``, sanitised)."""

    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_thread_status_created", "thread_id", "status", "created_at"),
        Index("ix_comments_status_created", "status", "created_at"),
        UniqueConstraint("source", "source_id"),
    )

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    thread_id: Mapped[str] = mapped_column(ForeignKey("comment_threads.id", ondelete="CASCADE"))
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True, default=None
    )
    reader_id: Mapped[str | None] = mapped_column(
        ForeignKey("readers.id", ondelete="SET NULL"), index=True, default=None
    )
    # The staff member who wrote it (a signed-in reader whose verified email is theirs).
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    author_name: Mapped[str] = mapped_column(String(100))
    author_email: Mapped[str | None] = mapped_column(String(191), index=True, default=None)
    author_website: Mapped[str | None] = mapped_column(String(500), default=None)
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    # pending, approved, spam or deleted (a tombstone that keeps the replies under it).
    status: Mapped[str] = mapped_column(String(10), default="pending")
    held_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    like_count: Mapped[int] = mapped_column(Integer, default=0)
    address_hash: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    edit_token_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    notify_replies: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where an imported comment came from (``disqus``, ``isso``...) and its id there.
    source: Mapped[str | None] = mapped_column(String(20), default=None)
    source_id: Mapped[str | None] = mapped_column(String(191), default=None)


class CommentLike(Base):
    """One reader's like: ``liker`` is a digest of the reader's id or of the browser's token."""

    __tablename__ = "comment_likes"

    comment_id: Mapped[str] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    liker: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CommentBlock(Base):
    """A commenter who may no longer comment: by ``reader`` id, ``email`` or ``address`` hash."""

    __tablename__ = "comment_blocks"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(191))
    note: Mapped[str | None] = mapped_column(String(500), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CommentSetting(Base):
    """One comment setting, stored as JSON under its key (the address salt among them)."""

    __tablename__ = "comment_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class CommentMailOptOut(Base):
    """An address (lower-cased) that unsubscribed from every comment email."""

    __tablename__ = "comment_mail_optouts"

    email: Mapped[str] = mapped_column(String(191), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
