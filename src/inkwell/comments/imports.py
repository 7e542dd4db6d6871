"""Importing another system's comments (Disqus, Isso, Remark42): matched to posts, kept as
they were.

Readers hand over ``ImportedThread`` records. Each thread's old address is matched to a post
here (``import_matching``); threads that match no post are reported, never turned into posts.
Comments keep their threading, dates, names and emails and are published (approved), since
they were published there; deleted and spam ones are left out, and a reply whose parent was
left out hangs under the nearest kept comment above it. Every message is sanitised. A comment
already imported (same ``source`` and ``source_id``) is left alone, so a second run adds only
what is new. Everything is planned before anything is written; a dry run stops there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.import_matching import PostMatcher
from inkwell.comments.import_records import (
    ImportedComment,
    ImportedThread,
    ImportReport,
    UnmatchedThread,
)
from inkwell.comments.import_text import body_of
from inkwell.comments.models import Comment, CommentThread
from inkwell.comments.threads import Target, thread_for
from inkwell.content import service as content
from inkwell.core import changes, events
from inkwell.core.cli import counted
from inkwell.core.ids import new_id
from inkwell.core.time import as_utc, utcnow
from inkwell.render.comment_text import sanitise_comment_html

IMPORTED = "comments.imported"
events.declare(IMPORTED)
changes.add_rule(
    "comments",
    # One event for the whole import: every post that got comments, and the lists showing counts.
    lambda found: {f"post:{post_id}" for post_id in found.data.get("post_ids", ())} | {"listing"},
)

MAX_NAME = 100
MAX_EMAIL = 191
MAX_WEBSITE = 500
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass
class _Planned:
    """A comment to store: its new id, where it goes and what it says."""

    id: str
    post_id: str
    parent_id: str | None
    depth: int
    record: ImportedComment


@dataclass
class _Plan:
    comments: list[_Planned] = field(default_factory=list)
    closed_posts: set[str] = field(default_factory=set)


def clean_name(name: str) -> str:
    """A display name: no control characters, spaces collapsed, at most 100 characters."""
    text = " ".join(_CONTROL.sub(" ", name).split())
    return text[:MAX_NAME] or "Anonymous"


def clean_email(email: str | None) -> str | None:
    """The address when it looks like one, else None (it only serves notifications)."""
    text = (email or "").strip()
    return text if _EMAIL.match(text) and len(text) <= MAX_EMAIL else None


def clean_website(website: str | None) -> str | None:
    """An http(s) address, else None: a ``javascript:`` link never reaches a page."""
    text = (website or "").strip()
    if len(text) > MAX_WEBSITE or not re.match(r"^https?://[^\s/]+", text, re.IGNORECASE):
        return None
    return text


async def import_comments(
    session: AsyncSession,
    threads: Sequence[ImportedThread],
    *,
    source: str,
    label: str | None = None,
    dry_run: bool = False,
    site_prefix: str = "",
) -> ImportReport:
    """Import ``threads`` read from ``source`` (``disqus``, ``isso``...); see the module doc.

    ``site_prefix`` is the path of this site's address (``/blog`` for example.com/blog/): an
    old address under it matches too. Returns what was (or would be) imported.
    """
    # A reader may add one thread with no id for comments naming a thread it did not find.
    counted_threads = sum(1 for thread in threads if thread.source_id)
    report = ImportReport(source=label or source, dry_run=dry_run, threads=counted_threads)
    site = await content.load_settings(session)
    matcher = PostMatcher(session, site, site_prefix)
    existing = await _existing(session, source)
    posts: dict[str, content.Post] = {}
    post_of_thread = await _match_threads(threads, matcher, report, posts)
    plan = _plan(threads, post_of_thread, existing, report)
    report.imported = len(plan.comments)
    report.posts = len({planned.post_id for planned in plan.comments})
    if dry_run:
        report.closed_posts = len(plan.closed_posts)
        return report
    wanted = sorted({p.post_id for p in plan.comments} | plan.closed_posts)
    thread_ids = {
        post_id: await thread_for(session, Target(posts[post_id], None)) for post_id in wanted
    }
    report.closed_posts = await _close(session, plan.closed_posts, thread_ids)
    await _write(session, plan.comments, thread_ids, source)
    if plan.comments or report.closed_posts:
        touched = sorted({p.post_id for p in plan.comments} | plan.closed_posts)
        events.emit(session, IMPORTED, None, source=source, post_ids=touched)
    return report


async def _existing(session: AsyncSession, source: str) -> dict[str, tuple[str, str | None]]:
    """Comments an earlier run imported from ``source``: source id → (id, post id)."""
    query = (
        select(Comment.source_id, Comment.id, CommentThread.post_id)
        .join(CommentThread, CommentThread.id == Comment.thread_id)
        .where(Comment.source == source)
    )
    return {
        str(source_id): (comment_id, post_id)
        for source_id, comment_id, post_id in (await session.execute(query)).all()
    }


async def _match_threads(
    threads: Sequence[ImportedThread],
    matcher: PostMatcher,
    report: ImportReport,
    posts: dict[str, content.Post],
) -> dict[str, str]:
    """Thread source id → post id for the threads that match a post (``posts`` gets those
    posts by id); reports the others."""
    matched: dict[str, str] = {}
    threads_of_post: dict[str, list[str]] = {}
    empty_unmatched = 0
    for thread in threads:
        kept = sum(1 for c in thread.comments if c.skip_reason is None)
        if not thread.url.strip():
            report.unknown_thread += kept
            continue
        found = await matcher.match(thread.url)
        if found is None:
            if thread.deleted:
                continue
            if kept:
                report.unmatched.append(UnmatchedThread(thread.url, thread.title, kept))
                report.orphans += kept
            else:
                empty_unmatched += 1
            continue
        matched[thread.source_id] = found.post.id
        posts[found.post.id] = found.post
        if found.by_slug and kept and thread.url not in report.by_slug:
            report.by_slug.append(thread.url)
        if kept and not thread.deleted:
            threads_of_post.setdefault(found.post.title, []).append(thread.source_id)
    report.merged = sorted(title for title, ids in threads_of_post.items() if len(ids) > 1)
    if empty_unmatched:
        report.notes.append(
            f"{counted(empty_unmatched, 'thread')} without comments "
            f"{'matches' if empty_unmatched == 1 else 'match'} no post here: ignored"
        )
    return matched


def _plan(
    threads: Sequence[ImportedThread],
    post_of_thread: dict[str, str],
    existing: dict[str, tuple[str, str | None]],
    report: ImportReport,
) -> _Plan:
    """Which comments to store, each with its new id and its parent here."""
    everything: dict[str, tuple[ImportedComment, str | None, bool]] = {}
    for thread in threads:
        post_id = post_of_thread.get(thread.source_id)
        for comment in thread.comments:
            kept = comment.skip_reason is None and not thread.deleted
            everything[comment.source_id] = (comment, post_id, kept)
    plan = _Plan(closed_posts=_closed(threads, post_of_thread))
    new_ids: dict[str, _Planned] = {}
    for thread in threads:
        post_id = post_of_thread.get(thread.source_id)
        for comment in sorted(thread.comments, key=_when):
            if not _count_left_out(comment, thread, report) or post_id is None:
                continue
            if comment.source_id in existing:
                report.already += 1
                continue
            planned = _Planned(new_id(), post_id, None, 0, comment)
            new_ids[comment.source_id] = planned
            plan.comments.append(planned)
    for planned in plan.comments:
        parent, moved = _parent_of(planned, everything, existing, new_ids)
        if moved:
            report.reattached += 1
        planned.parent_id = parent
    _settle_depths(plan.comments, new_ids)
    return plan


def _count_left_out(comment: ImportedComment, thread: ImportedThread, report: ImportReport) -> bool:
    """False (and counted) for a comment the import leaves out; True for one it keeps."""
    if comment.skip_reason == "spam":
        report.spam += 1
    elif comment.skip_reason == "pending":
        report.unmoderated += 1
    elif comment.skip_reason is not None:
        report.deleted += 1
    elif thread.deleted:
        report.in_deleted_threads += 1
    else:
        return True
    return False


def _when(comment: ImportedComment) -> datetime:
    return as_utc(comment.created_at) if comment.created_at else utcnow()


def _parent_of(
    planned: _Planned,
    everything: dict[str, tuple[ImportedComment, str | None, bool]],
    existing: dict[str, tuple[str, str | None]],
    new_ids: dict[str, _Planned],
) -> tuple[str | None, bool]:
    """The comment id to hang under (None: the top), and whether it moved up the thread.

    The parent named is used when it is kept on the same post; otherwise its own parent is
    tried, and so on: a reply to a deleted comment answers what that comment answered.
    """
    wanted = planned.record.parent_source_id
    moved = False
    seen: set[str] = set()
    while wanted and wanted not in seen:
        seen.add(wanted)
        if wanted in new_ids and new_ids[wanted].post_id == planned.post_id:
            return new_ids[wanted].id, moved
        earlier = existing.get(wanted)
        if earlier is not None and earlier[1] == planned.post_id:
            return earlier[0], moved
        moved = True
        named = everything.get(wanted)
        wanted = named[0].parent_source_id if named is not None else None
    return None, moved or bool(wanted)


def _settle_depths(planned: list[_Planned], new_ids: dict[str, _Planned]) -> None:
    """Depth of each new comment among the new ones, so parents are written before replies."""
    by_id = {p.id: p for p in new_ids.values()}
    for item in planned:
        depth, current, seen = 0, item.parent_id, set()
        while current in by_id and current not in seen:
            seen.add(current)
            depth += 1
            current = by_id[current].parent_id
        item.depth = depth


def _closed(threads: Sequence[ImportedThread], post_of_thread: dict[str, str]) -> set[str]:
    """Posts whose every matched thread was closed on the old site."""
    states: dict[str, list[bool]] = {}
    for thread in threads:
        post_id = post_of_thread.get(thread.source_id)
        if post_id is not None and not thread.deleted:
            states.setdefault(post_id, []).append(thread.closed)
    return {post_id for post_id, closed in states.items() if all(closed)}


async def _close(
    session: AsyncSession, post_ids: set[str], threads: dict[str, CommentThread]
) -> int:
    """Close the threads closed on the old site, unless the owner chose a state here."""
    closed = 0
    for post_id in post_ids:
        thread = threads[post_id]
        if thread.open is None:
            thread.open = False
            closed += 1
    await session.flush()
    return closed


async def _write(
    session: AsyncSession,
    planned: list[_Planned],
    threads: dict[str, CommentThread],
    source: str,
) -> None:
    """Insert the comments level by level: a parent row always exists before its replies."""
    for depth in sorted({p.depth for p in planned}):
        rows = [_row(p, threads[p.post_id].id, source) for p in planned if p.depth == depth]
        for start in range(0, len(rows), 500):
            await session.execute(insert(Comment), rows[start : start + 500])


def _row(planned: _Planned, thread_id: str, source: str) -> dict[str, object]:
    record = planned.record
    html = sanitise_comment_html(record.html)
    when = _when(record)
    return {
        "id": planned.id,
        "thread_id": thread_id,
        "parent_id": planned.parent_id,
        "author_name": clean_name(record.author_name),
        "author_email": clean_email(record.author_email),
        "author_website": clean_website(record.author_website),
        "body": body_of(html),
        "html": html,
        "status": "approved",
        "created_at": when,
        "approved_at": when,
        "like_count": 0,
        "notify_replies": False,
        "source": source,
        "source_id": record.source_id,
    }
