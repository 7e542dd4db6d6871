"""Small text helpers the readers share: HTML to plain text, clipping, file-name titles.

Regular expressions rather than an HTML parser: these only compare and measure text, they never
produce HTML that is stored (the render layer sanitises what is stored).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

_INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<![^<>]*>")
# Something that is markup rather than a stray "<" in plain prose.
_LOOKS_LIKE_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>|<!--")
# What feeds append to a cut-off summary: "…", "...", "[…]", "[&#8230;]".
_TRAILING_ELLIPSIS = re.compile(r"\s*(\[\s*(…|\.\.\.)\s*\]|…|\.\.\.)\s*$")


def html_to_text(markup: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    text = _INVISIBLE.sub(" ", markup)
    text = _COMMENT.sub(" ", text)
    text = _TAG.sub(" ", text)
    return normalise_space(html.unescape(text))


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return " ".join(text.split())


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries tags or comments, not just prose."""
    return bool(_LOOKS_LIKE_MARKUP.search(text))


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


_URL_ATTRIBUTE = re.compile(r"""(\s(?:src|href|poster)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE)


def absolute_urls(markup: str, base: str | None) -> str:
    """``markup`` with relative ``src``/``href`` values resolved against ``base``.

    Only those attribute values change; everything else stays byte for byte as it was.
    """
    if not base or urlsplit(base).scheme not in ("http", "https"):
        return markup

    def resolve(found: re.Match[str]) -> str:
        prefix, quote, value = found.groups()
        raw = html.unescape(value).strip()
        if not raw or raw.startswith("#") or urlsplit(raw).scheme:
            return found.group(0)
        return f"{prefix}{quote}{html.escape(urljoin(base, raw), quote=True)}{quote}"

    return _URL_ATTRIBUTE.sub(resolve, markup)


def plain_text_to_html(text: str) -> str:
    """Plain text (an Atom ``type="text"`` body) as paragraphs of escaped HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
