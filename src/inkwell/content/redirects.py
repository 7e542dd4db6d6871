"""Redirects: old URL paths that answer 301 (or 302) with another address.

Two kinds share one table. A post-bound redirect (an imported blog's old URL, a post's address
before a permalink change) follows the post wherever it lives now, and only while it is
published. A custom redirect (made in the admin) points to a path of this site or an absolute
http(s) URL. Paths are compared with a trailing slash: ``/a/b`` and ``/a/b/`` are one old URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Post, Redirect
from inkwell.core import events

STATUS_CODES = (301, 302)
MAX_PATH = 500
MAX_URL = 2000
# Custom redirects may lead to other redirects; a longer chain than this is refused as a loop.
_MAX_HOPS = 20


class RedirectInputError(ValueError):
    """A redirect that cannot be made; the message says why."""


@dataclass(frozen=True)
class RedirectTarget:
    """Where a redirect sends readers: a post (follow its current URL) or a fixed address."""

    status_code: int
    post: Post | None = None
    location: str | None = None


def normalise_path(path: str) -> str:
    """``/a/b`` and ``/a/b/`` are the same old URL."""
    path = "/" + path.strip().lstrip("/")
    return path if path.endswith("/") else path + "/"


async def add_redirect(session: AsyncSession, old_path: str, post_id: str) -> None:
    """Make ``old_path`` answer 301 to the post's URL (wherever the post lives later)."""
    from_path = normalise_path(old_path)
    await session.merge(
        Redirect(from_path=from_path, post_id=post_id, to_url=None, status_code=301)
    )
    events.emit(session, "redirect.added", post_id, from_path=from_path)


def _is_local(target: str) -> bool:
    return target.startswith("/") and not target.startswith("//")


def check_target(target: str) -> str:
    """``target`` as stored: a path of this site, or an absolute http(s) URL with a host."""
    target = target.strip()
    if not target:
        raise RedirectInputError("a redirect needs a target: a path such as /new/ or a URL")
    if len(target) > MAX_URL:
        raise RedirectInputError(f"a redirect target is at most {MAX_URL} characters")
    if any(ch.isspace() or ord(ch) < 32 for ch in target):
        raise RedirectInputError("a redirect target cannot contain spaces or control characters")
    if _is_local(target):
        return target
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RedirectInputError(f"{target!r} is neither a path starting with / nor an http(s) URL")
    return target


def check_from_path(path: str) -> str:
    """The normalised path a redirect answers at; refuses anything but a plain local path."""
    path = path.strip()
    if not _is_local(path):
        raise RedirectInputError(f"a redirect is from a path starting with /, not {path!r}")
    if "?" in path or "#" in path or any(ch.isspace() for ch in path):
        raise RedirectInputError("a redirect's old path has no query, fragment or spaces")
    normal = normalise_path(path)
    if len(normal) > MAX_PATH:
        raise RedirectInputError(f"a redirect's old path is at most {MAX_PATH} characters")
    return normal


async def _leads_back(session: AsyncSession, from_path: str, target: str) -> bool:
    """True when following ``target`` through custom redirects comes back to ``from_path``."""
    seen = {from_path}
    current = target
    for _ in range(_MAX_HOPS):
        if not _is_local(current):
            return False
        path = normalise_path(urlsplit(current).path)
        if path in seen:
            return True
        seen.add(path)
        found = await session.get(Redirect, path)
        if found is None or found.to_url is None:
            return False
        current = found.to_url
    return True  # a chain this long is as good as a loop


async def add_custom_redirect(
    session: AsyncSession, from_path: str, to: str, *, status_code: int = 301
) -> Redirect:
    """Make ``from_path`` answer ``status_code`` (301 or 302) with ``to``, a path or a URL.

    Raises RedirectInputError (nothing stored) for a bad path or target, a redirect to itself,
    one leading back to itself through others, or an old path that redirects already.
    """
    source = check_from_path(from_path)
    target = check_target(to)
    if status_code not in STATUS_CODES:
        raise RedirectInputError(f"a redirect answers 301 or 302, not {status_code}")
    if _is_local(target) and normalise_path(urlsplit(target).path) == source:
        raise RedirectInputError(f"{source} cannot redirect to itself")
    if await session.get(Redirect, source) is not None:
        raise RedirectInputError(f"{source} redirects already: delete that redirect first")
    if await _leads_back(session, source, target):
        raise RedirectInputError(f"a redirect from {source} to {target} would make a loop")
    redirect = Redirect(from_path=source, to_url=target, status_code=status_code, post_id=None)
    session.add(redirect)
    await session.flush()
    events.emit(session, "redirect.added", None, from_path=source, to_url=target)
    return redirect


async def list_redirects(session: AsyncSession) -> list[Redirect]:
    """Every redirect, by old path: custom ones and those bound to a post."""
    return list((await session.execute(select(Redirect).order_by(Redirect.from_path))).scalars())


class RedirectNotFound(LookupError):
    """No redirect answers at this path."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no redirect from {path}")
        self.path = path


async def delete_redirect(session: AsyncSession, from_path: str) -> None:
    """Delete the redirect at ``from_path`` (either kind); RedirectNotFound when none."""
    source = normalise_path(from_path)
    found = await session.get(Redirect, source)
    if found is None:
        raise RedirectNotFound(source)
    await session.delete(found)
    await session.flush()
    events.emit(session, "redirect.deleted", found.post_id, from_path=source)


async def resolve_redirect(session: AsyncSession, path: str) -> RedirectTarget | None:
    """Where the redirect at ``path`` sends readers, or None (none, or its post is not public)."""
    redirect = await session.get(Redirect, normalise_path(path))
    if redirect is None:
        return None
    if redirect.to_url is not None:
        return RedirectTarget(redirect.status_code, location=redirect.to_url)
    post = await session.get(Post, redirect.post_id)
    if post is None or post.status != "published":
        return None
    return RedirectTarget(redirect.status_code, post=post)


async def find_redirect(session: AsyncSession, path: str) -> Post | None:
    """The published post an old path points at, or None (custom redirects have no post)."""
    found = await resolve_redirect(session, path)
    return None if found is None else found.post
