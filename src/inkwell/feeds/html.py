"""HTML helpers for feeds: Ghost-compatible word truncation, absolute URLs, plain text.

They work on tokens (see ``tokens.py``) and rewrite only what they must, so the rest of the
post's HTML goes out byte for byte.
"""

from __future__ import annotations

import html as _html
import re
from urllib.parse import urljoin

from .tokens import (
    RAW_TEXT_ELEMENTS,
    EndTag,
    StartTag,
    Text,
    escape_attr,
    iter_tokens,
    render_tokens,
    tokenize,
)

__all__ = [
    "absolutize_urls",
    "html_to_text",
    "insert_before_first_p",
    "truncate_html_words",
]

# Block-level elements: their boundaries separate words when HTML is flattened to text.
_BLOCK_ELEMENTS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt"}
    | {"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"}
    | {"li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr"}
    | {"ul"}
)


# --- truncation --------------------------------------------------------------------------------

# One unit of text: a character reference (kept whole so it is never cut) or one character.
_TEXT_UNIT = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|.", re.DOTALL)


def _is_word_char(unit: str) -> bool:
    # Ghost counts words with downsize-cjs: a word is a run of letters and ASCII digits, so
    # "one-line" and "don't" are two words each. Character references are judged by the
    # character they stand for (Ghost would count the "quot" of "&quot;" as a word; we count
    # what the reader sees).
    char = _html.unescape(unit) if len(unit) > 1 else unit
    return len(char) == 1 and (char.isalpha() or char in "0123456789")


def truncate_html_words(html: str, words: int) -> str:
    """The first ``words`` words of ``html``, with its tags kept and any left open closed.

    Counts words the way Ghost does for its RSS descriptions (downsize-cjs): a word is a run
    of letters and digits, and every tag boundary also ends a word. Text stops right after
    the last counted word (plus the character that ended it), surrounding whitespace is
    trimmed, and open elements are closed innermost first. Character references are never
    split. Raw-text bodies (script, style) are copied whole and count no words.
    """
    if words <= 0:
        return ""
    out: list[str] = []
    stack: list[str] = []
    count = 0
    in_word = False

    def tock() -> None:
        nonlocal count, in_word
        if in_word:
            count += 1
            in_word = False

    done = False
    raw_text_parent: str | None = None
    for token in iter_tokens(html):
        if count >= words:
            break
        if isinstance(token, Text):
            if raw_text_parent is not None:
                out.append(token.raw)
                continue
            for unit in _TEXT_UNIT.findall(token.raw):
                if count >= words:
                    done = True
                    break
                if _is_word_char(unit):
                    in_word = True
                else:
                    tock()
                out.append(unit)
            if done:
                break
            continue
        if isinstance(token, StartTag):
            out.append(token.render())
            if not token.is_void:
                stack.append(token.name)
                if token.name in RAW_TEXT_ELEMENTS:
                    raw_text_parent = token.name
        elif isinstance(token, EndTag):
            out.append(token.raw)
            if token.name in stack:
                # Close up to the matching element (tolerates omitted end tags like </li>).
                del stack[len(stack) - 1 - stack[::-1].index(token.name) :]
            if token.name == raw_text_parent:
                raw_text_parent = None
        else:
            out.append(token.raw)
        tock()  # every tag or comment boundary ends a word
    result = "".join(out).strip()
    return result + "".join(f"</{name}>" for name in reversed(stack))


# --- absolute URLs -----------------------------------------------------------------------------

_URL_ATTRS = frozenset({"href", "src", "poster", "cite", "action", "background"})


def _absolute(url: str, base_url: str) -> str:
    stripped = url.strip()
    if not stripped:
        return url
    return urljoin(base_url, stripped)


_SRCSET_SEP = re.compile(r"[\s,]*")
_SRCSET_URL = re.compile(r"\S+")
_SRCSET_DESCRIPTOR = re.compile(r"[^,]*")


def _absolute_srcset(value: str, base_url: str) -> str:
    # srcset is "url [descriptor], url [descriptor], ...". As in the HTML spec, a URL is a run
    # of non-space characters whose trailing commas end the candidate (so "data:a,b" survives).
    candidates: list[str] = []
    changed = False
    pos = 0
    while True:
        separator = _SRCSET_SEP.match(value, pos)
        assert separator is not None  # [\s,]* always matches
        pos = separator.end()
        url_match = _SRCSET_URL.match(value, pos)
        if url_match is None:
            break
        url, pos = url_match.group(), url_match.end()
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            descriptor_match = _SRCSET_DESCRIPTOR.match(value, pos)
            assert descriptor_match is not None  # [^,]* always matches
            descriptor, pos = descriptor_match.group().strip(), descriptor_match.end()
        absolute = _absolute(url, base_url)
        changed = changed or absolute != url
        candidates.append(f"{absolute} {descriptor}" if descriptor else absolute)
    # Keep the author's formatting when nothing needed rewriting.
    return ", ".join(candidates) if changed else value


def absolutize_urls(html: str, base_url: str) -> str:
    """Make every relative URL in ``html`` absolute against ``base_url``.

    Rewrites ``href``, ``src``, ``srcset`` (each candidate), ``poster``, ``cite``, ``action``
    and ``background`` attributes; absolute URLs and other schemes (``mailto:``, ``data:``)
    are left alone. Only the rewritten tags change; the rest of the HTML is kept byte for byte.
    For a post, pass the post's own URL as ``base_url``: root-relative URLs then resolve
    against the site, and ``#fragment`` or ``image.png`` links resolve like a browser would on
    the post's page.
    """
    tokens = tokenize(html)
    for token in tokens:
        if not isinstance(token, StartTag):
            continue
        for attr in token.attrs:
            name = attr.name.lower()
            if attr.value is None or (name not in _URL_ATTRS and name != "srcset"):
                continue
            value = _html.unescape(attr.value)
            if name == "srcset":
                new = _absolute_srcset(value, base_url)
            else:
                new = _absolute(value, base_url)
            if new != value:
                attr.value, attr.quote = escape_attr(new), '"'
                token.dirty = True
    return render_tokens(tokens)


# --- other helpers -----------------------------------------------------------------------------


def insert_before_first_p(html: str, snippet: str) -> str:
    """Insert ``snippet`` right before the first ``<p>`` start tag (at the start if none).

    Ghost puts the feature image of a post in front of the first paragraph of its feed content
    (cheerio's ``$('p').first().before(...)``); with no paragraph Ghost drops the image, which
    leaves readers that ignore media:content without it, so we put it first instead.
    """
    offset = 0
    for token in iter_tokens(html):
        if isinstance(token, StartTag) and token.name == "p":
            return html[:offset] + snippet + html[offset:]
        offset += len(token.raw)
    return snippet + html


def html_to_text(html: str) -> str:
    """Plain text of ``html``: tags dropped (block boundaries become spaces), entities decoded,
    whitespace collapsed. Script and style bodies are dropped."""
    parts: list[str] = []
    skip: str | None = None
    for token in iter_tokens(html):
        if isinstance(token, Text):
            if skip is None:
                parts.append(_html.unescape(token.raw))
        elif isinstance(token, StartTag):
            if token.name in ("script", "style") and not token.self_closing:
                skip = token.name
            elif token.name in _BLOCK_ELEMENTS:
                parts.append(" ")
        elif isinstance(token, EndTag):
            if token.name == skip:
                skip = None
            elif token.name in _BLOCK_ELEMENTS:
                parts.append(" ")
    return " ".join("".join(parts).split())
