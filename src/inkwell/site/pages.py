"""Page handlers: ask the content services, build views and head tags, render a template.

Each returns a Response or raises PageNotFound; the routes stay one line each.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from typing import Any

from starlette.responses import Response

from inkwell.content import service
from inkwell.content.service import Post, PostPage
from inkwell.site import seo, views
from inkwell.site.body import body_html
from inkwell.site.context import SiteContext, base_context
from inkwell.site.responses import html_response


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


def _check_page(listing: PostPage) -> None:
    # Page 1 always exists (an empty site still has a home page); later pages need posts.
    if listing.page > 1 and listing.page > listing.pages:
        raise PageNotFound


async def home(ctx: SiteContext, page: int) -> Response:
    """The home page or one of its following pages."""
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
    context.update(posts=cards(ctx, listing.posts), pagination=pager)
    return render_page(ctx, "index.html", context)


async def tag_archive(ctx: SiteContext, slug: str, page: int) -> Response:
    """A public tag's posts; internal tags and tags without published posts are not found."""
    tag = await service.public_tag(ctx.session, slug)
    if tag is None:
        raise PageNotFound
    listing = await service.list_published(
        ctx.session, page=page, per_page=ctx.site.posts_per_page, tag_slug=slug
    )
    if listing.total == 0:
        raise PageNotFound
    _check_page(listing)
    archive = views.tag_archive(tag, listing.total, ctx.site_url)
    return _archive_page(ctx, archive, listing, f"/tag/{slug}/", "tag.html")


async def author_archive(ctx: SiteContext, slug: str, page: int) -> Response:
    """An author's posts; staff who never published are not found."""
    user = await service.author_by_slug(ctx.session, slug)
    if user is None:
        raise PageNotFound
    listing = await service.list_published(
        ctx.session, page=page, per_page=ctx.site.posts_per_page, author_slug=slug
    )
    if listing.total == 0:
        raise PageNotFound
    _check_page(listing)
    archive = views.author_archive(user, listing.total, ctx.site_url)
    return _archive_page(ctx, archive, listing, f"/author/{slug}/", "author.html")


def _archive_page(
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
        posts=cards(ctx, listing.posts),
        pagination=pager,
    )
    return render_page(ctx, template, context)


async def show_post(ctx: SiteContext, post: Post) -> Response:
    """A post (with previous/next and related posts) or a static page."""
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
    if view.is_page:
        return render_page(ctx, "page.html", context, last_modified=post.updated_at)
    around = await service.neighbours(ctx.session, post, related_limit=3)
    context.update(
        previous=cards(ctx, [around.older])[0] if around.older else None,
        next=cards(ctx, [around.newer])[0] if around.newer else None,
        related=cards(ctx, around.related),
    )
    return render_page(ctx, "post.html", context, last_modified=post.updated_at)


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
