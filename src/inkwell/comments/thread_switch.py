"""A post's own comment switch as stored, for the editor: open, closed, or None (follow the
site's rules). Setting it is ``threads.set_thread_open``; the effect is ``thread_state``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.models import CommentThread


async def thread_switch(session: AsyncSession, post_id: str) -> bool | None:
    """The post's own switch: True open, False closed, None when it follows the site."""
    query = select(CommentThread.open).where(CommentThread.post_id == post_id)
    return (await session.execute(query)).scalar_one_or_none()
