"""Pure builders of what goes in ``<head>`` for search engines and link previews.

Title, description, canonical URL, OpenGraph and Twitter card tags, and JSON-LD, for each kind of
page, following what Ghost emits (and the post's own overrides when its author set them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inkwell import __version__
from inkwell.content.service import Post
from inkwell.core.time import iso_millis
from inkwell.site.views import (
    ArchiveView,
    SiteView,
    absolute,
    card_excerpt,
    public_tags,
    shorten,
)

DESCRIPTION_CHARS = 300
GENERATOR = "Inkwell " + ".".join(__version__.split(".")[:2])


@dataclass(frozen=True)
class MetaTag:
    """One ``<meta>``: ``attr`` is ``name`` or ``property``."""

    attr: str
    key: str
    content: str


@dataclass(frozen=True)
class HeadLink:
    """One ``<link>`` such as a feed alternate or ``rel=prev``."""

    rel: str
    href: str
    type: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Meta:
    """Everything the theme's ``<head>`` needs beyond its own assets."""

    title: str
    description: str
    canonical: str
    tags: tuple[MetaTag, ...] = ()
    links: tuple[HeadLink, ...] = ()
    json_ld: str | None = None
    robots: str | None = None


def iso_utc(moment: datetime) -> str:
    """``2026-03-16T09:00:00.000Z``, the shape Ghost uses in meta tags and JSON-LD."""
    return iso_millis(moment.replace(microsecond=0))


def json_ld_text(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">``, safe inside HTML (no ``</script>``)."""
    text = json.dumps(data, ensure_ascii=False, indent=4)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def feed_links(site: SiteView, extra_rss: tuple[str, str] | None = None) -> tuple[HeadLink, ...]:
    """The site's feeds, and an archive's own RSS (``(title, url)``) when given."""
    links = [
        HeadLink("alternate", site.url + "rss/", "application/rss+xml", site.title),
        HeadLink("alternate", site.url + "atom.xml", "application/atom+xml", site.title),
        HeadLink("alternate", site.url + "feed.json", "application/feed+json", site.title),
    ]
    if extra_rss is not None:
        links.append(HeadLink("alternate", extra_rss[1], "application/rss+xml", extra_rss[0]))
    return tuple(links)


def pagination_links(prev_url: str | None, next_url: str | None) -> tuple[HeadLink, ...]:
    """``rel=prev`` / ``rel=next`` of a listing page."""
    links = []
    if prev_url:
        links.append(HeadLink("prev", prev_url))
    if next_url:
        links.append(HeadLink("next", next_url))
    return tuple(links)


def publisher(site: SiteView) -> dict[str, Any]:
    """The site as a schema.org Organization."""
    return {
        "@type": "Organization",
        "name": site.title,
        "url": site.url,
        "logo": {"@type": "ImageObject", "url": site.logo or site.icon_url},
    }


def _social(
    site: SiteView,
    *,
    og_type: str,
    title: str,
    description: str,
    url: str,
    image: str | None,
    twitter: tuple[str, str, str | None] | None = None,
    twitter_handle: str | None = None,
    facebook: str | None = None,
    article: tuple[MetaTag, ...] = (),
) -> list[MetaTag]:
    """OpenGraph, ``article:*`` and Twitter card tags.

    ``twitter`` gives the Twitter title, description and image when they differ from OpenGraph's.
    """
    tw_title, tw_description, tw_image = twitter or (title, description, image)
    tags = [
        MetaTag("property", "og:site_name", site.title),
        MetaTag("property", "og:type", og_type),
        MetaTag("property", "og:title", title),
        MetaTag("property", "og:description", description),
        MetaTag("property", "og:url", url),
    ]
    if image:
        tags.append(MetaTag("property", "og:image", image))
    tags += article
    if facebook:
        tags.append(MetaTag("property", "article:publisher", facebook))
    card = "summary_large_image" if tw_image else "summary"
    tags += [
        MetaTag("name", "twitter:card", card),
        MetaTag("name", "twitter:title", tw_title),
        MetaTag("name", "twitter:description", tw_description),
        MetaTag("name", "twitter:url", url),
    ]
    if tw_image:
        tags.append(MetaTag("name", "twitter:image", tw_image))
    if twitter_handle:
        handle = twitter_handle if twitter_handle.startswith("@") else "@" + twitter_handle
        tags.append(MetaTag("name", "twitter:site", handle))
    return tags


def post_description(post: Post) -> str:
    """Meta description: the one set for search engines, else the excerpt."""
    return shorten(post.meta_description or card_excerpt(post), DESCRIPTION_CHARS)


def for_post(
    post: Post,
    url: str,
    site: SiteView,
    *,
    twitter_handle: str | None = None,
    facebook: str | None = None,
) -> Meta:
    """Head of a post (``BlogPosting``) or a static page (``Article``, as Ghost does)."""
    site_url = site.url
    description = post_description(post)
    canonical = post.canonical_url or url
    image = absolute(site_url, post.feature_image) if post.feature_image else None
    og_image = absolute(site_url, post.og_image) if post.og_image else image
    tw_image = absolute(site_url, post.twitter_image) if post.twitter_image else image
    is_post = post.type == "post"
    og_title = post.og_title or post.meta_title or post.title
    tag_names = [t.name for t in public_tags(post)]
    article: list[MetaTag] = []
    if post.published_at is not None:
        article.append(MetaTag("property", "article:published_time", iso_utc(post.published_at)))
        article.append(MetaTag("property", "article:modified_time", iso_utc(post.updated_at)))
    if is_post:
        article += [MetaTag("property", "article:tag", name) for name in tag_names]
    tags = _social(
        site,
        og_type="article" if is_post else "website",
        title=og_title,
        description=post.og_description or description,
        url=url,
        image=og_image,
        twitter=(
            post.twitter_title or post.meta_title or post.title,
            post.twitter_description or description,
            tw_image,
        ),
        twitter_handle=twitter_handle,
        facebook=facebook,
        article=tuple(article),
    )
    authors = post.authors
    if authors:
        tags.append(MetaTag("name", "twitter:label1", "Written by"))
        tags.append(MetaTag("name", "twitter:data1", ", ".join(a.name for a in authors)))
    if is_post and tag_names:
        tags.append(MetaTag("name", "twitter:label2", "Filed under"))
        tags.append(MetaTag("name", "twitter:data2", ", ".join(tag_names)))

    people = [
        {"@type": "Person", "name": a.name, "url": absolute(site_url, f"/author/{a.slug}/")}
        for a in authors
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting" if is_post else "Article",
        "publisher": publisher(site),
        "headline": post.meta_title or post.title,
        "url": url,
    }
    if people:
        data["author"] = people[0] if len(people) == 1 else people
    if post.published_at is not None:
        data["datePublished"] = iso_utc(post.published_at)
    data["dateModified"] = iso_utc(post.updated_at)
    if image:
        data["image"] = {"@type": "ImageObject", "url": image}
    if tag_names and is_post:
        data["keywords"] = ", ".join(tag_names)
    data["description"] = description
    data["mainEntityOfPage"] = {"@type": "WebPage", "@id": canonical}
    return Meta(
        title=post.meta_title or post.title,
        description=description,
        canonical=canonical,
        tags=tuple(tags),
        links=feed_links(site),
        json_ld=json_ld_text(data),
    )


def _page_suffix(page: int) -> str:
    return f" (page {page})" if page > 1 else ""


def for_home(
    site: SiteView,
    url: str,
    page: int,
    prev_url: str | None,
    next_url: str | None,
    *,
    cover_image: str | None = None,
    twitter_handle: str | None = None,
    facebook: str | None = None,
) -> Meta:
    """Head of the home page (``WebSite``) and its following pages."""
    title = site.title + _page_suffix(page)
    description = site.description or site.title
    tags = _social(
        site,
        og_type="website",
        title=title,
        description=description,
        url=url,
        image=cover_image,
        twitter_handle=twitter_handle,
        facebook=facebook,
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "publisher": publisher(site),
        "url": site.url,
        "name": site.title,
        "description": description,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if cover_image:
        data["image"] = {"@type": "ImageObject", "url": cover_image}
    return Meta(
        title=title,
        description=description,
        canonical=url,
        tags=tuple(tags),
        links=feed_links(site) + pagination_links(prev_url, next_url),
        json_ld=json_ld_text(data),
    )


def for_archive(
    archive: ArchiveView,
    site: SiteView,
    url: str,
    page: int,
    prev_url: str | None,
    next_url: str | None,
    *,
    twitter_handle: str | None = None,
    facebook: str | None = None,
) -> Meta:
    """Head of a tag archive (``Series``) or an author archive (``ProfilePage`` of a Person)."""
    title = f"{archive.name} - {site.title}{_page_suffix(page)}"
    noun = "Posts tagged" if archive.kind == "tag" else "Posts by"
    description = shorten(
        archive.description or f"{noun} {archive.name} on {site.title}.", DESCRIPTION_CHARS
    )
    tags = _social(
        site,
        og_type="website" if archive.kind == "tag" else "profile",
        title=title,
        description=description,
        url=url,
        image=archive.image,
        twitter_handle=twitter_handle,
        facebook=facebook,
    )
    data: dict[str, Any]
    if archive.kind == "tag":
        data = {
            "@context": "https://schema.org",
            "@type": "Series",
            "publisher": publisher(site),
            "url": archive.url,
            "name": archive.name,
            "description": description,
            "mainEntityOfPage": {"@type": "WebPage", "@id": archive.url},
        }
    else:
        person: dict[str, Any] = {"@type": "Person", "name": archive.name, "url": archive.url}
        if archive.description:
            person["description"] = archive.description
        if archive.image:
            person["image"] = archive.image
        person["sameAs"] = [archive.website] if archive.website else []
        data = {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": archive.url,
            "mainEntity": person,
        }
    return Meta(
        title=title,
        description=description,
        canonical=url,
        tags=tuple(tags),
        links=feed_links(site, (f"{archive.name} - {site.title}", archive.rss_url))
        + pagination_links(prev_url, next_url),
        json_ld=json_ld_text(data),
    )


def for_error(site: SiteView, title: str, url: str) -> Meta:
    """Head of an error page: kept out of search engines, with no canonical URL."""
    return Meta(
        title=f"{title} - {site.title}",
        description=site.description or site.title,
        canonical="",
        links=feed_links(site),
        robots="noindex",
    )
