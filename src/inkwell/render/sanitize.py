"""Sanitising HTML that no trusted author wrote (comments, feed imports) with nh3."""

from __future__ import annotations

import re
from functools import lru_cache

import nh3

from inkwell.render.html_tokens import clean_chars, rewrite_tag, tokenize
from inkwell.render.iframes import iframe_allowed, skip_iframe
from inkwell.render.options import DEFAULT_IFRAME_HOSTS
from inkwell.render.urls import is_safe_url, url_scheme

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "a", "em", "strong", "b", "i", "u", "del", "s", "ins", "mark",
        "sup", "sub", "small", "abbr", "kbd", "code", "pre", "blockquote", "q", "cite",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "img", "figure", "figcaption", "iframe", "div", "span", "section",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class"}),
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height", "srcset", "sizes", "loading"}),
    "iframe": frozenset(
        {"src", "width", "height", "allowfullscreen", "title", "loading", "frameborder"}
    ),
    "abbr": frozenset({"title"}),
    "ol": frozenset({"start", "reversed"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "span": frozenset({"style"}),  # Ghost captions: <span style="white-space: pre-wrap;">
}

# Inline styles are reduced to these properties (table alignment, Ghost's captions),
# and to values made of words only: no url(), no escapes, no expression().
_STYLE_PROPERTIES = frozenset({"text-align", "white-space"})
_STYLE_VALUE = re.compile(r"[\w\s:;-]*")

# Elements whose content is dropped with them, not kept as text.
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "svg", "math", "object", "applet",
     "noembed", "noframes", "title", "xmp"}
)  # fmt: skip

# Ghost card classes, code languages and footnote markup; any other class is dropped.
_CLASS = re.compile(r"kg-[\w-]+|language-[\w+#.-]+|footnotes?(?:-[a-z]+)*|footnote-[a-z]+")
_DIMENSION = re.compile(r"[0-9]{1,5}%?")
_KG_COMMENT = re.compile(r"<!--kg-card-(?:begin|end): [a-z0-9-]+-->")

DEFAULT_LINK_REL = "noopener noreferrer"


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    # nh3 reports exceptions from this callback through sys.unraisablehook, never to
    # us, so nothing in here may raise: it only uses regexes and string methods.
    if name == "class":
        kept = [c for c in value.split() if _CLASS.fullmatch(c)]
        return " ".join(kept) or None
    if name in ("width", "height"):
        return value if _DIMENSION.fullmatch(value.strip()) else None
    if name == "style":
        return value if _STYLE_VALUE.fullmatch(value) and value.strip() else None
    if name == "loading":
        return value if value in ("lazy", "eager") else None
    if name == "srcset":
        # nh3 does not check srcset URLs itself
        for candidate in value.split(","):
            parts = candidate.split()
            if parts and (not is_safe_url(parts[0]) or url_scheme(parts[0]) == "mailto"):
                return None
        return value
    return value


@lru_cache(maxsize=8)
def _cleaner(link_rel: str | None) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        strip_comments=False,
        link_rel=link_rel,
        url_schemes={"http", "https", "mailto"},
        filter_style_properties=set(_STYLE_PROPERTIES),
    )


def sanitize_html(
    html: str,
    iframe_hosts: frozenset[str] = DEFAULT_IFRAME_HOSTS,
    *,
    link_rel: str | None = DEFAULT_LINK_REL,
) -> str:
    """Make untrusted HTML safe to show: article markup only, no scripts or handlers.

    Allowed: paragraphs, links (http, https, mailto, relative), headings, lists, quotes,
    code, tables, images, figures and ``div``/``span`` with Ghost ``kg-*`` classes,
    ``language-*`` classes on code and iframes from ``iframe_hosts`` (their fallback
    content dropped). Comments are removed except Ghost's ``<!--kg-card-begin: x-->`` /
    ``<!--kg-card-end: x-->`` markers. Links get ``rel=link_rel`` (None: no rel).
    """
    cleaned = _cleaner(link_rel).clean(clean_chars(html))
    tokens = tokenize(cleaned)
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        raw = cleaned[token.start : token.end]
        if token.kind == "comment" and not _KG_COMMENT.fullmatch(raw):
            index += 1
            continue
        if token.kind == "start" and token.name == "iframe":
            after = skip_iframe(tokens, index)
            if iframe_allowed(token, iframe_hosts):
                # iframe content is raw text that non-HTML5 parsers may read as markup
                out.append(raw + "</iframe>")
            index = after
            continue
        if token.kind == "start" and token.get("style") == "":
            # nh3 leaves style="" behind when it filtered every property out
            raw = rewrite_tag(cleaned, token, remove=frozenset({"style"}))
        out.append(raw)
        index += 1
    return "".join(out)
