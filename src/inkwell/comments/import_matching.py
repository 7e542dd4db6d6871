"""Which post an old comment thread's address names, asked of ``content.service`` only.

An export names pages of the blog's old address, which may not be this site's: the host is
ignored and the path decides. A path is tried as it is, with and without its trailing slash,
without a page suffix (``index.html``, ``amp/``) and without this site's own path prefix; then
as an old path that redirects here (stored redirects, custom ones followed a few hops); last,
by its final segment as a post's slug (said in the report: it is a guess, a good one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.comments.threads import post_by_path
from inkwell.content import service as content

_SUFFIXES = ("/index.html", "/index.htm", "/index.php", "/amp")
# Custom redirects may chain; more hops than this is a loop or not worth following.
_MAX_HOPS = 5


@dataclass(frozen=True)
class Match:
    """A post that answers for an old address; ``by_slug`` when only its slug matched."""

    post: content.Post
    by_slug: bool = False


def old_paths(url: str, site_prefix: str = "") -> list[str]:
    """The paths worth trying for ``url``, most faithful first, each ending with a slash."""
    text = url.strip()
    if not text:
        return []
    if not re.match(r"^(https?:)?//|^/", text, re.IGNORECASE):
        text = "//" + text  # "example.com/post/": a host without a scheme
    path = unquote(urlsplit(text).path)
    path = "/" + re.sub(r"/{2,}", "/", path).strip("/")
    found: list[str] = []

    def add(candidate: str) -> None:
        candidate = candidate if candidate.endswith("/") else candidate + "/"
        if candidate not in found:
            found.append(candidate)

    add(path)
    for suffix in _SUFFIXES:
        if path.lower().endswith(suffix) and len(path) > len(suffix):
            add(path[: -len(suffix)])
    prefix = "/" + site_prefix.strip("/")
    if prefix != "/":
        for candidate in list(found):
            if candidate.startswith(prefix + "/") and candidate != prefix + "/":
                add(candidate[len(prefix) :])
    return found


class PostMatcher:
    """Finds the post for each old address, remembering answers for the run."""

    def __init__(self, session: AsyncSession, site: content.SiteSettings, site_prefix: str = ""):
        self._session = session
        self._site = site
        self._prefix = site_prefix
        self._known: dict[str, Match | None] = {}

    async def match(self, url: str) -> Match | None:
        """The post ``url`` names on this site, or None."""
        if url in self._known:
            return self._known[url]
        found = await self._find(url)
        self._known[url] = found
        return found

    async def _find(self, url: str) -> Match | None:
        paths = old_paths(url, self._prefix)
        for path in paths:
            post = await self._at_path(path)
            if post is not None:
                return Match(post)
        for path in paths:
            post = await self._redirected(path)
            if post is not None:
                return Match(post)
        for path in paths:
            segments = [s for s in path.split("/") if s]
            if segments:
                post = await self._by_slug(segments[-1])
                if post is not None:
                    return Match(post, by_slug=True)
        return None

    async def _at_path(self, path: str) -> content.Post | None:
        """The published post or page at ``path``, also when the old system kept capitals
        or accents in it (``/blog/2024/06/Café-Notes/`` → ``cafe-notes``)."""
        post = await post_by_path(self._session, path)
        made = "/" + "/".join(content.make_slug(s, fallback="") for s in path.split("/") if s)
        if post is None and made.rstrip("/") and made + "/" != path:
            post = await post_by_path(self._session, made + "/")
        return post

    async def _by_slug(self, slug: str) -> content.Post | None:
        post = await content.get_published(self._session, slug)
        made = content.make_slug(slug, fallback="")
        if post is None and made and made != slug:
            post = await content.get_published(self._session, made)
        return post

    async def _redirected(self, path: str) -> content.Post | None:
        """The post an old path redirects to, following local custom redirects."""
        for _ in range(_MAX_HOPS):
            target = await content.resolve_redirect(self._session, path)
            if target is None:
                return None
            if target.post is not None:
                return target.post
            location = target.location or ""
            if not location.startswith("/") or location.startswith("//"):
                return None  # to another site: no post of ours
            path = content.normalise_path(urlsplit(location).path)
            post = await self._at_path(path)
            if post is not None:
                return post
        return None
