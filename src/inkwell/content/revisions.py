"""Revision history: the last saved states of each post's title and body.

A revision is recorded by the editor's saves (``editing``), by a restore, and when a save is
refused as a conflict (the refused text is kept, so nothing typed is lost). Autosaves coalesce:
one within ``AUTOSAVE_WINDOW`` of the previous autosave by the same person replaces it, so a
history is not twenty copies of one typing session; refused (conflict) saves coalesce alike.
Only the newest ``KEEP`` revisions of a post are kept; older ones go as new ones arrive.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post, PostRevision
from inkwell.core.time import utcnow

KEEP = 20
AUTOSAVE_WINDOW = timedelta(minutes=10)

Reason = Literal["save", "autosave", "publish", "restore", "conflict"]
REASONS: tuple[Reason, ...] = ("save", "autosave", "publish", "restore", "conflict")


async def latest_revision(session: AsyncSession, post_id: str) -> PostRevision | None:
    """The newest revision of a post, or None."""
    query = (
        select(PostRevision)
        .where(PostRevision.post_id == post_id)
        .order_by(PostRevision.sequence.desc(), PostRevision.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def record_revision(
    session: AsyncSession,
    post_id: str,
    *,
    title: str,
    source: str,
    source_format: str,
    by: str | None,
    reason: Reason = "save",
) -> PostRevision:
    """Keep this title and body in the post's history, and return the revision that holds it.

    An unchanged save, autosave or conflict adds nothing (the newest revision already holds the
    text); an autosave (or conflict) soon after the same person's previous one replaces it.
    Only the newest ``KEEP`` revisions stay.
    """
    if reason not in REASONS:
        raise ValueError(f"a revision is recorded for {', '.join(REASONS)}, not {reason!r}")
    now = utcnow()
    latest = await latest_revision(session, post_id)
    if latest is not None:
        same_text = (latest.title, latest.source, latest.source_format) == (
            title,
            source,
            source_format,
        )
        if same_text and reason in ("save", "autosave", "conflict"):
            return latest
        recent = now - latest.created_at <= AUTOSAVE_WINDOW
        # Refused autosaves repeat too (every few seconds until the writer reloads): coalesced
        # the same way, they cannot push the rest of the history out.
        coalesces = reason in ("autosave", "conflict") and latest.reason == reason
        if coalesces and latest.author_id == by and recent:
            latest.title, latest.source, latest.source_format = title, source, source_format
            latest.created_at = now
            await session.flush()
            return latest
    revision = PostRevision(
        post_id=post_id,
        title=title,
        source=source,
        source_format=source_format,
        author_id=by,
        created_at=now,
        sequence=(latest.sequence + 1) if latest is not None else 1,
        reason=reason,
    )
    session.add(revision)
    await session.flush()
    await _prune(session, post_id)
    return revision


async def _prune(session: AsyncSession, post_id: str) -> None:
    older = (
        select(PostRevision.id)
        .where(PostRevision.post_id == post_id)
        .order_by(PostRevision.sequence.desc(), PostRevision.id.desc())
        .offset(KEEP)
    )
    stale = list((await session.execute(older)).scalars())
    if stale:
        await session.execute(
            delete(PostRevision)
            .where(PostRevision.id.in_(stale))
            .execution_options(synchronize_session="fetch")
        )


async def record_current(
    session: AsyncSession, post: Post, *, by: str | None, reason: Reason = "save"
) -> PostRevision:
    """Record the post's stored title and body (as just saved) as a revision."""
    source = (await session.execute(select(Post.source).where(Post.id == post.id))).scalar_one()
    return await record_revision(
        session,
        post.id,
        title=post.title,
        source=source,
        source_format=post.source_format,
        by=by,
        reason=reason,
    )


async def list_revisions(session: AsyncSession, post_id: str) -> list[PostRevision]:
    """A post's revisions, newest first (at most ``KEEP``)."""
    query = (
        select(PostRevision)
        .where(PostRevision.post_id == post_id)
        .order_by(PostRevision.sequence.desc(), PostRevision.id.desc())
    )
    return list((await session.execute(query)).scalars())


async def count_revisions(session: AsyncSession, post_id: str) -> int:
    """How many revisions of the post are kept."""
    query = select(func.count()).select_from(PostRevision).where(PostRevision.post_id == post_id)
    return (await session.execute(query)).scalar_one()


async def get_revision(
    session: AsyncSession, post_id: str, revision_id: str
) -> PostRevision | None:
    """One revision of a post by id, or None (also when it belongs to another post)."""
    found = await session.get(PostRevision, revision_id)
    return found if found is not None and found.post_id == post_id else None
