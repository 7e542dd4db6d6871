"""Search: the one door other features use into it, and the rules keeping the index current.

The index follows every write in the writing transaction itself: ``follow_changes`` runs just
before each commit (``core.events.subscribe_before_commit``) with that commit's events, and
brings the posts they touched up to date in the same session. So a reader never finds a post
that was unpublished, nor misses one that was published, whichever process wrote it, and a
failed index write fails the change with it.

Which posts an event touches: a post or page event, its subject; a tag or author edited or
deleted, every indexed post built with its (previous) slug, read again from the database. A
change of the site's locale changes the stemming of every row, so it rebuilds the whole index
(still in the same transaction: readers see the old index until the new locale is saved).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.core.events import Event
from inkwell.search import indexer
from inkwell.search.indexer import Progress, count, findable, index_post, remove
from inkwell.settings import Settings

__all__ = [
    "Progress",
    "count",
    "ensure_built",
    "findable",
    "follow_changes",
    "index_post",
    "reindex",
    "remove",
]

_REBUILT_BY = {"tag.edited": "tag", "tag.deleted": "tag", "author.edited": "author"}


async def _touched(session: AsyncSession, found: list[Event]) -> dict[str, bool]:
    # post id -> whether it must be read again from the database (insertion order kept).
    touched: dict[str, bool] = {}
    for event in found:
        if event.kind in ("post", "page") and event.subject_id is not None:
            touched.setdefault(event.subject_id, False)
        elif (what := _REBUILT_BY.get(event.name)) is not None:
            slugs = {event.data.get("slug"), event.data.get("previous_slug")}
            for slug in sorted(s for s in slugs if s):
                for post_id in await indexer.posts_mentioning(session, **{what: slug}):
                    touched[post_id] = True
    return touched


def _locale_changed(found: list[Event]) -> bool:
    return any(
        event.name == "settings.changed" and "locale" in event.data.get("keys", ())
        for event in found
    )


async def follow_changes(session: AsyncSession, found: list[Event]) -> None:
    """Update the index for one commit's events, in its transaction (see the module doc)."""
    if _locale_changed(found):
        await indexer.reindex(session)
        return
    touched = await _touched(session, found)
    if not touched:
        return
    # The links a deleted tag had are gone in the database only: send the writes first.
    await session.flush()
    locale = (await content.load_settings(session)).locale
    for post_id, fresh in touched.items():
        await index_post(session, post_id, locale=locale, fresh=fresh)


async def reindex(session: AsyncSession, progress: Progress | None = None) -> int:
    """Rebuild the index from scratch in ``session``'s transaction; how many posts it holds.

    ``progress(done, total)`` is told after each post.
    """
    return await indexer.reindex(session, progress)


async def ensure_built(session: AsyncSession, settings: Settings) -> list[str]:
    """First-start step: build the index when it is empty (a site upgraded from before search,
    or restored without it), so that no one has to remember ``inkwell search reindex``."""
    if await count(session):
        return []
    indexed = await indexer.reindex(session)
    if not indexed:
        return []
    what = "post or page" if indexed == 1 else "posts and pages"
    return [f"Built the search index: {indexed:,} {what}."]
