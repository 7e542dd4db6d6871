"""Tags as Ghost shapes them (the same keys for both APIs; the Admin API adds dates)."""

from __future__ import annotations

from typing import Any

from inkwell.content.service import Tag
from inkwell.ghost_api.serializers.context import SerializeContext


def tag_json(tag: Tag, ctx: SerializeContext) -> dict[str, Any]:
    """One tag; ``count.posts`` when ``ctx.include`` asks for it, ``url`` absolute."""
    shaped: dict[str, Any] = {
        "id": tag.id,
        "name": tag.name,
        "slug": tag.slug,
        "description": tag.description,
        "feature_image": ctx.absolute(tag.feature_image),
        "visibility": tag.visibility,
        "og_image": ctx.absolute(tag.og_image),
        "og_title": tag.og_title,
        "og_description": tag.og_description,
        "twitter_image": ctx.absolute(tag.twitter_image),
        "twitter_title": tag.twitter_title,
        "twitter_description": tag.twitter_description,
        "meta_title": tag.meta_title,
        "meta_description": tag.meta_description,
        "codeinjection_head": tag.codeinjection_head,
        "codeinjection_foot": tag.codeinjection_foot,
        "canonical_url": tag.canonical_url,
        "accent_color": tag.accent_color,
    }
    if ctx.admin:
        shaped["created_at"] = ctx.date(tag.created_at)
        shaped["updated_at"] = ctx.date(tag.updated_at)
    if "count.posts" in ctx.include:
        shaped["count"] = {"posts": ctx.post_counts.get(tag.id, 0)}
    # Internal tags have no public page: Ghost gives them a 404 URL, we say so plainly.
    shaped["url"] = ctx.base + f"tag/{tag.slug}/" if not tag.is_internal else ctx.base + "404/"
    return shaped
