"""The preview of Markdown in the editor, rendered by the content service as the site would."""

from __future__ import annotations

from inkwell.admin.context import AdminContext
from inkwell.content import service as content

MAX_PREVIEW_CHARS = 1_000_000
"""A preview of more than this is refused (the content service refuses to store it anyway)."""


async def preview_html(ctx: AdminContext, source: str) -> str:
    """The HTML of ``source``, as the site would show it."""
    return await content.render_preview(ctx.session, source, ctx.settings.site_url)
