"""The fallback handler: every GET no explicit route claims is a post, a page, a redirect or 404.

Redirects are the stored ones (``content.service.resolve_redirect``): bound to a post, they
follow its current URL; custom ones go to their path or URL, with 301 or 302.

It is installed as the router's ``default`` (what Starlette calls when no route matches), so it
never shadows a route any other feature adds, whatever the order they are installed in.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Match
from starlette.types import Receive, Scope, Send

from inkwell.content import service
from inkwell.content.service import Post
from inkwell.site import pages
from inkwell.site.context import SiteContext, make_context
from inkwell.site.errors import guarded
from inkwell.site.responses import CACHE_PAGE, cacheable, post_tag, redirect, with_query

_PAGE_PATH = re.compile(r"^/([^/]+)/$")


async def find_content(ctx: SiteContext, path: str) -> tuple[Post, str] | None:
    """The published post or page that ``path`` names, with its canonical path."""
    tokens = service.match_path(ctx.site.permalink, path)
    if tokens is not None:
        post: Post | None = None
        if "slug" in tokens:
            post = await service.get_published(ctx.session, tokens["slug"])
        elif "id" in tokens:
            post = await service.published_post_by_id(ctx.session, tokens["id"])
        if post is not None:
            return post, service.path_of(post, ctx.site)
    page_slug = _PAGE_PATH.match(path)
    if page_slug is not None:
        page = await service.get_published(ctx.session, page_slug.group(1), kind="page")
        if page is not None:
            return page, service.path_of(page, ctx.site)
    return None


def route_exists(app: FastAPI, scope: Scope, path: str) -> bool:
    """True when some explicit route of the app would answer ``path``."""
    probe = dict(scope, path=path)
    return any(route.matches(probe)[0] is not Match.NONE for route in app.router.routes)


async def resolve(request: Request, app: FastAPI) -> Response:
    """Find what ``request.url.path`` is: content, a redirect to it, or nothing (404)."""
    path = request.url.path
    query = request.url.query
    async with request.app.state.database.session() as session:
        ctx = await make_context(request, session)
        found = await find_content(ctx, path)
        if found is not None:
            post, canonical = found
            if canonical != path:
                # Right post, wrong address (an old date, another pattern): send readers on.
                cacheable(request, [post_tag(post.id)])
                return redirect(with_query(canonical, query), cache_control=CACHE_PAGE)
            return await pages.show_post(ctx, post)
        if not path.endswith("/"):
            slashed = path + "/"
            if route_exists(app, request.scope, slashed):
                cacheable(request)
                return redirect(with_query(slashed, query))
            found = await find_content(ctx, slashed)
            if found is not None:
                cacheable(request, [post_tag(found[0].id)])
                return redirect(with_query(slashed, query))
        if path.endswith("/amp/"):
            found = await find_content(ctx, path.removesuffix("amp/"))
            if found is not None and found[0].type == "post":
                cacheable(request, [post_tag(found[0].id)])
                return redirect(found[1])
        old = await service.resolve_redirect(ctx.session, path)
        if old is not None:
            return _follow(request, ctx, old)
    raise pages.PageNotFound


def _follow(request: Request, ctx: SiteContext, old: service.RedirectTarget) -> Response:
    """The answer of a stored redirect: to its post's current URL, or to its fixed target."""
    permanent = old.status_code == 301
    # Its own path tag comes with every entry, so a redirect added or deleted there drops it.
    if old.post is not None:
        cacheable(request, [post_tag(old.post.id)])
        location = service.path_of(old.post, ctx.site)
        return redirect(location, permanent=permanent, cache_control=CACHE_PAGE)
    location = old.location or "/"
    if location.startswith("/"):
        location = with_query(location, request.url.query)
    cacheable(request)
    return redirect(location, permanent=permanent, cache_control=CACHE_PAGE)


class Fallback:
    """ASGI app for unmatched requests: the site's resolver for GET and HEAD."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.not_found = app.router.not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.not_found(scope, receive, send)
            return
        request = Request(scope, receive)
        if request.method not in ("GET", "HEAD"):
            path = request.url.path
            if not path.endswith("/") and route_exists(self.app, scope, path + "/"):
                # 308 keeps the method and body, which a 301 would not for a POST.
                target = with_query(path + "/", request.url.query)
                await RedirectResponse(target, status_code=308)(scope, receive, send)
                return
            await self.not_found(scope, receive, send)
            return
        response = await guarded(request, lambda: resolve(request, self.app))
        await response(scope, receive, send)
