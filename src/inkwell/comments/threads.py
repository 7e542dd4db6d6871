"""Which thread a request names (a post of this site, or a page of an allowed other site),
and whether that thread takes new comments (per-post switch, site-wide switch, auto-close)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.models import CommentThread
from inkwell.comments.settings import CommentSettings, load_cached
from inkwell.comments.types import CommentInputError, ThreadState
from inkwell.comments.validation import plausible_id
from inkwell.content import service as content
from inkwell.core import events
from inkwell.core.time import utcnow

MAX_URL = 500


@dataclass(frozen=True)
class Target:
    """A resolved thread target: a post of this site, or the normalised URL of another's page."""

    post: content.Post | None
    url: str | None

    @property
    def post_id(self) -> str | None:
        """The post's id, None for another site's page."""
        return self.post.id if self.post is not None else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def normalise_page_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no query string, no fragment."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}"


async def post_by_path(session: AsyncSession, path: str) -> content.Post | None:
    """The published post or page that answers at ``path`` (a path of this site)."""
    site = await content.load_settings_cached(session)
    tokens = content.match_path(site.permalink, path)
    if tokens is not None:
        if "slug" in tokens:
            found = await content.get_published(session, tokens["slug"])
            if found is not None:
                return found
        elif "id" in tokens:
            found = await content.published_post_by_id(session, tokens["id"])
            if found is not None:
                return found
    slug = path.strip("/")
    if slug and "/" not in slug:
        return await content.get_published(session, slug, kind="page")
    return None


def _commentable(post: content.Post | None, settings: CommentSettings, field: str) -> content.Post:
    """``post`` when readers may comment under it; else CommentInputError saying why: a page
    while comments on pages are off is there (403), anything unpublished is not (404)."""
    if post is None or post.status != "published" or post.type not in ("post", "page"):
        raise CommentInputError(field, "There is no such post.", 404)
    if post.type == "page" and not settings.on_pages:
        raise CommentInputError(field, "Comments are not enabled on pages of this site.", 403)
    return post


async def resolve_target(
    session: AsyncSession,
    *,
    post_id: str | None,
    url: str | None,
    settings: CommentSettings,
    site_url: str = "",
) -> Target:
    """The thread ``post_id`` or ``url`` names; CommentInputError (404/403/422) if none.

    ``url`` may be a path of this site, an absolute URL of this site (``site_url``) — both
    name a post — or a page of a site in ``allowed_origins``.
    """
    if post_id is not None:
        found = await content.get_post(session, post_id) if plausible_id(post_id) else None
        post = _commentable(found, settings, "post_id")
        return Target(post, None)
    if not url:
        raise CommentInputError("post_id", "Say which post: post_id or url.", 422)
    if len(url) > MAX_URL:
        raise CommentInputError("url", f"The url is longer than {MAX_URL} characters.", 422)
    if not url.isprintable():
        raise CommentInputError("url", "The url must be a site path or an http(s) URL.")
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[broken": an unclosed IPv6 address
        raise CommentInputError("url", "The url must be a site path or an http(s) URL.") from None
    if url.startswith("/") and not url.startswith("//"):
        path = parts.path
    else:
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommentInputError("url", "The url must be a site path or an http(s) URL.")
        if site_url and _origin(url) != _origin(site_url):
            if _origin(url) not in settings.allowed_origins:
                raise CommentInputError("url", "Comments are not enabled for that site.", 403)
            return Target(None, normalise_page_url(url))
        base = urlsplit(site_url).path.rstrip("/") if site_url else ""
        path = parts.path.removeprefix(base) or "/"
    return Target(_commentable(await post_by_path(session, path), settings, "url"), None)


async def find_thread(session: AsyncSession, target: Target) -> CommentThread | None:
    """The stored thread of ``target``, None while nobody has commented there."""
    if target.post is not None:
        query = select(CommentThread).where(CommentThread.post_id == target.post.id)
    else:
        query = select(CommentThread).where(CommentThread.url == target.url)
    return (await session.execute(query)).scalar_one_or_none()


async def thread_for(session: AsyncSession, target: Target) -> CommentThread:
    """The thread of ``target``, made on first use (two first comments racing share one)."""
    found = await find_thread(session, target)
    if found is not None:
        return found
    title = target.post.title if target.post is not None else None
    thread = CommentThread(post_id=target.post_id, url=target.url, title=title)
    try:
        async with session.begin_nested():
            session.add(thread)
            await session.flush()
    except IntegrityError:
        again = await find_thread(session, target)
        if again is None:
            raise
        return again
    return thread


def state_of(
    thread: CommentThread | None, post: content.Post | None, settings: CommentSettings
) -> ThreadState:
    """Whether new comments are taken: the site switch, then the post's own, then auto-close."""
    if not settings.enabled:
        return ThreadState(False, "Comments are closed on this site.")
    switch = thread.open if thread is not None else None
    if switch is False:
        return ThreadState(False, "Comments are closed for this post.")
    days = settings.auto_close_days
    published = post.published_at if post is not None else None
    if switch is None and days and published and utcnow() - published > timedelta(days=days):
        return ThreadState(False, f"Comments close {days} days after publication.")
    return ThreadState(True)


async def thread_state(
    session: AsyncSession, post_id: str, *, settings: CommentSettings | None = None
) -> ThreadState:
    """Whether post ``post_id`` takes new comments now, and if not, why."""
    settings = settings or await load_cached(session)
    post = await content.get_post(session, post_id)
    if post is None:
        return ThreadState(False, "There is no such post.")
    thread = await find_thread(session, Target(post, None))
    return state_of(thread, post, settings)


async def set_thread_open(session: AsyncSession, post_id: str, open: bool | None) -> None:
    """The post's own switch: True open, False closed, None follows the site's rules."""
    post = await content.get_post(session, post_id)
    if post is None:
        raise CommentInputError("post_id", "There is no such post.", 404)
    thread = await thread_for(session, Target(post, None))
    if thread.open is not open:
        thread.open = open
        await session.flush()
        # The post page shows the form or "comments are closed": its cached copy drops.
        events.emit(session, "comment.thread_changed", thread.id, post_id=post_id, open=open)
