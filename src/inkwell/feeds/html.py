"""HTML helpers for feeds: Ghost-compatible word truncation and the feature-image slot.

They work on the render layer's tokens and rewrite only what they must, so the rest of the
post's HTML goes out byte for byte.
"""

from __future__ import annotations

import html as _html
import re

from inkwell.render.absolute_urls import absolutize_urls
from inkwell.render.html_tokens import iter_tokens

__all__ = ["absolutize_urls", "insert_before_first_p", "truncate_html_words"]

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

    for token in iter_tokens(html):
        if count >= words:
            break
        raw = html[token.start : token.end]
        if token.kind == "text" and not token.raw_text:
            for unit in _TEXT_UNIT.findall(raw):
                if count >= words:
                    break
                if _is_word_char(unit):
                    in_word = True
                else:
                    tock()
                out.append(unit)
            continue
        out.append(raw)
        if token.kind == "start" and not token.is_void:
            stack.append(token.name)
        elif token.kind == "end" and token.name in stack:
            # Close up to the matching element (tolerates omitted end tags like </li>).
            del stack[len(stack) - 1 - stack[::-1].index(token.name) :]
        if not token.raw_text:
            tock()  # every tag or comment boundary ends a word
    result = "".join(out).strip()
    return result + "".join(f"</{name}>" for name in reversed(stack))


def insert_before_first_p(html: str, snippet: str) -> str:
    """Insert ``snippet`` right before the first ``<p>`` start tag (at the start if none).

    Ghost puts the feature image of a post in front of the first paragraph of its feed content
    (cheerio's ``$('p').first().before(...)``); with no paragraph Ghost drops the image, which
    leaves readers that ignore media:content without it, so we put it first instead.
    """
    for token in iter_tokens(html):
        if token.kind == "start" and token.name == "p":
            return html[: token.start] + snippet + html[token.start :]
    return snippet + html
