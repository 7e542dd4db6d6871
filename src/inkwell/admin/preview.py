"""The preview of Markdown in the editor, rendered by the content service as the site would."""

from __future__ import annotations

import re

from inkwell.admin.context import AdminContext
from inkwell.content import service as content

MAX_PREVIEW_CHARS = 1_000_000
"""A preview of more than this is refused (the content service refuses to store it anyway)."""

# The site's HTML is Ghost's: table alignment as an inline style. The admin's CSP
# (style-src 'self') ignores inline styles, so the preview says it with a class instead
# (admin.css styles ``.rendered .align-*``); only these exact, sanitised forms are rewritten.
_ALIGNED_CELL = re.compile(r'<(th|td) style="text-align:(left|center|right)">')


def _styles_as_classes(html: str) -> str:
    return _ALIGNED_CELL.sub(r'<\1 class="align-\2">', html)


async def preview_html(ctx: AdminContext, source: str) -> str:
    """The HTML of ``source``, as the site would show it."""
    html = await content.render_preview(ctx.session, source, ctx.settings.site_url)
    return _styles_as_classes(html)
