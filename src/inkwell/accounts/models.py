"""Tables of accounts: staff accounts, their sign-in sessions, one-time links, and the readers
who sign in to comment (with their sessions).

Secrets are never stored as given: a session row's id and a one-time link's id are SHA-256
digests of the random token the browser or the email holds.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inkwell.core.db import Base, UTCDateTime
from inkwell.core.ids import new_id
from inkwell.core.time import utcnow


class StaffAccount(Base):
    """One user who can sign in; the public profile (name, slug, bio) stays in ``users``."""

    __tablename__ = "staff_accounts"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_signin_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class StaffSession(Base):
    """A signed-in browser: the cookie holds the token, the row only its digest."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        ForeignKey("staff_accounts.user_id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_agent: Mapped[str] = mapped_column(String(255), default="")
    client_address: Mapped[str] = mapped_column(String(64), default="")


class OneTimeToken(Base):
    """An emailed link (password reset or invitation): expires, and works once."""

    __tablename__ = "one_time_tokens"
    __table_args__ = (Index("ix_one_time_tokens_purpose_email", "purpose", "email"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(10))
    email: Mapped[str] = mapped_column(String(191))
    role: Mapped[str | None] = mapped_column(String(20), default=None)
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), default=None
    )
    invited_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class Reader(Base):
    """A reader who signed in to comment: by email magic link or through an OAuth provider.

    Guests have no row. ``provider`` is ``email``, ``github``, ``google`` or ``oidc``; ``subject``
    the provider's stable id for the person (for ``email``: the address, lower-cased).
    """

    __tablename__ = "readers"
    __table_args__ = (UniqueConstraint("provider", "subject"),)

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    provider: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(191))
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(191), default=None, index=True)
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    website: Mapped[str | None] = mapped_column(String(500), default=None)
    avatar_url: Mapped[str | None] = mapped_column(String(500), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_signin_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class ReaderSession(Base):
    """A signed-in reader's browser: the cookie holds the token, the row only its digest."""

    __tablename__ = "reader_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reader_id: Mapped[str] = mapped_column(ForeignKey("readers.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
