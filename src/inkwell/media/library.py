"""The media library: listing, searching and deleting uploaded images."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.media import storage, variants
from inkwell.media.errors import MediaInUse, MediaNotFound
from inkwell.media.models import MediaFile
from inkwell.media.outcome import after_outcome

PER_PAGE = 30
MAX_QUERY = 200


@dataclass(frozen=True)
class MediaPage:
    """One page of the library, newest first."""

    items: list[MediaFile]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


async def list_media(
    session: AsyncSession, *, query: str = "", page: int = 1, per_page: int = PER_PAGE
) -> MediaPage:
    """Uploaded images, newest first; ``query`` keeps those whose file name or alt text
    contains it (any case).
    """
    page = max(1, page)
    wanted = select(MediaFile)
    counted = select(func.count()).select_from(MediaFile)
    query = query.strip()[:MAX_QUERY]
    if query:
        pattern = _like(query)
        match = or_(
            func.lower(MediaFile.original_name).like(pattern, escape="\\"),
            func.lower(MediaFile.path).like(pattern, escape="\\"),
            func.lower(MediaFile.alt).like(pattern, escape="\\"),
        )
        wanted, counted = wanted.where(match), counted.where(match)
    total = int((await session.execute(counted)).scalar_one())
    rows = await session.execute(
        wanted.order_by(MediaFile.created_at.desc(), MediaFile.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return MediaPage(list(rows.scalars()), total, page, per_page)


async def get_media(session: AsyncSession, media_id: str) -> MediaFile:
    """The media file ``media_id``; raises MediaNotFound."""
    row = await session.get(MediaFile, media_id)
    if row is None:
        raise MediaNotFound(f"no media file has the id {media_id!r}")
    return row


async def usage(session: AsyncSession, row: MediaFile) -> list[content.Post]:
    """The posts and pages that show ``row`` (as an image field, or in their body)."""
    return await content.posts_using_url(session, storage.public_url(row.path))


async def delete_media(
    session: AsyncSession, media_dir: Path, media_id: str, *, force: bool = False
) -> None:
    """Delete a media file, its variants and its row; refuse (MediaInUse) while a post shows
    it, unless ``force``. The files go when the transaction commits.
    """
    row = await get_media(session, media_id)
    users = await usage(session, row)
    if users and not force:
        titles = [post.title for post in users]
        shown = ", ".join(repr(t) for t in titles[:3]) + (" and others" if len(titles) > 3 else "")
        raise MediaInUse(
            f"{row.path} is still used by {len(titles)} post(s): {shown}; delete with force "
            "to remove it anyway",
            titles,
        )
    path = row.path
    await session.delete(row)
    await session.flush()
    after_outcome(session, committed=lambda: storage.remove_all(media_dir, path, variants.WIDTHS))
