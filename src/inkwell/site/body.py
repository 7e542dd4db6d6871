"""A post's body as the site shows it: stored HTML plus code highlighting and scroll wrappers.

Highlighting every code block on every request would cost more than the rest of the page, so the
result is kept in a small LRU cache keyed by (post id, updated_at, render_version): any edit or
re-render of the post changes the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from inkwell import render
from inkwell.content.service import Post
from inkwell.render.html_tokens import element_spans, render_tokens, tokenize

# Wide tables scroll inside their own box instead of widening the page. The box is focusable so
# that keyboard users can scroll it too (axe: scrollable-region-focusable).
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
    """Give ``<pre>`` a tabindex and put each ``<table>`` in a focusable scrolling box.

    Only real tags count: ``<table`` in an attribute value, a comment or a script is text.
    A table whose end tag is missing gets its box closed at the end of the body.
    """
    lowered = html.lower()
    if "<pre" not in lowered and "<table" not in lowered:
        return html
    tokens = tokenize(html)
    replaced: dict[int, str] = {}
    unclosed = 0
    for start, end in element_spans(tokens):
        tag = tokens[start]
        source = html[tag.start : tag.end]
        if tag.name == "pre" and tag.attr("tabindex") is None:
            cut = tag.name_end - tag.start
            replaced[start] = source[:cut] + ' tabindex="0"' + source[cut:]
        elif tag.name == "table":
            replaced[start] = TABLE_WRAPPER + source
            if end < len(tokens):
                closer = tokens[end]
                # an end tag that closes several tables closes each box once
                replaced[end] = replaced.get(end, html[closer.start : closer.end]) + "</div>"
            else:
                unclosed += 1
    return render_tokens(html, tokens, replaced) + "</div>" * unclosed


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
