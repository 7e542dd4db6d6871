"""The staff account of a user: the credentials and role behind an author profile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from inkwell.core.db import Base, UTCDateTime
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
