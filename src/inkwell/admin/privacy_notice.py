"""The editor's note on the privacy policy page: whether Inkwell keeps it up to date, and
when a policy it no longer writes has drifted from the settings it describes."""

from __future__ import annotations

from typing import Any

from inkwell.admin.context import AdminContext
from inkwell.analytics import service as analytics
from inkwell.content import service as content


async def privacy_notice(ctx: AdminContext, post: content.Post | None) -> dict[str, Any]:
    """``privacy_notice`` for the editor: None unless ``post`` is the privacy policy page."""
    if post is None or post.type != content.PostType.PAGE:
        return {"privacy_notice": None}
    slug = (await analytics.read_settings_cached(ctx.session)).privacy_slug
    if post.slug != slug:
        return {"privacy_notice": None}
    status = await analytics.policy_status(ctx.session, ctx.settings)
    if status.post_id != post.id:
        return {"privacy_notice": None}
    return {"privacy_notice": status}
