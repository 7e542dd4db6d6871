"""An imported comment's text as Markdown, from its sanitised HTML.

Comments are stored twice: as written (``body``, the Markdown subset) and as shown (``html``).
Old systems kept HTML only, so the body is written back from it, for the day a moderator edits
an imported comment: paragraphs, line breaks, links, emphasis, code, quotes and lists survive;
any other markup gives its text.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError
from lxml.html import HtmlElement

_BLOCKS = {"p", "div", "ul", "ol", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
_WRAP = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`", "del": "~~", "s": "~~"}


def body_of(html: str) -> str:
    """Markdown for ``html`` (already sanitised): what its author would have typed."""
    if not html.strip():
        return ""
    try:
        parts = lxml_html.fragments_fromstring(html)
    except (ParserError, ValueError):
        return html
    text = "".join(part if isinstance(part, str) else _node(part) for part in parts)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _inner(element: HtmlElement) -> str:
    text = element.text or ""
    for child in element:
        text += _node(child) + (child.tail or "")
    return text


def _node(element: HtmlElement) -> str:
    tag = str(element.tag).lower()
    if tag == "br":
        return "  \n"
    if tag == "a":
        href = element.get("href") or ""
        label = _inner(element).strip() or href
        return f"[{label}]({href})" if href else label
    if tag == "pre":
        code: str = element.text_content()
        return "\n\n```\n" + code.strip("\n") + "\n```\n\n"
    if tag in _WRAP:
        inner: str = _inner(element) if tag != "code" else element.text_content()
        mark = _WRAP[tag]
        return f"{mark}{inner}{mark}" if inner.strip() else inner
    if tag == "blockquote":
        quoted = re.sub(r"\n{3,}", "\n\n", _inner(element).strip())
        return "\n\n" + "\n".join(f"> {line}".rstrip() for line in quoted.splitlines()) + "\n\n"
    if tag == "li":
        parent = element.getparent()
        ordered = parent is not None and str(parent.tag).lower() == "ol"
        marker = f"{parent.index(element) + 1}." if ordered and parent is not None else "-"
        return f"{marker} {_inner(element).strip()}\n"
    if tag in _BLOCKS:
        return "\n\n" + _inner(element).strip() + "\n\n"
    return _inner(element)
