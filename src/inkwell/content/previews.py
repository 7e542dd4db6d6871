"""Secret preview links: a draft (or scheduled post) shown to whoever holds the link.

A link is ``/p/{token}/`` with a token of 256 random bits from ``secrets``: it cannot be guessed,
and only its SHA-256 is stored, so the table alone opens nothing. The token is therefore shown
once, when the link is made; a lost link is revoked and a new one made. Revoking is immediate.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post, PreviewLink
from inkwell.content.publishing import PostNotFound
from inkwell.core.time import utcnow

TOKEN_BYTES = 32  # 256 bits


def preview_path(token: str) -> str:
    """The public path of a preview link."""
    return f"/p/{token}/"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class PreviewLinkNotFound(LookupError):
    """The post has no preview link with this id."""

    def __init__(self, link_id: str) -> None:
        super().__init__(f"this post has no preview link {link_id}")
        self.link_id = link_id


async def create_preview_link(
    session: AsyncSession, post_id: str, *, by: str | None = None
) -> tuple[PreviewLink, str]:
    """A new secret link to the post: the stored link and its path ``/p/{token}/``.

    The path is returned only here (the token is not stored): show it to the person now.
    Raises PostNotFound when the post does not exist.
    """
    if await session.get(Post, post_id) is None:
        raise PostNotFound(post_id)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = PreviewLink(token_hash=_hash(token), post_id=post_id, created_by=by, created_at=utcnow())
    session.add(link)
    await session.flush()
    return link, preview_path(token)


async def list_preview_links(
    session: AsyncSession, post_id: str, *, include_revoked: bool = False
) -> list[PreviewLink]:
    """The post's preview links, newest first (only those still working, unless asked)."""
    query = select(PreviewLink).where(PreviewLink.post_id == post_id)
    if not include_revoked:
        query = query.where(PreviewLink.revoked_at.is_(None))
    query = query.order_by(PreviewLink.created_at.desc(), PreviewLink.id.desc())
    return list((await session.execute(query)).scalars())


async def revoke_preview_link(session: AsyncSession, post_id: str, link_id: str) -> PreviewLink:
    """Stop a preview link working now (revoking twice is harmless); PreviewLinkNotFound if
    the post has no such link.
    """
    link = await session.get(PreviewLink, link_id)
    if link is None or link.post_id != post_id:
        raise PreviewLinkNotFound(link_id)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        await session.flush()
    return link


async def post_for_preview(session: AsyncSession, token: str) -> Post | None:
    """The post a preview token shows, or None (unknown or revoked token, post deleted)."""
    if not token or len(token) > 100:
        return None
    query = select(PreviewLink).where(
        PreviewLink.token_hash == _hash(token), PreviewLink.revoked_at.is_(None)
    )
    link = (await session.execute(query)).scalar_one_or_none()
    if link is None:
        return None
    return await session.get(Post, link.post_id)
