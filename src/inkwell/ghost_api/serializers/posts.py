"""Posts and pages as Ghost shapes them, for the Content API or the Admin API."""

from __future__ import annotations

from typing import Any

from inkwell import render
from inkwell.content.service import Post, path_of
from inkwell.ghost_api.serializers.context import SerializeContext
from inkwell.ghost_api.serializers.people import author_json, user_json
from inkwell.ghost_api.serializers.tags import tag_json
from inkwell.render.absolute_urls import absolutize_urls

# Ghost's excerpt: the custom one, else this many characters of the plain text.
EXCERPT_CHARS = 500


def post_json(
    post: Post,
    ctx: SerializeContext,
    *,
    slug_first: bool = False,
    lexical: str | None = None,
    mobiledoc: str | None = None,
) -> dict[str, Any]:
    """One post or page in Ghost's shape, keys in Ghost's order.

    Bodies follow ``ctx.formats`` (``html`` with absolute URLs, ``plaintext``; for the Admin
    API ``lexical``/``mobiledoc``, given as JSON text by the caller, which owns converting).
    ``tags``/``authors`` with their ``primary_*`` follow ``ctx.include``; the Content API
    never shows internal tags. ``slug_first`` puts ``slug`` first, as Ghost's read by slug does.
    """
    page = post.type == "page"
    html = absolutize_urls(post.html or "", ctx.base) if post.html else None
    shaped: dict[str, Any] = {"id": post.id, "uuid": post.uuid, "title": post.title}
    shaped["slug"] = post.slug
    if ctx.admin:
        if "mobiledoc" in ctx.formats:
            shaped["mobiledoc"] = mobiledoc
        if "lexical" in ctx.formats:
            shaped["lexical"] = lexical
    if "html" in ctx.formats:
        shaped["html"] = html
    shaped["comment_id"] = post.comment_id or post.id
    if "plaintext" in ctx.formats:
        shaped["plaintext"] = render.plain_text(post.html or "")
    shaped["feature_image"] = ctx.absolute(post.feature_image)
    shaped["featured"] = post.featured
    if ctx.admin:
        shaped["status"] = post.status
    shaped["visibility"] = post.visibility
    shaped["created_at"] = ctx.date(post.created_at)
    shaped["updated_at"] = ctx.date(post.updated_at)
    shaped["published_at"] = ctx.date(post.published_at)
    shaped["custom_excerpt"] = post.custom_excerpt
    shaped["codeinjection_head"] = post.codeinjection_head
    shaped["codeinjection_foot"] = post.codeinjection_foot
    shaped["custom_template"] = post.custom_template
    shaped["canonical_url"] = post.canonical_url
    shaped.update(_relations(post, ctx))
    if ctx.admin and not page:
        shaped["email_segment"] = "all"
    shaped["url"] = ctx.base.rstrip("/") + path_of(post, ctx.site)
    shaped["excerpt"] = post.custom_excerpt or _plain_start(post.html or "")
    shaped["reading_time"] = post.reading_time
    if not ctx.admin:
        shaped["access"] = True
        shaped["comments"] = not page
    shaped["og_image"] = ctx.absolute(post.og_image)
    shaped["og_title"] = post.og_title
    shaped["og_description"] = post.og_description
    shaped["twitter_image"] = ctx.absolute(post.twitter_image)
    shaped["twitter_title"] = post.twitter_title
    shaped["twitter_description"] = post.twitter_description
    shaped["meta_title"] = post.meta_title
    shaped["meta_description"] = post.meta_description
    if not page:
        shaped["email_subject"] = None
    shaped["frontmatter"] = None
    shaped["feature_image_alt"] = post.feature_image_alt
    shaped["feature_image_caption"] = post.feature_image_caption
    if page:
        shaped["show_title_and_feature_image"] = True
    if ctx.admin and not page:
        shaped["email_only"] = False
        shaped["newsletter"] = None
        shaped["email"] = None
    if ctx.admin:
        shaped["count"] = {"clicks": 0, "positive_feedback": 0, "negative_feedback": 0}
    elif "count.comments" in ctx.include:
        shaped["count"] = {"comments": ctx.comment_counts.get(post.id, 0)}
    if slug_first:
        shaped = {"slug": shaped.pop("slug"), **shaped}
    return shaped


def _plain_start(html: str) -> str:
    return render.plain_text(html)[:EXCERPT_CHARS]


def _relations(post: Post, ctx: SerializeContext) -> dict[str, Any]:
    shaped: dict[str, Any] = {}
    tags = [tag for tag in post.tags if ctx.admin or not tag.is_internal]
    if "tags" in ctx.include:
        shaped["tags"] = [tag_json(tag, ctx) for tag in tags]
    if ctx.admin and "tiers" in ctx.include:
        shaped["tiers"] = []
    if "authors" in ctx.include:
        people = user_json if ctx.admin else author_json
        shaped["authors"] = [people(author, ctx) for author in post.authors]
        primary = post.authors[0] if post.authors else None
        shaped["primary_author"] = None if primary is None else people(primary, ctx)
    if "tags" in ctx.include:
        # The first public tag, as in permalinks and the site's templates.
        first = next((tag for tag in post.tags if not tag.is_internal), None)
        shaped["primary_tag"] = None if first is None else tag_json(first, ctx)
    return shaped
