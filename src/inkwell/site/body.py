"""A post's body as the site shows it: stored HTML plus code highlighting and scroll wrappers.

Highlighting every code block on every request would cost more than the rest of the page, so the
result is kept in a small LRU cache keyed by (post id, updated_at, render_version): any edit or
re-render of the post changes the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from inkwell import render
from inkwell.content.service import Post

# Wide tables scroll inside their own box instead of widening the page. The box is focusable so
# that keyboard users can scroll it too (axe: scrollable-region-focusable).
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_PRE_OPEN = re.compile(r"<pre\b(?![^>]*\btabindex=)", re.IGNORECASE)
TABLE_WRAPPER = '<div class="kg-table-card-scroll" tabindex="0" role="region" aria-label="Table">'


@dataclass(frozen=True)
class _Body:
    """Cache key of a body.

    The HTML is compared but not hashed: the three keys find the entry, and the comparison makes
    sure a body re-rendered without a version bump is never served stale.
    """

    post_id: str
    updated_at: datetime
    render_version: int
    html: str = field(hash=False)


def wrap_scrollables(html: str) -> str:
    """Give ``<pre>`` a tabindex and put each ``<table>`` in a focusable scrolling box."""
    html = _PRE_OPEN.sub('<pre tabindex="0"', html)
    html = _TABLE_OPEN.sub(TABLE_WRAPPER + "<table", html)
    return _TABLE_CLOSE.sub("</table></div>", html)


def prepare(html: str) -> str:
    """Stored post HTML -> the HTML the page shows (pure; no caching)."""
    return wrap_scrollables(render.highlight_code_blocks(html))


@lru_cache(maxsize=512)
def _prepared(body: _Body) -> str:
    return prepare(body.html)


def body_html(post: Post) -> str:
    """The post's display HTML, from the cache when the post has not changed."""
    return _prepared(_Body(post.id, post.updated_at, post.render_version, post.html))


def cache_info() -> tuple[int, int]:
    """(hits, misses) of the body cache, for tests and diagnostics."""
    info = _prepared.cache_info()
    return info.hits, info.misses
