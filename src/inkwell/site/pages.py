"""Page handlers: ask the content services, build views and head tags, render a template.

Each returns a Response or raises PageNotFound; the routes stay one line each.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.convertors import Convertor, register_url_convertor
from starlette.responses import Response

from inkwell.content import service
from inkwell.content.service import Post, PostPage
from inkwell.site import seo, views
from inkwell.site.body import body_html
from inkwell.site.comment_section import comment_section, with_comment_counts
from inkwell.site.context import SiteContext, base_context
from inkwell.site.responses import (
    LISTING,
    NEIGHBOURS,
    cacheable,
    html_response,
    post_tag,
    redirect,
    slug_tag,
)


class PageNotFound(Exception):
    """Nothing public lives at the requested URL: answer with the themed 404."""


def render_page(
    ctx: SiteContext,
    template: str,
    context: dict[str, Any],
    status_code: int = 200,
    last_modified: datetime | None = None,
) -> Response:
    """Render ``template`` of the theme into an HTML response."""
    response = html_response(
        ctx.request, ctx.theme.render(template, context), status_code=status_code
    )
    if last_modified is not None:
        response.headers["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    return response


def cards(ctx: SiteContext, posts: list[Post]) -> list[views.PostCard]:
    """Post cards for a listing."""
    return [
        views.post_card(p, ctx.url(service.path_of(p, ctx.site)), ctx.site, ctx.site_url)
        for p in posts
    ]


async def listing_cards(ctx: SiteContext, posts: list[Post]) -> list[views.PostCard]:
    """Cards of a listing page with their comment counts; the page goes stale with each post
    (a comment on one changes its count)."""
    cacheable(ctx.request, [post_tag(p.id) for p in posts])
    return await with_comment_counts(ctx, cards(ctx, posts))


def _check_page(listing: PostPage) -> None:
    # Page 1 always exists (an empty site still has a home page); later pages need posts.
    if listing.page > 1 and listing.page > listing.pages:
        raise PageNotFound


async def paged(
    ctx: SiteContext, page: int, first: str, render: Callable[[int], Awaitable[Response]]
) -> Response:
    """The page-number rule of every paged URL (listings, archives, feeds).

    ``…/1/`` is the first page itself, at ``first`` (301); below 1 nothing exists; a URL
    without a number is page 1.
    """
    if "page" in ctx.request.path_params:
        if page == 1:
            cacheable(ctx.request)
            return redirect(first)
        if page < 1:
            raise PageNotFound
    return await render(page)


async def home(ctx: SiteContext, page: int) -> Response:
    """The home page or one of its following pages."""
    cacheable(ctx.request, [LISTING])
    listing = await service.list_published(ctx.session, page=page, per_page=ctx.site.posts_per_page)
    _check_page(listing)
    pager = views.pagination("/", page, listing.pages, listing.total, ctx.site_url)
    url = ctx.url(views.page_path("/", page))
    site = ctx.site_view(url)
    cover = views.absolute(ctx.site_url, ctx.site.cover_image) if ctx.site.cover_image else None
    meta = seo.for_home(
        site,
        url,
        page,
        pager.prev_url,
        pager.next_url,
        cover_image=cover,
        twitter_handle=ctx.site.twitter,
        facebook=ctx.site.facebook,
    )
    body_class = "home-template" if page == 1 else "home-template paged"
    context = base_context(ctx, meta, current_url=url, body_class=body_class)
    context.update(posts=await listing_cards(ctx, listing.posts), pagination=pager)
    return render_page(ctx, "index.html", context)


@dataclass(frozen=True)
class Archive:
    """One kind of archive (tag or author): how to find its subject and draw its head."""

    kind: str
    template: str
    # The public tag or author with this slug, or None (internal tags are not public).
    find: Callable[[AsyncSession, str], Awaitable[Any]]
    view: Callable[[Any, int, str], views.ArchiveView]


ARCHIVES = {
    "tag": Archive("tag", "tag.html", service.public_tag, views.tag_archive),
    "author": Archive("author", "author.html", service.author_by_slug, views.author_archive),
}


class ArchiveKind(Convertor[str]):
    """``{kind:archive}`` in a path: ``tag`` or ``author``, the kinds of archive pages."""

    regex = "|".join(ARCHIVES)

    def convert(self, value: str) -> str:
        """The kind as it is."""
        return value

    def to_string(self, value: str) -> str:
        """The kind as it is."""
        return value


# Registered on import, before any route with ``{kind:archive}`` is declared.
register_url_convertor("archive", ArchiveKind())


async def archive_subject(ctx: SiteContext, kind: str, slug: str) -> Any:
    """The public tag or author an archive (or its feed) is about; PageNotFound otherwise."""
    subject = await ARCHIVES[kind].find(ctx.session, slug)
    if subject is None:
        raise PageNotFound
    return subject


async def list_archive(
    ctx: SiteContext, kind: str, slug: str, page: int, per_page: int, *, with_html: bool = False
) -> PostPage:
    """The published posts of a tag or author archive; one without any is not found."""
    listing = await service.list_published(
        ctx.session,
        page=page,
        per_page=per_page,
        tag_slug=slug if kind == "tag" else None,
        author_slug=slug if kind == "author" else None,
        with_html=with_html,
    )
    if listing.total == 0:
        raise PageNotFound
    return listing


async def archive(ctx: SiteContext, kind: str, slug: str, page: int) -> Response:
    """A public tag's or an author's posts (``kind``: tag or author).

    Internal tags, staff who never published and tags without published posts are not found.
    """
    cacheable(ctx.request, [LISTING, slug_tag(kind, slug)])
    subject = await archive_subject(ctx, kind, slug)
    listing = await list_archive(ctx, kind, slug, page, ctx.site.posts_per_page)
    _check_page(listing)
    about = ARCHIVES[kind]
    head = about.view(subject, listing.total, ctx.site_url)
    return await _archive_page(ctx, head, listing, f"/{kind}/{slug}/", about.template)


async def _archive_page(
    ctx: SiteContext, archive: views.ArchiveView, listing: PostPage, base: str, template: str
) -> Response:
    page = listing.page
    pager = views.pagination(base, page, listing.pages, listing.total, ctx.site_url)
    url = ctx.url(views.page_path(base, page))
    meta = seo.for_archive(
        archive,
        ctx.site_view(url),
        url,
        page,
        pager.prev_url,
        pager.next_url,
        twitter_handle=ctx.site.twitter,
        facebook=ctx.site.facebook,
    )
    body_class = f"{archive.kind}-template {archive.kind}-{archive.slug}"
    context = base_context(ctx, meta, current_url=url, body_class=body_class)
    context.update(
        {archive.kind: archive, "archive": archive},
        posts=await listing_cards(ctx, listing.posts),
        pagination=pager,
    )
    return render_page(ctx, template, context)


async def show_post(ctx: SiteContext, post: Post) -> Response:
    """A post (with previous/next and related posts) or a static page."""
    cacheable(ctx.request, _post_tags(post))
    url = ctx.url(service.path_of(post, ctx.site))
    view = views.post_view(post, url, body_html(post), ctx.site, ctx.site_url)
    meta = seo.for_post(
        post,
        url,
        ctx.site_view(url),
        twitter_handle=ctx.site.twitter,
        facebook=ctx.site.facebook,
    )
    context = base_context(ctx, meta, current_url=url, body_class=view.body_class)
    context["post"] = view
    context["comments"] = await comment_section(ctx, post)
    if view.is_page:
        return render_page(ctx, "page.html", context, last_modified=post.updated_at)
    around = await service.neighbours(ctx.session, post, related_limit=3)
    # The page shows these posts' cards: it goes stale with them, and when the order moves.
    shown = [p for p in (around.older, around.newer, *around.related) if p is not None]
    cacheable(ctx.request, [NEIGHBOURS, *(post_tag(p.id) for p in shown)])
    context.update(
        previous=cards(ctx, [around.older])[0] if around.older else None,
        next=cards(ctx, [around.newer])[0] if around.newer else None,
        related=cards(ctx, around.related),
    )
    return render_page(ctx, "post.html", context, last_modified=post.updated_at)


def _post_tags(post: Post) -> list[str]:
    found = [post_tag(post.id)]
    found += [slug_tag("tag", t.slug) for t in post.tags]
    found += [slug_tag("author", a.slug) for a in post.authors]
    return found


def error_page(ctx: SiteContext, status_code: int) -> Response:
    """The themed error page (404, 500...)."""
    title, message = ERROR_TEXT.get(status_code, ERROR_TEXT[500])
    url = ctx.url(ctx.request.url.path)
    meta = seo.for_error(ctx.site_view(), title, url)
    context = base_context(ctx, meta, current_url=url, body_class="error-template")
    context["error"] = {"status": status_code, "title": title, "message": message}
    return render_page(ctx, "error.html", context, status_code=status_code)


ERROR_TEXT = {
    404: ("Page not found", "Nothing lives at this address. It may have moved, or never existed."),
    500: ("Something went wrong", "This page could not be shown just now. Please try again soon."),
}
