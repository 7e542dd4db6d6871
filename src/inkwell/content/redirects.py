"""Old URL paths (from an imported blog) that answer 301 with a post's current URL."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post, Redirect
from inkwell.core import events


def normalise_path(path: str) -> str:
    """``/a/b`` and ``/a/b/`` are the same old URL."""
    path = "/" + path.strip().lstrip("/")
    return path if path.endswith("/") else path + "/"


async def add_redirect(session: AsyncSession, old_path: str, post_id: str) -> None:
    """Make ``old_path`` answer 301 to the post's URL."""
    from_path = normalise_path(old_path)
    await session.merge(Redirect(from_path=from_path, post_id=post_id))
    events.emit(session, "redirect.added", post_id, from_path=from_path)


async def find_redirect(session: AsyncSession, path: str) -> Post | None:
    """The published post an old path points at, or None."""
    redirect = await session.get(Redirect, normalise_path(path))
    if redirect is None:
        return None
    post = await session.get(Post, redirect.post_id)
    return post if post is not None and post.status == "published" else None
