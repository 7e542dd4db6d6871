"""A tag's details beyond its name, slug and description: images, SEO and social texts, code
injection, canonical URL and accent colour (Ghost's tag fields, which its APIs write)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content.models import Tag
from inkwell.content.tags import TagInputError
from inkwell.core import events
from inkwell.core.time import utcnow

# Each detail and the longest text it holds (None: no limit of ours).
TAG_DETAILS: dict[str, int | None] = {
    "feature_image": None,
    "meta_title": 300,
    "meta_description": 500,
    "og_image": None,
    "og_title": 300,
    "og_description": 500,
    "twitter_image": None,
    "twitter_title": 300,
    "twitter_description": 500,
    "codeinjection_head": None,
    "codeinjection_foot": None,
    "canonical_url": None,
    "accent_color": 50,
}


async def set_tag_details(
    session: AsyncSession, tag: Tag, details: Mapping[str, str | None]
) -> Tag:
    """Store ``details`` (only names of ``TAG_DETAILS``; "" or None clears one) on ``tag``.

    Raises TagInputError, storing nothing, for an unknown name or a text too long.
    """
    for name, value in details.items():
        if name not in TAG_DETAILS:
            raise TagInputError(f"a tag has no field {name!r}")
        limit = TAG_DETAILS[name]
        if value is not None and limit is not None and len(value) > limit:
            raise TagInputError(f"a tag's {name} is at most {limit} characters")
    changed = False
    for name, value in details.items():
        wanted = value or None
        if getattr(tag, name) != wanted:
            setattr(tag, name, wanted)
            changed = True
    if changed:
        tag.updated_at = utcnow()
        await session.flush()
        events.emit(session, "tag.edited", tag.id, slug=tag.slug, previous_slug=tag.slug)
    return tag
