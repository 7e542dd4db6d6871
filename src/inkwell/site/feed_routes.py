"""Feeds and crawler files over HTTP: posts mapped onto ``inkwell.feeds`` records, bytes out.

RSS (site, tag, author; 15 items a page), Atom, JSON Feed, the sitemap index and its four parts,
the sitemap stylesheet and robots.txt, each with the content type Ghost sends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from fastapi import APIRouter
from fastapi.types import DecoratedCallable
from starlette.responses import Response

from inkwell import feeds
from inkwell.content import service
from inkwell.content.service import Post
from inkwell.core.time import utcnow
from inkwell.site import seo, views
from inkwell.site.context import SiteContext, SiteDep
from inkwell.site.errors import SiteRoute, get_and_head
from inkwell.site.pages import PageNotFound, archive_subject, list_archive, paged
from inkwell.site.responses import (
    CACHE_CRAWLER,
    FEED,
    cacheable,
    cached_response,
    redirect,
    slug_tag,
)

FEED_PAGE_SIZE = 15
SITEMAP_PARTS = ("pages", "posts", "authors", "tags")

router = APIRouter(route_class=SiteRoute)


def _get(path: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    return get_and_head(router, path)


# --- mapping (pure) -----------------------------------------------------------------------


def feed_site(ctx: SiteContext) -> feeds.FeedSite:
    """The site as the feed writers see it."""
    return feeds.FeedSite(
        title=ctx.site.title,
        description=ctx.site.description,
        url=ctx.site_url + "/",
        icon_url=ctx.site_url + "/favicon.png",
        generator=seo.GENERATOR,
        language=views.html_lang(ctx.site.locale),
    )


def feed_item(post: Post, url: str, site_url: str) -> feeds.FeedItem:
    """One published post as a feed item; ``url`` is its absolute permalink."""
    assert post.published_at is not None  # only published posts reach a feed
    return feeds.FeedItem(
        id=post.id,
        guid=post.guid or post.id,
        title=post.title,
        url=url,
        html=post.html,
        custom_excerpt=post.custom_excerpt,
        meta_description=post.meta_description,
        tags=tuple(t.name for t in views.public_tags(post)),
        authors=tuple(
            feeds.FeedAuthor(a.name, views.absolute(site_url, f"/author/{a.slug}/"))
            for a in post.authors
        ),
        published_at=post.published_at,
        updated_at=post.updated_at,
        feature_image=views.absolute(site_url, post.feature_image) if post.feature_image else None,
        feature_image_alt=post.feature_image_alt,
    )


def feed_items(ctx: SiteContext, posts: Sequence[Post]) -> list[feeds.FeedItem]:
    """Feed items of ``posts`` at their permalinks."""
    return [feed_item(p, ctx.url(service.path_of(p, ctx.site)), ctx.site_url) for p in posts]


def newest_change(posts: Iterable[Post]) -> datetime | None:
    """The latest ``updated_at`` among ``posts`` (None for none)."""
    return max((p.updated_at for p in posts), default=None)


def tag_entries(posts: Sequence[Post], site_url: str) -> list[feeds.SitemapEntry]:
    """One sitemap entry per public tag in use, dated by its newest post change."""
    changed: dict[str, datetime] = {}
    for post in posts:
        for tag in views.public_tags(post):
            changed[tag.slug] = max(changed.get(tag.slug, post.updated_at), post.updated_at)
    return [
        feeds.SitemapEntry(views.absolute(site_url, f"/tag/{slug}/"), when)
        for slug, when in sorted(changed.items())
    ]


def author_entries(posts: Sequence[Post], site_url: str) -> list[feeds.SitemapEntry]:
    """One sitemap entry per author of a published post, dated by their newest post change."""
    changed: dict[str, datetime] = {}
    for post in posts:
        for author in post.authors:
            previous = changed.get(author.slug, post.updated_at)
            changed[author.slug] = max(previous, post.updated_at)
    return [
        feeds.SitemapEntry(views.absolute(site_url, f"/author/{slug}/"), when)
        for slug, when in sorted(changed.items())
    ]


def content_entries(posts: Sequence[Post], ctx: SiteContext) -> list[feeds.SitemapEntry]:
    """Sitemap entries of posts or pages, with their feature image."""
    return [
        feeds.SitemapEntry(
            ctx.url(service.path_of(p, ctx.site)),
            p.updated_at,
            views.absolute(ctx.site_url, p.feature_image) if p.feature_image else None,
        )
        for p in posts
    ]


# --- RSS ----------------------------------------------------------------------------------


async def _rss(
    ctx: SiteContext, page: int, self_path: str, *, title: str | None = None
) -> Response:
    listing = await service.list_published(
        ctx.session, page=page, per_page=FEED_PAGE_SIZE, with_html=True
    )
    if page > listing.pages:
        raise PageNotFound
    return _rss_of(ctx, listing.posts, self_path, title)


def _rss_of(
    ctx: SiteContext, posts: Sequence[Post], self_path: str, title: str | None = None
) -> Response:
    body = feeds.rss(
        feed_site(ctx),
        feed_items(ctx, posts),
        self_url=ctx.url(self_path),
        last_build=newest_change(posts) or utcnow(),
        title=title,
    )
    return cached_response(ctx.request, body, media_type=feeds.RSS_CONTENT_TYPE)


def _rss_path(page: int) -> str:
    return "/rss/" if page == 1 else f"/rss/{page}/"


@_get("/rss/")
@_get("/rss/{page:int}/")
async def rss(ctx: SiteDep, page: int = 1) -> Response:
    """The site's RSS feed, newest 15 posts a page; ``/rss/1/`` is ``/rss/``."""
    cacheable(ctx.request, [FEED])
    return await paged(ctx, page, "/rss/", lambda n: _rss(ctx, n, _rss_path(n)))


@_get("/feed/")
async def feed_alias(ctx: SiteDep) -> Response:
    """``/feed/`` is where many readers look first: send them to ``/rss/`` as Ghost does."""
    cacheable(ctx.request)
    return redirect("/rss/")


@_get("/{kind:archive}/{slug}/rss/")
async def archive_rss(ctx: SiteDep, kind: str, slug: str) -> Response:
    """A public tag's or an author's newest posts as RSS."""
    cacheable(ctx.request, [FEED, slug_tag(kind, slug)])
    subject = await archive_subject(ctx, kind, slug)
    listing = await list_archive(ctx, kind, slug, 1, FEED_PAGE_SIZE, with_html=True)
    title = f"{subject.name} - {ctx.site.title}"
    return _rss_of(ctx, listing.posts, f"/{kind}/{slug}/rss/", title)


# --- Atom and JSON Feed ---------------------------------------------------------------------


async def _latest(ctx: SiteContext) -> tuple[list[Post], list[feeds.FeedItem]]:
    listing = await service.list_published(
        ctx.session, page=1, per_page=FEED_PAGE_SIZE, with_html=True
    )
    return listing.posts, feed_items(ctx, listing.posts)


@_get("/atom.xml")
async def atom(ctx: SiteDep) -> Response:
    """The newest posts as Atom 1.0."""
    cacheable(ctx.request, [FEED])
    posts, items = await _latest(ctx)
    body = feeds.atom(
        feed_site(ctx),
        items,
        self_url=ctx.url("/atom.xml"),
        updated=newest_change(posts) or utcnow(),
    )
    return cached_response(ctx.request, body, media_type=feeds.ATOM_CONTENT_TYPE)


@_get("/feed.json")
async def json_feed(ctx: SiteDep) -> Response:
    """The newest posts as JSON Feed 1.1."""
    cacheable(ctx.request, [FEED])
    _posts, items = await _latest(ctx)
    body = feeds.json_feed(feed_site(ctx), items, feed_url=ctx.url("/feed.json"))
    return cached_response(ctx.request, body, media_type=feeds.JSON_FEED_CONTENT_TYPE)


# --- sitemaps and robots.txt ------------------------------------------------------------------


async def _sitemap_part(ctx: SiteContext, part: str) -> list[feeds.SitemapEntry]:
    if part == "pages":
        pages = await service.all_published(ctx.session, "page")
        posts = await service.all_published(ctx.session)
        home = feeds.SitemapEntry(ctx.url("/"), newest_change([*posts, *pages]))
        return [home, *content_entries(pages, ctx)]
    posts = await service.all_published(ctx.session)
    if part == "posts":
        return content_entries(posts, ctx)
    if part == "tags":
        return tag_entries(posts, ctx.site_url)
    return author_entries(posts, ctx.site_url)


def _xml(ctx: SiteContext, body: bytes) -> Response:
    cacheable(ctx.request, [FEED])
    return cached_response(
        ctx.request, body, media_type=feeds.SITEMAP_CONTENT_TYPE, cache_control=CACHE_CRAWLER
    )


@_get("/sitemap.xml")
async def sitemap(ctx: SiteDep) -> Response:
    """The sitemap index: one part per kind of page, each with its newest change."""
    changed = await service.newest_changes(ctx.session)
    parts = [(f"sitemap-{part}.xml", changed[part]) for part in SITEMAP_PARTS]
    stylesheet = feeds.sitemap_stylesheet_href(ctx.site_url)
    return _xml(ctx, feeds.sitemap_index(ctx.site_url, parts, stylesheet_href=stylesheet))


@_get("/sitemap-{part}.xml")
async def sitemap_part(ctx: SiteDep, part: str) -> Response:
    """One part of the sitemap: pages, posts, authors or tags."""
    if part not in SITEMAP_PARTS:
        raise PageNotFound
    entries = await _sitemap_part(ctx, part)
    stylesheet = feeds.sitemap_stylesheet_href(ctx.site_url)
    return _xml(ctx, feeds.sitemap_urlset(entries, stylesheet_href=stylesheet))


@_get("/sitemap.xsl")
async def sitemap_stylesheet(ctx: SiteDep) -> Response:
    """The stylesheet that makes sitemaps readable in a browser."""
    cacheable(ctx.request)
    return cached_response(
        ctx.request,
        feeds.sitemap_xsl(),
        media_type=feeds.SITEMAP_XSL_CONTENT_TYPE,
        cache_control=CACHE_CRAWLER,
    )


@_get("/robots.txt")
async def robots(ctx: SiteDep) -> Response:
    """robots.txt: the sitemap, and the private paths crawlers should skip."""
    cacheable(ctx.request)
    return cached_response(
        ctx.request,
        feeds.robots_txt(ctx.site_url),
        media_type=feeds.ROBOTS_CONTENT_TYPE,
        cache_control=CACHE_CRAWLER,
    )
