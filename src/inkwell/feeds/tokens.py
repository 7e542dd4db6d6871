"""A lenient, byte-preserving HTML tokenizer for the feed helpers.

Feeds must carry post HTML exactly as the site renders it, so nothing here re-serialises a
document: HTML is split into tokens whose raw strings concatenate back to the input, and only
tokens that were changed (a start tag whose attributes were edited) are written anew.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "RAW_TEXT_ELEMENTS",
    "VOID_ELEMENTS",
    "Attr",
    "EndTag",
    "Markup",
    "StartTag",
    "Text",
    "Token",
    "escape_attr",
    "iter_elements",
    "iter_tokens",
    "render_tokens",
    "tokenize",
]

# Elements that never have content or an end tag (WHATWG "void elements").
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
    | {"command", "keygen"}  # obsolete, but still void for parsers (and for Ghost's truncator)
)
# Elements whose content is raw text: a "<" inside them does not start a tag.
RAW_TEXT_ELEMENTS = frozenset({"script", "style", "textarea", "title", "xmp"})


@dataclass
class Attr:
    """One attribute of a start tag, with its original quoting so it can be written back."""

    name: str
    value: str | None  # raw (still entity-encoded) value; None for a bare boolean attribute
    quote: str = '"'

    def render(self) -> str:
        if self.value is None:
            return self.name
        if self.quote:
            return f"{self.name}={self.quote}{self.value}{self.quote}"
        return f"{self.name}={self.value}"


@dataclass
class Text:
    raw: str


@dataclass
class Markup:
    """A comment, doctype, CDATA section or processing instruction: copied through untouched."""

    raw: str


class StartTag:
    """A start tag. Attributes are parsed on first use: most tags are only passed through."""

    __slots__ = ("_attr_src", "_attrs", "dirty", "name", "raw")

    def __init__(self, name: str, raw: str, attr_src: str) -> None:
        self.name = name  # lower-cased
        self.raw = raw
        self.dirty = False  # attributes were changed: render() writes the tag anew
        self._attr_src = attr_src
        self._attrs: list[Attr] | None = None

    @property
    def attrs(self) -> list[Attr]:
        if self._attrs is None:
            self._attrs = [_attr(match) for match in _ATTR.finditer(self._attr_src)]
        return self._attrs

    @property
    def self_closing(self) -> bool:
        # "<br/>", "<x-icon />", "<img alt/>" end in a solidus; "<a href=/x/>" does not: there
        # the "/" belongs to an unquoted value.
        tail = self._attr_src.rstrip()
        if not tail.endswith("/"):
            return False
        matches = list(_ATTR.finditer(tail))
        return not matches or "/" in tail[matches[-1].end() :]

    @property
    def is_void(self) -> bool:
        return self.name in VOID_ELEMENTS or self.self_closing

    def get(self, name: str) -> str | None:
        """The decoded value of attribute ``name`` ("" for a bare attribute), or None."""
        for attr in self.attrs:
            if attr.name.lower() == name:
                return "" if attr.value is None else _html.unescape(attr.value)
        return None

    def set(self, name: str, value: str | None) -> None:
        """Set (or add) attribute ``name`` to ``value`` (plain text; escaped here)."""
        raw = None if value is None else escape_attr(value)
        self.dirty = True
        for attr in self.attrs:
            if attr.name.lower() == name:
                attr.value, attr.quote = raw, '"'
                return
        self.attrs.append(Attr(name, raw))

    def remove(self, name: str) -> None:
        kept = [a for a in self.attrs if a.name.lower() != name]
        if len(kept) != len(self.attrs):
            self._attrs, self.dirty = kept, True

    def classes(self) -> frozenset[str]:
        return frozenset((self.get("class") or "").split())

    def render(self) -> str:
        if not self.dirty:
            return self.raw
        # Keep the tag name as written ("<A" stays "<A"); self.name is lower-cased.
        parts = [self.raw[1 : 1 + len(self.name)], *(a.render() for a in self.attrs)]
        return "<" + " ".join(parts) + (" />" if self.self_closing else ">")


@dataclass
class EndTag:
    name: str  # lower-cased
    raw: str


Token = Text | Markup | StartTag | EndTag

# A whole tag: name, then anything up to ">" with quoted strings kept whole. Possessive
# quantifiers: a "<" that does not open a tag is rejected without backtracking.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:_.-]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _attr(match: re.Match[str]) -> Attr:
    name, double, single, bare = match.groups()
    if double is not None:
        return Attr(name, double, '"')
    if single is not None:
        return Attr(name, single, "'")
    if bare is not None:
        return Attr(name, bare, "")
    return Attr(name, None)


def escape_attr(value: str) -> str:
    """Escape text for a double-quoted HTML attribute value."""
    return _html.escape(value, quote=False).replace('"', "&quot;")


def tokenize(source: str) -> list[Token]:
    """Split HTML into tokens whose ``raw`` strings concatenate back to ``source`` exactly."""
    return list(iter_tokens(source))


def iter_tokens(source: str) -> Iterator[Token]:
    """Tokens of ``source`` one by one, so a caller that stops early parses no further.

    A lenient tokenizer, not a validating parser: a ``<`` that does not open a well-formed tag
    is text, unterminated comments run to the end, and script/style bodies are raw text.
    """
    pos = text_start = 0
    n = len(source)
    while (lt := source.find("<", pos)) >= 0:
        nxt = source[lt + 1 : lt + 2]
        if nxt == "!" or nxt == "?":
            if source.startswith("<!--", lt):
                close = source.find("-->", lt + 4)
                end = n if close < 0 else close + 3
            else:
                close = source.find(">", lt + 2)
                end = n if close < 0 else close + 1
            if lt > text_start:
                yield Text(source[text_start:lt])
            yield Markup(source[lt:end])
            pos = text_start = end
            continue
        match = _TAG.match(source, lt)
        if match is None:
            pos = lt + 1
            continue
        if lt > text_start:
            yield Text(source[text_start:lt])
        closing, name, attr_src = match.groups()
        name, end = name.lower(), match.end()
        pos = text_start = end
        if closing:
            yield EndTag(name, match.group())
            continue
        tag = StartTag(name, match.group(), attr_src)
        yield tag
        if name in RAW_TEXT_ELEMENTS and not tag.self_closing:
            # Nothing inside is markup: skip to the matching end tag.
            body = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(source, end)
            body_end = n if body is None else body.start()
            if body_end > end:
                yield Text(source[end:body_end])
            pos = text_start = body_end
    if n > text_start:
        yield Text(source[text_start:])


def render_tokens(tokens: Iterable[Token]) -> str:
    """Write tokens back to HTML (unchanged tokens byte for byte)."""
    return "".join(t.render() if isinstance(t, StartTag) else t.raw for t in tokens)


def iter_elements(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """``(start, end)`` token indices of every element, in document order: ``tokens[start]``
    is its start tag and ``tokens[end]`` its end tag (``end == start`` for a void element,
    ``len(tokens)`` when the end tag is missing). An end tag closes everything opened after
    the nearest open element of its name, as browsers do for omitted end tags; an end tag
    with no open element of its name is ignored."""
    open_: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if isinstance(token, StartTag):
            if token.is_void:
                spans.append((i, i))
            else:
                open_.append((i, token.name))
        elif isinstance(token, EndTag):
            for depth in range(len(open_) - 1, -1, -1):
                if open_[depth][1] == token.name:
                    spans.extend((j, i) for j, _ in open_[depth:])
                    del open_[depth:]
                    break
    spans.extend((j, len(tokens)) for j, _ in open_)
    spans.sort()
    return spans
