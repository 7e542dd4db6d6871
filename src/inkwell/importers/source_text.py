"""Small text helpers the readers share: HTML to plain text, clipping, file-name titles.

HTML is read with the render layer's tokenizer (HTML5 rules), the same one that renders and
feeds posts, so an imported excerpt reads exactly like the one Inkwell derives itself.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from inkwell.render.absolute_urls import absolutize_urls
from inkwell.render.html_tokens import iter_tokens
from inkwell.render.text import plain_text

# What feeds append to a cut-off summary: "…", "...", "[…]", "[&#8230;]".
_TRAILING_ELLIPSIS = re.compile(r"\s*(\[\s*(…|\.\.\.)\s*\]|…|\.\.\.)\s*$")


def html_to_text(markup: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed (``render.plain_text``)."""
    return plain_text(markup)


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return " ".join(text.split())


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries tags or comments, not just prose ("a < b" is prose)."""
    return "<" in text and any(
        token.kind in ("start", "end", "comment") for token in iter_tokens(text)
    )


def strip_ellipsis(text: str) -> str:
    """``text`` without the "[…]" or "..." a feed adds to a cut-off summary."""
    return _TRAILING_ELLIPSIS.sub("", text)


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


def title_from_name(stem: str) -> str:
    """A readable title from a file or path name: ``my-first_post`` -> ``My first post``."""
    words = normalise_space(re.sub(r"[-_]+", " ", stem))
    return words[:1].upper() + words[1:] if words else ""


def absolute_urls(markup: str, base: str | None) -> str:
    """``markup`` with relative URLs resolved against ``base`` (an http(s) URL).

    In-page ``#fragment`` links stay as they are; only the rewritten attributes change and
    everything else stays byte for byte as it was.
    """
    if not base or urlsplit(base).scheme not in ("http", "https"):
        return markup
    return absolutize_urls(markup, base, keep_fragments=True)


def plain_text_to_html(text: str) -> str:
    """Plain text (an Atom ``type="text"`` body) as paragraphs of escaped HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
