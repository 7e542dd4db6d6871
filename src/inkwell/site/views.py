"""Pure view models: content rows and site settings in, what templates show out.

Templates never touch database objects: they get these frozen dataclasses, so a template cannot
trigger a lazy load and every value shown is built (and tested) here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import nh3
from markupsafe import Markup

from inkwell.content.service import NavigationItem, Post, SiteSettings, Tag, User
from inkwell.site.colors import accent_palette

CARD_EXCERPT_CHARS = 220


@dataclass(frozen=True)
class Link:
    """A labelled URL; ``current`` marks the page being shown (``aria-current``)."""

    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class SiteView:
    """The site as every template sees it."""

    title: str
    description: str
    url: str  # absolute root URL, with a trailing slash
    lang: str
    logo: str | None
    icon_url: str
    accent: dict[str, str]  # CSS custom properties: name -> colour
    navigation: tuple[Link, ...]
    secondary_navigation: tuple[Link, ...]


@dataclass(frozen=True)
class DateView:
    """A moment in the site's time zone: ``iso`` for ``<time datetime>``, ``text`` to read."""

    iso: str
    text: str


@dataclass(frozen=True)
class ImageView:
    """An image with its alternative text and optional caption (HTML)."""

    src: str
    alt: str
    caption: Markup | None = None


@dataclass(frozen=True)
class PostCard:
    """A post in a list: home, archives, related posts, previous/next."""

    id: str
    title: str
    url: str
    excerpt: str
    published: DateView | None
    reading_time: str
    primary_tag: Link | None
    authors: tuple[Link, ...]
    feature_image: ImageView | None
    featured: bool
    comment_count: int | None = None  # approved comments, on listings (None: not shown)


@dataclass(frozen=True)
class PostView:
    """A post or page shown whole."""

    card: PostCard
    is_page: bool
    custom_excerpt: str | None
    html: Markup
    updated: DateView
    tags: tuple[Link, ...]
    body_class: str


@dataclass(frozen=True)
class ArchiveView:
    """The head of a tag or author archive."""

    kind: str  # "tag" or "author"
    name: str
    slug: str
    url: str
    description: str | None
    image: str | None
    website: str | None
    post_count: int
    rss_url: str


@dataclass(frozen=True)
class Pagination:
    """Where a listing page sits among its siblings."""

    page: int
    pages: int
    total: int
    prev_url: str | None
    next_url: str | None


def absolute(site_url: str, url: str) -> str:
    """``url`` made absolute against the site root (already absolute URLs pass through)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("//"):
        return url
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def site_view(site: SiteSettings, site_url: str, current_url: str | None = None) -> SiteView:
    """The site's identity and navigation; ``current_url`` marks the matching menu entry."""
    root = site_url.rstrip("/") + "/"

    def links(items: list[NavigationItem]) -> tuple[Link, ...]:
        out = []
        for item in items:
            url = absolute(site_url, item.url)
            out.append(Link(item.label, url, current=url == current_url))
        return tuple(out)

    icon = absolute(site_url, site.icon) if site.icon else absolute(site_url, "/favicon.png")
    return SiteView(
        title=site.title,
        description=site.description,
        url=root,
        lang=html_lang(site.locale),
        logo=absolute(site_url, site.logo) if site.logo else None,
        icon_url=icon,
        accent=accent_palette(site.accent_color),
        navigation=links(site.navigation),
        secondary_navigation=links(site.secondary_navigation),
    )


def html_lang(locale: str) -> str:
    """A BCP 47 tag for ``<html lang>`` from the locale setting (``en_GB`` -> ``en-GB``)."""
    tag = locale.strip().replace("_", "-")
    return tag if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) else "en"


def date_view(moment: datetime, timezone: str) -> DateView:
    """``moment`` in the site's time zone, as ``16 Mar 2026``."""
    local = moment.astimezone(ZoneInfo(timezone))
    return DateView(iso=local.isoformat(), text=f"{local.day} {local:%b %Y}")


def reading_time_text(minutes: int) -> str:
    """``"1 min read"`` at least: a post is never zero minutes long."""
    return f"{max(1, minutes)} min read"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:–—-")
    return cut + "…"


def card_excerpt(post: Post) -> str:
    """The custom excerpt as written, else the start of the plain-text excerpt."""
    if post.custom_excerpt:
        return post.custom_excerpt
    return shorten(post.plaintext_excerpt or "", CARD_EXCERPT_CHARS)


def public_tags(post: Post) -> list[Tag]:
    """The post's tags readers may see: internal ``#`` tags are left out."""
    return [tag for tag in post.tags if not tag.is_internal]


def tag_link(tag: Tag, site_url: str) -> Link:
    """A tag with its archive URL."""
    return Link(tag.name, absolute(site_url, f"/tag/{tag.slug}/"))


def author_link(user: User, site_url: str) -> Link:
    """An author with their archive URL."""
    return Link(user.name, absolute(site_url, f"/author/{user.slug}/"))


def clean_caption(caption: str | None) -> Markup | None:
    """A caption may hold inline HTML (links, emphasis): keep that, drop anything unsafe."""
    if not caption:
        return None
    return Markup(nh3.clean(caption, tags={"a", "em", "strong", "i", "b", "code", "span", "br"}))  # noqa: S704 - sanitised just above


def post_card(post: Post, url: str, site: SiteSettings, site_url: str) -> PostCard:
    """A post as shown in lists; ``url`` is its absolute permalink."""
    tags = public_tags(post)
    image = None
    if post.feature_image:
        image = ImageView(absolute(site_url, post.feature_image), post.feature_image_alt or "")
    return PostCard(
        id=post.id,
        title=post.title,
        url=url,
        excerpt=card_excerpt(post),
        published=date_view(post.published_at, site.timezone) if post.published_at else None,
        reading_time=reading_time_text(post.reading_time),
        primary_tag=tag_link(tags[0], site_url) if tags else None,
        authors=tuple(author_link(a, site_url) for a in post.authors),
        feature_image=image,
        featured=post.featured,
    )


def post_view(post: Post, url: str, body_html: str, site: SiteSettings, site_url: str) -> PostView:
    """A post or page shown whole; ``body_html`` is its HTML after code highlighting."""
    card = post_card(post, url, site, site_url)
    if card.feature_image is not None:
        caption = clean_caption(post.feature_image_caption)
        card = replace(card, feature_image=replace(card.feature_image, caption=caption))
    tags = public_tags(post)
    kind = "page" if post.type == "page" else "post"
    classes = [f"{kind}-template"] + [f"tag-{t.slug}" for t in tags]
    return PostView(
        card=card,
        is_page=post.type == "page",
        custom_excerpt=post.custom_excerpt,
        html=Markup(body_html),  # noqa: S704 - rendered (and sanitised when untrusted) on save
        updated=date_view(post.updated_at, site.timezone),
        tags=tuple(tag_link(t, site_url) for t in tags),
        body_class=" ".join(classes),
    )


def tag_archive(tag: Tag, post_count: int, site_url: str) -> ArchiveView:
    """The head of a tag archive."""
    return _archive_view(
        "tag", tag.name, tag.slug, tag.description, tag.feature_image, None, post_count, site_url
    )


def author_archive(user: User, post_count: int, site_url: str) -> ArchiveView:
    """The head of an author archive."""
    return _archive_view(
        "author",
        user.name,
        user.slug,
        user.bio,
        user.profile_image,
        user.website,
        post_count,
        site_url,
    )


def _archive_view(
    kind: str,
    name: str,
    slug: str,
    description: str | None,
    image: str | None,
    website: str | None,
    post_count: int,
    site_url: str,
) -> ArchiveView:
    return ArchiveView(
        kind=kind,
        name=name,
        slug=slug,
        url=absolute(site_url, f"/{kind}/{slug}/"),
        description=description,
        image=absolute(site_url, image) if image else None,
        website=website,
        post_count=post_count,
        rss_url=absolute(site_url, f"/{kind}/{slug}/rss/"),
    )


def page_path(base_path: str, page: int) -> str:
    """The path of listing page ``page`` under ``base_path`` (page 1 is the base itself)."""
    return base_path if page <= 1 else f"{base_path}page/{page}/"


def pagination(base_path: str, page: int, pages: int, total: int, site_url: str) -> Pagination:
    """Previous/next links of page ``page`` of a listing rooted at ``base_path``."""
    prev_url = absolute(site_url, page_path(base_path, page - 1)) if page > 1 else None
    next_url = absolute(site_url, page_path(base_path, page + 1)) if page < pages else None
    return Pagination(page, pages, total, prev_url, next_url)
