"""Comment notification emails, sent by jobs once a comment event is committed.

- ``comments.notify_author``: each new comment that is not spam, to the post's authors (the
  site owner for a page of another site), unless the setting ``notify_authors`` is off; a held
  comment's email carries signed approve and delete links (``comments.mail_routes``).
- ``comments.notify_replies``: an approved reply, to the writer of the comment it answers when
  they asked for it (``notify_replies``), never to the reply's own writer. A reply held for
  moderation mails no one until it is approved, so spam never reaches a reader.

Nobody who unsubscribed (``comment_mail_optouts``) gets either. Imported comments mail no one.
The jobs read the comment again when they run: what counts is its state then, not at the event.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments import emails, mail_tokens
from inkwell.comments.models import Comment
from inkwell.comments.recipients import (
    CommentPlace,
    Recipient,
    author_recipients,
    comment_place,
    opted_out,
    same_writer,
)
from inkwell.comments.settings import load as load_settings
from inkwell.core import events, jobs

logger = logging.getLogger("inkwell.comments.notifications")

AUTHOR_JOB = "comments.notify_author"
REPLIES_JOB = "comments.notify_replies"
# An author hears of comments readers may see or a moderator must look at; spam goes nowhere.
_AUTHOR_STATUSES = frozenset({"pending", "approved"})


def wanted_jobs(found: list[events.Event]) -> list[tuple[str, str]]:
    """The (job, comment id) pairs one commit's comment events call for, each once."""
    wanted: list[tuple[str, str]] = []
    for item in found:
        comment_id = item.data.get("comment_id") or item.subject_id
        if not comment_id or item.data.get("source"):
            continue  # an imported comment is old news: nobody is mailed
        status = item.data.get("status")
        if item.name == "comment.added" and status in _AUTHOR_STATUSES:
            wanted.append((AUTHOR_JOB, str(comment_id)))
        approved_now = item.name == "comment.approved" or (
            item.name == "comment.added" and status == "approved"
        )
        if approved_now and item.data.get("parent_id"):
            wanted.append((REPLIES_JOB, str(comment_id)))
    return list(dict.fromkeys(wanted))


def _committed(found: list[events.Event]) -> None:
    """After a commit: enqueue the notification jobs (quick: no query here)."""
    for job, comment_id in wanted_jobs(found):
        try:
            jobs.enqueue_now(job, comment_id=comment_id)
        except jobs.NoRunner:
            logger.info("no job runner here: no email about comment %s", comment_id)
        except jobs.UnknownJob:
            logger.debug("the job runner here does not send comment emails")


events.subscribe_batch("comment.*", _committed)


async def notify_author(context: jobs.JobContext, args: Mapping[str, Any]) -> None:
    """Job: tell the post's authors of a new comment (``to``: only that one of them)."""
    comment_id, only = str(args["comment_id"]), args.get("to")
    async with context.database.session() as session:
        place = await comment_place(session, context.settings.site_url, comment_id)
        if place is None or not _notifiable(place.comment, _AUTHOR_STATUSES):
            return
        if not (await load_settings(session)).notify_authors:
            return
        recipients = [
            r
            for r in await author_recipients(session, place)
            if not same_writer(place.comment, r) and not await opted_out(session, r.email)
        ]
        if only is None and len(recipients) > 1:
            # One job per author: a retry after one failed send mails no one twice.
            for recipient in recipients:
                jobs.enqueue_now(AUTHOR_JOB, comment_id=comment_id, to=recipient.email)
            return
        letters = [
            await _author_email(session, place, r.email)
            for r in recipients
            if only is None or r.email == only
        ]
    for letter in letters:
        await _send(context, letter)


async def notify_replies(context: jobs.JobContext, args: Mapping[str, Any]) -> None:
    """Job: tell the writer of the comment an approved reply answers, if they asked to."""
    comment_id = str(args["comment_id"])
    async with context.database.session() as session:
        place = await comment_place(session, context.settings.site_url, comment_id)
        if place is None or not _notifiable(place.comment, {"approved"}):
            return
        parent = await _parent_to_tell(session, place.comment)
        if parent is None or parent.author_email is None:
            return
        letter = emails.new_reply(
            to=parent.author_email,
            site=place.site,
            post_title=place.title,
            reply=_shown(place.comment),
            parent=_shown(parent),
            link=place.link,
            unsubscribe=await _unsubscribe_link(session, place, parent.author_email),
        )
    await _send(context, letter)


def _notifiable(comment: Comment, statuses: set[str] | frozenset[str]) -> bool:
    return comment.status in statuses and comment.source is None


async def _parent_to_tell(session: AsyncSession, reply: Comment) -> Comment | None:
    """The comment ``reply`` answers, when its writer wants to hear of it; else None."""
    if reply.parent_id is None:
        return None
    parent = await session.get(Comment, reply.parent_id)
    if parent is None or parent.status != "approved" or not parent.notify_replies:
        return None
    if not parent.author_email:
        return None
    writer = Recipient(parent.author_email, parent.user_id, parent.reader_id)
    if same_writer(reply, writer) or await opted_out(session, parent.author_email):
        return None
    return parent


async def _author_email(session: AsyncSession, place: CommentPlace, to: str) -> emails.Email:
    comment, site_url = place.comment, place.site.url
    moderation = None
    if comment.status == "pending":
        approve = await mail_tokens.moderation_token(session, comment.id, "approve")
        delete = await mail_tokens.moderation_token(session, comment.id, "delete")
        moderation = (
            f"{site_url}/comments/moderate/{approve}",
            f"{site_url}/comments/moderate/{delete}",
        )
    return emails.new_comment(
        to=to,
        site=place.site,
        post_title=place.title,
        comment=_shown(comment),
        link=place.link,
        unsubscribe=await _unsubscribe_link(session, place, to),
        moderation=moderation,
        held_reason=comment.held_reason,
    )


async def _unsubscribe_link(session: AsyncSession, place: CommentPlace, email: str) -> str:
    token = await mail_tokens.unsubscribe_token(session, email)
    return f"{place.site.url}/comments/unsubscribe/{token}"


def _shown(comment: Comment) -> emails.Shown:
    return emails.Shown(comment.author_name, comment.body, comment.html)


async def _send(context: jobs.JobContext, letter: emails.Email) -> None:
    # A MailError propagates: the runner tries again later (the job is safe to repeat).
    await context.mailer.send(
        letter.to, letter.subject, letter.text, letter.html, headers=letter.headers
    )


JOBS = {AUTHOR_JOB: notify_author, REPLIES_JOB: notify_replies}
