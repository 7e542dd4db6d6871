"""Text derived from rendered HTML: plain text, excerpts, reading time."""

from __future__ import annotations

import html as html_lib
import re

from inkwell.render.cards import CARD_CHROME_CLASSES
from inkwell.render.html_tokens import Token, clean_chars, iter_tokens

# Content that is never read as text on the page.
_INVISIBLE = frozenset({"script", "style", "noscript", "iframe", "title", "noembed", "noframes"})

# Tags that separate words: "a</p><p>b" reads "a b", while "w<em>or</em>d" stays "word".
_BREAKING = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "img", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "iframe",
        "video", "audio", "textarea", "option", "caption",
    }
)  # fmt: skip

# Reading speed, as in Ghost: 275 words a minute, and an image is looked at for 12 s,
# the next for 11 s and so on down to 3 s for the tenth image and every one after it.
WORDS_PER_MINUTE = 275
_FIRST_IMAGE_SECONDS = 12
_MIN_IMAGE_SECONDS = 3

# A CJK character is a word on its own (those scripts do not put spaces between words).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")

ELLIPSIS = "…"


def _hides(token: Token) -> bool:
    """A start tag whose content is not read: ``<template>`` (inert) or card chrome."""
    if token.name == "template":
        return True
    value = token.get("class")
    return value is not None and not CARD_CHROME_CLASSES.isdisjoint(value.split())


def _text_and_images(html: str) -> tuple[str, int]:
    src = clean_chars(html)
    parts: list[str] = []
    images = 0
    # While inside a hidden element: its name and how many of that name are open.
    hidden_name, hidden_depth = "", 0
    for token in iter_tokens(src):
        if hidden_depth:
            if token.name == hidden_name and not token.is_void:
                hidden_depth += 1 if token.kind == "start" else -1 if token.kind == "end" else 0
            continue
        if token.kind == "text":
            # raw text is visible only in <textarea> and <xmp>
            if token.name not in _INVISIBLE:
                text = src[token.start : token.end]
                # <xmp> is raw text: its "&amp;" means what it says
                parts.append(text if token.name == "xmp" else html_lib.unescape(text))
        elif token.kind == "start" and not token.is_void and _hides(token):
            hidden_name, hidden_depth = token.name, 1
        elif token.kind in ("start", "end") and token.name in _BREAKING:
            parts.append(" ")
            if token.kind == "start" and token.name == "img":
                images += 1
    return " ".join("".join(parts).split()), images


def plain_text(html: str) -> str:
    """The visible text of ``html``: tags removed, entities decoded, whitespace collapsed.

    This is the one HTML-to-text conversion of Inkwell (excerpts, reading time, feed
    summaries, imported excerpts). It follows the HTML5 tokenizer rules, so a ``<`` in an
    attribute value, a comment or a script never shows up as text. Script, style, template,
    noscript, iframe and title content is dropped, and so is Ghost card chrome (bookmark
    thumbnails and metadata, audio and video player controls: ``CARD_CHROME_CLASSES``);
    block elements separate words, inline ones do not.
    """
    return _text_and_images(html)[0]


def excerpt(html: str, length: int = 200) -> str:
    """At most ``length`` characters of the plain text, cut at a word boundary.

    When the text is longer it is cut before the word that does not fit, trailing
    punctuation and spaces are trimmed and "…" is appended (counted in ``length``).
    A single word longer than ``length`` is cut mid-word. Short text comes back whole.
    """
    text = plain_text(html)
    if len(text) <= length:
        return text
    if length <= 1:
        return ELLIPSIS[:length]
    budget = length - len(ELLIPSIS)
    cut = text[:budget]
    if cut and cut[-1].isalnum() and text[budget].isalnum():
        # the cut splits a word: drop the partial word
        space = cut.rfind(" ")
        if space > 0:
            cut = cut[:space]
    cut = cut.rstrip(" ,;:.-–—")
    return cut + ELLIPSIS


def reading_time(html: str) -> int:
    """Estimated minutes to read ``html``: 0 when it is empty, otherwise at least 1.

    Words (whitespace-separated runs; each CJK character counts as one) at 275 a
    minute, plus 12 s for the first image, 11 s for the second ... and 3 s from the
    tenth on. The total is rounded to the nearest minute.
    """
    text, images = _text_and_images(html)
    words = len(_WORD.findall(text))
    if words == 0 and images == 0:
        return 0
    seconds = words * 60 / WORDS_PER_MINUTE
    seconds += sum(max(_FIRST_IMAGE_SECONDS - i, _MIN_IMAGE_SECONDS) for i in range(images))
    return max(1, int(seconds / 60 + 0.5))
