"""Who a comment email goes to, where the comment is, and who asked for no more emails."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service as accounts
from inkwell.comments.emails import Site
from inkwell.comments.models import Comment, CommentMailOptOut, CommentThread
from inkwell.content import service as content


@dataclass(frozen=True)
class Recipient:
    """Someone to mail, and who they are here (to never mail a writer about their own words)."""

    email: str
    user_id: str | None = None
    reader_id: str | None = None


@dataclass(frozen=True)
class CommentPlace:
    """A comment with where it stands: its thread, its post (None on another site's page), the
    title to name it by and the absolute link to it."""

    comment: Comment
    thread: CommentThread
    post: content.Post | None
    site: Site
    title: str
    link: str


async def comment_place(
    session: AsyncSession, site_url: str, comment_id: str
) -> CommentPlace | None:
    """The comment ``comment_id`` and its place, or None when it (or its thread) is gone."""
    comment = await session.get(Comment, comment_id)
    if comment is None:
        return None
    thread = await session.get(CommentThread, comment.thread_id)
    if thread is None:
        return None
    site_settings = await content.load_settings(session)
    site = Site(site_url, site_settings.title)
    anchor = f"#comment-{comment.id}"
    if thread.post_id is None:
        page = thread.url or site_url
        return CommentPlace(comment, thread, None, site, thread.title or page, page + anchor)
    post = await content.get_post(session, thread.post_id)
    if post is None:
        return None
    link = site_url + content.path_of(post, site_settings) + anchor
    return CommentPlace(comment, thread, post, site, post.title, link)


async def author_recipients(session: AsyncSession, place: CommentPlace) -> list[Recipient]:
    """The post's authors who have an email address (the owner for another site's page, or a
    post without any), each address once."""
    people = list(place.post.authors) if place.post is not None else []
    if not any(person.email for person in people):
        owner = await accounts.get_owner(session)
        people = [owner] if owner is not None else []
    found: dict[str, Recipient] = {}
    for person in people:
        if person.email:
            found.setdefault(person.email.lower(), Recipient(person.email, person.id))
    return list(found.values())


def same_writer(comment: Comment, recipient: Recipient) -> bool:
    """True when ``recipient`` wrote ``comment`` (same staff user, reader or email address)."""
    if comment.user_id is not None and comment.user_id == recipient.user_id:
        return True
    if comment.reader_id is not None and comment.reader_id == recipient.reader_id:
        return True
    email = (comment.author_email or "").strip().lower()
    return bool(email) and email == recipient.email.strip().lower()


async def opted_out(session: AsyncSession, email: str) -> bool:
    """True when ``email`` unsubscribed from comment emails."""
    return await session.get(CommentMailOptOut, email.strip().lower()) is not None


async def opt_out(session: AsyncSession, email: str) -> None:
    """Stop every comment email to ``email`` (idempotent)."""
    if not await opted_out(session, email):
        session.add(CommentMailOptOut(email=email.strip().lower()))
        await session.flush()


async def opt_in(session: AsyncSession, email: str) -> None:
    """Mail ``email`` again (undoes ``opt_out``; idempotent)."""
    found = await session.get(CommentMailOptOut, email.strip().lower())
    if found is not None:
        await session.delete(found)
        await session.flush()
