"""A small, forgiving HTML tokenizer that remembers where every token came from.

Inkwell's post-processing only needs to touch a handful of tags (headings, links, images,
iframes, code blocks). Re-serialising the whole document through a tree builder (lxml,
html5lib) would also rewrite everything else: libxml2 lower-cases SVG attributes
(``viewBox``), percent-encodes ``href`` values and switches attribute quoting. Ghost's card
markup must come out byte for byte as it went in, so instead we tokenize the source,
keep the byte offsets of every token and copy untouched tokens verbatim.

The tokenizer follows the HTML5 tokenizer rules for what matters here: tags and their
attributes (quoted values may contain ``>``), comments (including the abrupt ``<!-->``
forms), bogus comments (``<!DOCTYPE``, ``<?xml``, ``</3``) and raw-text elements whose
content is never markup (``script``, ``style``, ``iframe``, ``textarea``...). It does not
build a tree and it never raises.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.entities import html5 as _HTML5_ENTITIES
from typing import Literal

TokenKind = Literal["text", "start", "end", "comment", "bogus"]

# Content of these elements is text, not markup, until the matching end tag (HTML5
# "RAWTEXT"/"RCDATA"/"script data" states; noscript is raw text when scripting is on).
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"}
)
# Elements that never have content or an end tag (WHATWG "void elements", plus the obsolete
# ones parsers, and Ghost's truncator, still treat as void).
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr", "command", "keygen"}
)

_WS = "\t\n\x0c\r "
_TAG_NAME_END = re.compile(r"[\t\n\x0c\r />]")
_ATTR_NAME_END = re.compile(r"[\t\n\x0c\r /=>]")
_UNQUOTED_END = re.compile(r"[\t\n\x0c\r >]")
# C0 controls other than tab/newline/CR, DEL, lone surrogates and the two XML
# non-characters: none of them belongs in a web page, and libxml2-based consumers
# (feeds, lxml in tests) refuse them.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@dataclass(slots=True)
class Attr:
    """One attribute of a tag: lower-cased name, decoded value, span in the source."""

    name: str
    value: str
    start: int
    end: int


@dataclass(slots=True)
class Token:
    """A run of the source: text, a start or end tag, a comment, or ignorable junk."""

    kind: TokenKind
    start: int
    end: int
    name: str = ""
    attrs: list[Attr] = field(default_factory=list)
    self_closing: bool = False
    name_end: int = 0
    # a text token that is the content of a raw-text element (named in ``name``)
    raw_text: bool = False

    def attr(self, name: str) -> Attr | None:
        """Return the first attribute called ``name`` (HTML keeps the first duplicate)."""
        for attribute in self.attrs:
            if attribute.name == name:
                return attribute
        return None

    def get(self, name: str) -> str | None:
        """Return the decoded value of attribute ``name``, or None when absent."""
        attribute = self.attr(name)
        return None if attribute is None else attribute.value

    def classes(self) -> frozenset[str]:
        """The names in the tag's ``class`` attribute."""
        return frozenset((self.get("class") or "").split())

    @property
    def is_void(self) -> bool:
        """A start tag that opens no element to close: ``<br>``, ``<img>``, ``<x-icon />``."""
        return self.kind == "start" and (self.name in VOID_ELEMENTS or self.self_closing)


def clean_chars(text: str) -> str:
    """Drop control characters, surrogates and non-characters; form feed becomes a space."""
    return _INVALID_CHARS.sub("", text.replace("\x0c", " "))


_ATTR_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[a-zA-Z][a-zA-Z0-9]*;?)")


def _attr_charref(match: re.Match[str]) -> str:
    ref = match.group(1)
    if ref.startswith("#"):
        return html.unescape(match.group(0))
    if ref in _HTML5_ENTITIES:
        if ref.endswith(";"):
            return _HTML5_ENTITIES[ref]
        # HTML5: a legacy entity without ";" is left alone in attributes when followed
        # by "=" (so "?a=1&not=2" stays a query string).
        following = match.string[match.end() : match.end() + 1]
        if following != "=":
            return _HTML5_ENTITIES[ref]
    return match.group(0)


def unescape_attr(value: str) -> str:
    """Decode character references the way browsers do inside attribute values."""
    if "&" not in value:
        return value
    return _ATTR_CHARREF.sub(_attr_charref, value)


def escape_attr(value: str) -> str:
    """Escape a value for a double-quoted attribute (``<`` and ``>`` too, for old parsers)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def _skip_ws(src: str, pos: int) -> int:
    n = len(src)
    while pos < n and src[pos] in _WS:
        pos += 1
    return pos


def _parse_attrs(src: str, pos: int, token: Token) -> int:
    """Parse attributes from ``pos`` up to and including ``>``; return -1 at EOF."""
    n = len(src)
    while True:
        while pos < n and (src[pos] in _WS or src[pos] == "/"):
            if src[pos] == "/" and pos + 1 < n and src[pos + 1] == ">":
                token.self_closing = True
            pos += 1
        if pos >= n:
            return -1
        if src[pos] == ">":
            return pos + 1
        name_start = pos
        # the first character of a name may be "=" (HTML5 quirk)
        match = _ATTR_NAME_END.search(src, pos + 1)
        pos = match.start() if match else n
        name = src[name_start:pos].lower()
        value = ""
        after_name = _skip_ws(src, pos)
        if after_name < n and src[after_name] == "=":
            pos = _skip_ws(src, after_name + 1)
            if pos >= n:
                return -1
            quote = src[pos]
            if quote in "\"'":
                close = src.find(quote, pos + 1)
                if close < 0:
                    return -1
                value = src[pos + 1 : close]
                pos = close + 1
            elif quote != ">":
                match = _UNQUOTED_END.search(src, pos)
                end = match.start() if match else n
                value = src[pos:end]
                pos = end
        # duplicates are kept so rewrite_tag can drop them; attr() returns the first
        token.attrs.append(Attr(name, unescape_attr(value), name_start, pos))


def _comment_end(src: str, pos: int) -> int:
    """``pos`` points just after ``<!--``; return the offset just after the comment."""
    if src.startswith(">", pos):
        return pos + 1
    if src.startswith("->", pos):
        return pos + 2
    ends = [i for i in (src.find("-->", pos), src.find("--!>", pos)) if i >= 0]
    if not ends:
        return len(src)
    first = min(ends)
    return first + (3 if src.startswith("-->", first) else 4)


def _to_gt(src: str, pos: int) -> int:
    close = src.find(">", pos)
    return len(src) if close < 0 else close + 1


def tokenize(src: str) -> list[Token]:
    """Split ``src`` into tokens whose spans cover the whole string, in order."""
    return list(iter_tokens(src))


def iter_tokens(src: str) -> Iterator[Token]:
    """The tokens of ``src`` one by one, so that a caller that stops early parses no further."""
    n = len(src)
    pos = 0
    text_start = 0
    while True:
        lt = src.find("<", pos)
        if lt < 0 or lt + 1 >= n:
            break
        token = _markup_at(src, lt)
        if token is None:
            pos = lt + 1  # a lone "<" is text
            continue
        if lt > text_start:
            yield Token("text", text_start, lt)
        yield token
        if token.end >= n:
            return  # nothing follows (or EOF inside a tag: the rest was junk)
        pos = text_start = token.end
        if token.kind == "start" and token.name in RAW_TEXT_ELEMENTS:
            raw = _raw_text(src, token.name, pos)
            if raw is not None:
                yield raw
                pos = text_start = raw.end
        elif token.kind == "start" and token.name == "plaintext":
            break
    if n > text_start:
        yield Token("text", text_start, n)


def _markup_at(src: str, lt: int) -> Token | None:
    """The tag, comment or junk starting at the ``<`` at ``lt``; None when it is just text."""
    n = len(src)
    nxt = src[lt + 1]
    if nxt.isascii() and nxt.isalpha():
        return _tag(src, lt, "start", lt + 1)
    if nxt == "/":
        third = src[lt + 2] if lt + 2 < n else ""
        if third.isascii() and third.isalpha():
            token = _tag(src, lt, "end", lt + 2)
            token.attrs = []  # attributes on end tags mean nothing
            return token
        if third == ">":
            return Token("bogus", lt, lt + 3)
        if third:
            return Token("bogus", lt, _to_gt(src, lt + 2))
        return None
    if nxt == "!":
        if src.startswith("<!--", lt):
            return Token("comment", lt, _comment_end(src, lt + 4))
        return Token("bogus", lt, _to_gt(src, lt + 2))
    if nxt == "?":
        return Token("bogus", lt, _to_gt(src, lt + 2))
    return None


def _tag(src: str, lt: int, kind: TokenKind, name_start: int) -> Token:
    """A start or end tag whose name begins at ``name_start`` (junk to the end at EOF)."""
    match = _TAG_NAME_END.search(src, name_start)
    name_end = match.start() if match else len(src)
    name = src[name_start:name_end].lower()
    if src.startswith(">", name_end):
        # most tags have no attribute: "<p>", "</p>"
        return Token(kind, lt, name_end + 1, name, [], False, name_end)
    token = Token(kind, lt, lt, name, [], False, name_end)
    end = _parse_attrs(src, name_end, token)
    if end < 0:
        return Token("bogus", lt, len(src))
    token.end = end
    return token


_RAW_TEXT_END = {
    name: re.compile(r"</" + name + r"[\t\n\x0c\r />]", re.IGNORECASE) for name in RAW_TEXT_ELEMENTS
}


def _raw_text(src: str, name: str, pos: int) -> Token | None:
    """The content of a raw-text element as one text token (None when it is empty)."""
    match = _RAW_TEXT_END[name].search(src, pos)
    end = match.start() if match else len(src)
    if end > pos:
        return Token("text", pos, end, name=name, raw_text=True)
    return None


def rewrite_tag(
    src: str,
    token: Token,
    set_attrs: dict[str, str] | None = None,
    remove: frozenset[str] = frozenset(),
) -> str:
    """Return the tag's source with attributes replaced, appended or removed.

    Untouched attributes keep their exact original spelling; a replaced attribute is
    written as ``name="escaped value"`` in place; new ones are appended in order.
    """
    set_attrs = dict(set_attrs or {})
    # later duplicates of a replaced or removed attribute go too, so that the browser
    # (which honours the first occurrence) cannot fall back to one of them
    dropped = set(remove) | {a.name for a in token.attrs if a.name in set_attrs}
    seen: set[str] = set()
    parts: list[str] = []
    pos = token.start
    last_end = token.name_end
    for attribute in token.attrs:
        first = attribute.name not in seen
        seen.add(attribute.name)
        if attribute.name in dropped and not (first and attribute.name in set_attrs):
            # drop the attribute together with the whitespace before it
            parts.append(src[pos:last_end])
            pos = attribute.end
        elif attribute.name in set_attrs and first:
            parts.append(src[pos : attribute.start])
            value = set_attrs.pop(attribute.name)
            parts.append(f'{_spelling(src, attribute)}="{escape_attr(value)}"')
            pos = attribute.end
        last_end = attribute.end
    parts.append(src[pos:last_end])
    for name, value in set_attrs.items():
        parts.append(f' {name}="{escape_attr(value)}"')
    parts.append(src[last_end : token.end])
    return "".join(parts)


def _spelling(src: str, attribute: Attr) -> str:
    """The attribute's name as the source wrote it (``HREF`` stays ``HREF``)."""
    written = src[attribute.start : attribute.start + len(attribute.name)]
    return written if written.lower() == attribute.name else attribute.name


def render_tokens(src: str, tokens: list[Token], replaced: dict[int, str]) -> str:
    """``src`` with the tokens at the indices of ``replaced`` replaced by their new text.

    Every other token is copied byte for byte.
    """
    parts: list[str] = []
    for index, token in enumerate(tokens):
        new = replaced.get(index)
        parts.append(src[token.start : token.end] if new is None else new)
    return "".join(parts)


def element_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """``(start, end)`` token indices of every element, in document order.

    ``tokens[start]`` is its start tag and ``tokens[end]`` its end tag (``end == start`` for a
    void element, ``len(tokens)`` when the end tag is missing). An end tag closes everything
    opened after the nearest open element of its name, as browsers do for omitted end tags;
    an end tag with no open element of its name is ignored.
    """
    open_: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if token.kind == "start":
            if token.is_void:
                spans.append((index, index))
            else:
                open_.append((index, token.name))
        elif token.kind == "end":
            for depth in range(len(open_) - 1, -1, -1):
                if open_[depth][1] == token.name:
                    spans.extend((start, index) for start, _ in open_[depth:])
                    del open_[depth:]
                    break
    spans.extend((start, len(tokens)) for start, _ in open_)
    spans.sort()
    return spans
