"""What a webhook delivery says: Ghost's payload for each kind of event.

Ghost sends ``{"<resource>": {"current": {...}, "previous": {...}}}``: ``current`` is the
resource as the Admin API reads it (posts and pages with their tags and authors, ``html`` and
``plaintext``), ``previous`` the fields that changed, with their values before; a deleted
resource has an empty ``current`` and its last state in ``previous``. ``site.changed`` sends
``{}``. ``payload_for`` builds it from an event (as ``deliveries`` passes it on) and the rows
as they are now.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.ghost_api.serializers import SerializeContext, post_json, tag_json

Json = dict[str, Any]
# What Ghost's webhooks carry of a post: both readable bodies, its tags and its authors.
POST_FORMATS = frozenset({"html", "plaintext"})
POST_RELATIONS = frozenset({"tags", "authors"})
# The post fields an Inkwell event remembers the previous value of.
REMEMBERED = ("slug", "status", "published_at")


async def payload_for(
    session: AsyncSession, settings: Any, ghost_event: str, item: Mapping[str, Any] | None
) -> Json:
    """Ghost's payload for ``ghost_event``, caused by ``item`` (an event as a dict: ``name``,
    ``subject_id``, ``data``; None for ``site.changed``)."""
    if item is None or ghost_event == "site.changed":
        return {}
    kind = ghost_event.partition(".")[0]
    data: Mapping[str, Any] = item["data"]
    subject_id = item["subject_id"]
    ctx = SerializeContext(
        site_url=settings.site_url,
        site=await content.load_settings(session),
        admin=True,
        formats=POST_FORMATS,
        include=POST_RELATIONS,
    )
    if kind in ("post", "page"):
        return {kind: await _post_payload(session, ctx, item["name"], subject_id, data)}
    if kind == "tag":
        return {"tag": await _tag_payload(session, ctx, item["name"], subject_id, data)}
    return {}


async def _post_payload(
    session: AsyncSession, ctx: SerializeContext, name: str, post_id: str, data: Mapping[str, Any]
) -> Json:
    remembered = _remembered_post(ctx, post_id, data)
    if name.endswith(".deleted"):
        return {"current": {}, "previous": remembered}
    post = await content.get_post(session, post_id)
    if post is None:  # deleted since: what the event remembers is all there is
        return {"current": {}, "previous": remembered}
    current = post_json(post, ctx)
    previous_state = data.get("previous")
    previous: Json = {}
    if previous_state:
        before = _remembered_post(ctx, post_id, previous_state)
        for key in REMEMBERED:
            if before.get(key) != remembered.get(key):
                previous[key] = before.get(key)
        for key in ("tags", "authors"):
            if previous_state.get(key) != data.get(key):
                previous[key] = before[key]
    return {"current": current, "previous": previous}


def _remembered_post(ctx: SerializeContext, post_id: str, data: Mapping[str, Any]) -> Json:
    published = data.get("published_at")
    return {
        "id": post_id,
        "slug": data.get("slug"),
        "status": data.get("status"),
        "published_at": ctx.date(datetime.fromisoformat(published)) if published else None,
        "tags": [{"slug": slug} for slug in data.get("tags") or ()],
        "authors": [{"slug": slug} for slug in data.get("authors") or ()],
    }


async def _tag_payload(
    session: AsyncSession, ctx: SerializeContext, name: str, tag_id: str, data: Mapping[str, Any]
) -> Json:
    remembered = {"id": tag_id, "slug": data.get("previous_slug") or data.get("slug")}
    if name == "tag.deleted":
        return {"current": {}, "previous": remembered}
    tag = await session.get(content.Tag, tag_id)
    if tag is None:
        return {"current": {}, "previous": remembered}
    previous_slug = data.get("previous_slug")
    previous = {"slug": previous_slug} if previous_slug and previous_slug != tag.slug else {}
    return {"current": tag_json(tag, ctx), "previous": previous}
