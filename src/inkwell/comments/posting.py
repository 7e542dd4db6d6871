"""Posting a comment: every rule in order, then one row and its events.

Order: the thread (exists, open), the commenter (checked, not blocked), the body, the
parent, rate limits (429, nothing stored), then the rules that file a comment as spam or
hold it (see ``spam``), then the moderation mode.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import akismet, spam
from inkwell.comments.models import Comment, CommentThread
from inkwell.comments.settings import CommentSettings, load_cached, secret
from inkwell.comments.threads import (
    Target,
    find_thread,
    resolve_target,
    state_of,
    thread_for,
)
from inkwell.comments.types import Commenter, CommentInputError, Posted, Submission
from inkwell.comments.validation import clean_body, clean_commenter, plausible_id
from inkwell.comments.views import MAX_DEPTH, Audience, view_of
from inkwell.core import events
from inkwell.render.comment_text import count_links, render_comment


def posted_at() -> datetime:
    """Now, to the microsecond: comments posted within one second keep their order (the
    site's other times are kept to the second, as Ghost keeps them)."""
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    """The stored form of an edit token."""
    return hashlib.sha256(token.encode()).hexdigest()


def event_data(row: Comment, post_id: str | None) -> dict[str, object]:
    """What every comment event carries (core.changes drops ``post:<post_id>`` pages)."""
    return {
        "post_id": post_id,
        "thread_id": row.thread_id,
        "comment_id": row.id,
        "parent_id": row.parent_id,
        "status": row.status,
    }


async def _parent(session: AsyncSession, parent_id: str | None, thread: CommentThread) -> int:
    """The depth a reply to ``parent_id`` has (0 for a top-level comment)."""
    if parent_id is None:
        return 0
    parent = await session.get(Comment, parent_id) if plausible_id(parent_id) else None
    if parent is None or parent.thread_id != thread.id:
        raise CommentInputError("parent_id", "There is no such comment under this post.")
    if parent.status != "approved":
        raise CommentInputError("parent_id", "That comment can no longer be answered.")
    depth = 1
    while parent.parent_id is not None and depth < MAX_DEPTH:
        found = await session.get(Comment, parent.parent_id)
        if found is None:
            break
        parent, depth = found, depth + 1
    return depth


async def _known_commenter(session: AsyncSession, commenter: Commenter) -> bool:
    """Has this commenter had a comment approved before (by account, else by email)?"""
    if commenter.reader_id:
        condition = Comment.reader_id == commenter.reader_id
    elif commenter.email:
        condition = Comment.author_email == commenter.email
    else:
        return False
    query = select(Comment.id).where(condition, Comment.status == "approved").limit(1)
    return (await session.execute(query)).first() is not None


async def _held_by_rules(
    session: AsyncSession,
    submission: Submission,
    commenter: Commenter,
    body: str,
    html: str,
    settings: CommentSettings,
    *,
    thread: CommentThread,
    identity: str | None,
    address: str | None,
    akismet_fields: dict[str, str],
    allowed_hosts: Collection[str],
) -> spam.Verdict:
    if submission.honeypot.strip():
        return spam.Verdict("spam", "the hidden honeypot field was filled in")
    word = spam.blocked_word(settings, body, commenter.name, commenter.email, commenter.website)
    if word is not None:
        return spam.Verdict("spam", f"contains the blocked word {word!r}")
    duplicate = await spam.duplicate_verdict(
        session, body, thread_id=thread.id, identity=identity, address=address
    )
    if commenter.user_id:
        return spam.CLEAN  # staff write as themselves: no robot checks, no queue
    held = await spam.form_token_verdict(session, submission.form_token, settings)
    if held.status is None and count_links(html) > settings.max_links:
        held = spam.Verdict("pending", f"more than {settings.max_links} links")
    if held.status is None:
        held = duplicate
    checked = await akismet.akismet_verdict(settings, akismet_fields, allowed_hosts=allowed_hosts)
    if checked.status == "spam" or (checked.status and held.status is None):
        return checked
    if held.status is not None:
        return held
    if settings.moderation == "all":
        return spam.Verdict("pending", "every comment waits for a moderator")
    if settings.moderation == "first" and not await _known_commenter(session, commenter):
        return spam.Verdict("pending", "a new commenter's first comment")
    return spam.CLEAN


async def post_comment(
    session: AsyncSession,
    submission: Submission,
    *,
    settings: CommentSettings | None = None,
    site_url: str = "",
    fetch_allowed_hosts: Collection[str] = (),
) -> Posted:
    """Post ``submission`` under every rule; CommentInputError (nothing stored) if refused.

    Emits ``comment.added`` (and ``comment.approved`` when it is shown at once).
    """
    settings = settings or await load_cached(session)
    target = await resolve_target(
        session,
        post_id=submission.post_id,
        url=submission.url,
        settings=settings,
        site_url=site_url,
    )
    existing = await find_thread(session, target)
    state = state_of(existing, target.post, settings)
    if not state.open:
        raise CommentInputError(None, state.reason or "Comments are closed.", 403)
    commenter = clean_commenter(submission.commenter, settings)
    body = clean_body(submission.body, settings)
    salt = await secret(session)
    address = spam.address_hash(submission.address, salt)
    await spam.check_blocks(
        session, reader_id=commenter.reader_id, email=commenter.email, address=address
    )
    identity = spam.identity_key(commenter.reader_id, commenter.user_id, commenter.email)
    if not commenter.user_id:
        await spam.check_rate_limits(session, settings, address=address, identity=identity)
    thread = existing or await thread_for(session, target)
    depth = await _parent(session, submission.parent_id, thread)
    html = render_comment(body)
    fields = {
        "blog": site_url,
        "user_ip": submission.address,
        "user_agent": submission.user_agent,
        "referrer": submission.referrer,
        "comment_author": commenter.name,
        "comment_author_email": commenter.email or "",
        "comment_author_url": commenter.website or "",
        "comment_content": body,
    }
    verdict = await _held_by_rules(
        session,
        submission,
        commenter,
        body,
        html,
        settings,
        thread=thread,
        identity=identity,
        address=address,
        akismet_fields=fields,
        allowed_hosts=fetch_allowed_hosts,
    )
    token = secrets.token_urlsafe(24)
    now = posted_at()
    row = Comment(
        thread_id=thread.id,
        parent_id=submission.parent_id,
        reader_id=commenter.reader_id,
        user_id=commenter.user_id,
        author_name=commenter.name,
        author_email=commenter.email,
        author_website=commenter.website,
        body=body,
        html=html,
        status=verdict.status or "approved",
        held_reason=verdict.reason,
        created_at=now,
        approved_at=None if verdict.status else now,
        like_count=0,
        address_hash=address,
        edit_token_hash=token_hash(token),
        notify_replies=submission.notify_replies and commenter.email is not None,
    )
    session.add(row)
    await session.flush()
    if not commenter.user_id:
        await spam.record_rate_limits(session, address=address, identity=identity)
    events.emit(session, "comment.added", row.id, **event_data(row, target.post_id))
    if row.status == "approved":
        events.emit(session, "comment.approved", row.id, **event_data(row, target.post_id))
    audience = audience_for(target, settings)
    view = view_of(row, audience, depth=depth)
    return Posted(comment=view, status=row.status, edit_token=token, held_reason=row.held_reason)


def audience_for(target: Target, settings: CommentSettings) -> Audience:
    """Who gets the author badge in ``target``'s thread, and the avatar setting."""
    post = target.post
    authors = frozenset(link.author_id for link in post.author_links) if post else frozenset()
    return Audience(post_author_ids=authors, gravatar=settings.gravatar)
