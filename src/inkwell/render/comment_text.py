"""Readers' comments: a Markdown subset -> safe HTML, and imported comment HTML made safe.

A comment may use emphasis, strikethrough, links, inline code, code blocks (highlighted
like the site's posts), quotes and lists; single line breaks are kept. Headings, images,
tables and raw HTML are not part of the subset: ``# x`` stays text, ``![a](b)`` becomes a
plain link, ``<b>`` shows as written. Whatever the parser produced is then cleaned by nh3
with a short allow-list, so nothing a reader typed can run script, carry a handler or a
``javascript:`` URL, or close the element the comment is shown in.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from pygments.token import STANDARD_TYPES

from inkwell.render.highlight import HIGHLIGHT_CLASS, highlight_code_blocks
from inkwell.render.html_tokens import clean_chars

COMMENT_LINK_REL = "nofollow ugc noopener"

_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li",
     "span"}
)  # fmt: skip
# Imported comments (Disqus, Isso...) were written as HTML with a few more inline tags.
_IMPORT_TAGS = _TAGS | {"b", "i", "u"}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "code": {"class"},
    "pre": {"class"},
    "span": {"class"},
}
_DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "svg", "math", "object", "title"}
_LANGUAGE_CLASS = re.compile(r"language-[\w+#.-]{1,40}")
# Pygments' short token class names (``k``, ``s2``, ``nf``...), the only classes spans keep.
_TOKEN_CLASSES = frozenset(name for name in STANDARD_TYPES.values() if name)
_START = re.compile(r"[0-9]{1,9}")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    # nh3 swallows exceptions raised here (sys.unraisablehook): string checks only.
    if name == "class":
        if tag == "code":
            allowed = [c for c in value.split() if _LANGUAGE_CLASS.fullmatch(c)]
        elif tag == "pre":
            allowed = [c for c in value.split() if c == HIGHLIGHT_CLASS]
        else:
            allowed = [c for c in value.split() if c in _TOKEN_CLASSES]
        return " ".join(allowed) or None
    if name == "start":
        return value if _START.fullmatch(value.strip()) else None
    return value


@lru_cache(maxsize=2)
def _cleaner(imported: bool) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(_IMPORT_TAGS if imported else _TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel=COMMENT_LINK_REL,
        url_schemes={"http", "https", "mailto"},
    )


@lru_cache(maxsize=1)
def comment_parser() -> MarkdownIt:
    """The comment Markdown parser: CommonMark without raw HTML, headings, images or tables."""
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "typographer": False})
    md.enable(["strikethrough"])
    md.disable(["heading", "lheading", "image", "html_block", "html_inline", "hr"])
    return md


def render_comment(source: str) -> str:
    """A reader's Markdown -> sanitised HTML (code blocks highlighted, links marked ugc)."""
    html = comment_parser().render(clean_chars(source))
    return _cleaner(False).clean(highlight_code_blocks(html)).strip()


def sanitise_comment_html(html: str) -> str:
    """Imported comment HTML (a Disqus message...) reduced to what a comment may hold."""
    cleaned = _cleaner(True).clean(clean_chars(html))
    return _cleaner(True).clean(highlight_code_blocks(cleaned)).strip()


_ANCHOR = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<]+", re.IGNORECASE)


def count_links(html: str) -> int:
    """How many links a rendered comment holds: its anchors and any bare web address."""
    anchors = len(_ANCHOR.findall(html))
    return anchors + len(_BARE_URL.findall(_ANCHOR.sub(" ", html)))
