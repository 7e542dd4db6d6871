"""The table of uploaded images. Rules (what is accepted, where files go) are in the service."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inkwell.core.db import Base, UTCDateTime
from inkwell.core.ids import new_id
from inkwell.core.time import utcnow

VARIANTS_PENDING = "pending"
VARIANTS_READY = "ready"
VARIANTS_FAILED = "failed"


class MediaFile(Base):
    """One uploaded image, stored at ``media_dir/<path>`` and served at
    ``/content/images/<path>``; its variants live under ``media_dir/size/``.
    """

    __tablename__ = "media_files"

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_id)
    # Relative to the media folder, POSIX separators: "2026/12/name.png".
    path: Mapped[str] = mapped_column(String(255), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(50))
    byte_size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    alt: Mapped[str | None] = mapped_column(String(500))
    caption: Mapped[str | None] = mapped_column(Text)
    uploaded_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    variants: Mapped[str] = mapped_column(String(16), default=VARIANTS_PENDING)
    """pending (the job has not run), ready, or failed (served on demand instead)."""
