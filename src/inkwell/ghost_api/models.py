"""Integrations, their API keys and their webhooks, as Ghost keeps them.

Models hold data only; the rules live in ``ghost_api.service``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inkwell.core.db import Base, UTCDateTime
from inkwell.core.ids import new_id
from inkwell.core.time import utcnow


class Integration(Base):
    """A named client of the APIs (a script, a static front-end, an app)."""

    __tablename__ = "integrations"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(191), unique=True)
    slug: Mapped[str] = mapped_column(String(191), unique=True)
    description: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    keys: Mapped[list[ApiKey]] = relationship(
        back_populates="integration", cascade="all, delete-orphan", lazy="selectin"
    )
    webhooks: Mapped[list[Webhook]] = relationship(
        back_populates="integration",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="Webhook.created_at",
    )


class ApiKey(Base):
    """A Content API key (``secret``: 26 hex) or an Admin API key (``id:secret``, 64 hex).

    The secret is kept as it is: an Admin API secret signs tokens, so it cannot be hashed.
    """

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    type: Mapped[str] = mapped_column(String(10))  # "content" or "admin"
    secret: Mapped[str] = mapped_column(String(191), unique=True)
    integration_id: Mapped[str] = mapped_column(
        ForeignKey("integrations.id", ondelete="CASCADE"), index=True
    )
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    integration: Mapped[Integration] = relationship(back_populates="keys")


class Webhook(Base):
    """A URL told about one event (``post.published``...), with its last delivery's outcome."""

    __tablename__ = "webhooks"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    integration_id: Mapped[str] = mapped_column(
        ForeignKey("integrations.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(50), index=True)
    target_url: Mapped[str] = mapped_column(String(2000))
    name: Mapped[str | None] = mapped_column(String(191))
    # Signs each delivery (X-Ghost-Signature) when set.
    secret: Mapped[str | None] = mapped_column(String(191))
    api_version: Mapped[str] = mapped_column(String(50), default="v6")
    last_triggered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_triggered_status: Mapped[int | None] = mapped_column(Integer)
    last_triggered_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    integration: Mapped[Integration] = relationship(back_populates="webhooks")
