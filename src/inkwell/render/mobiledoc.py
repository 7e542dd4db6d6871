"""Ghost's Mobiledoc documents (Ghost 1 to 4) -> our HTML with Ghost's card markup, and back.

Mobiledoc 0.3: ``sections`` (markup sections ``p``/``h1``..``h6``/``blockquote``/``aside``,
lists, cards by index), ``markups`` (inline tags with attributes) opened and closed by each
marker, ``atoms`` (Ghost's only one is ``soft-return``, a line break) and ``cards``. Markdown
and HTML cards are wrapped in Ghost's ``<!--kg-card-begin: ...-->`` comments as Ghost 4 did.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from inkwell.render.ghost_cards import (
    CardContext,
    DocumentError,
    card_name,
    load_document,
    render_card,
)
from inkwell.render.options import DEFAULT_OPTIONS, RenderOptions

MARKUP_SECTION = 1
IMAGE_SECTION = 2
LIST_SECTION = 3
CARD_SECTION = 10
TEXT_MARKER = 0
ATOM_MARKER = 1
SECTION_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "pull-quote"}
)
MARKUP_TAGS = frozenset(
    {"a", "b", "code", "em", "i", "s", "strong", "sub", "sup", "u", "del", "mark"}
)
MARKUP_ATTRS = frozenset({"href", "rel", "target", "title"})
WRAPPED_CARDS = frozenset({"markdown", "html"})


def parse(doc: Mapping[str, Any] | str) -> Mapping[str, Any]:
    """A Mobiledoc document given as a dict or its JSON text, checked for its version."""
    if isinstance(doc, str):
        doc = load_document(doc, "Mobiledoc")
    if not isinstance(doc, Mapping) or not str(doc.get("version", "")).startswith("0.3"):
        raise DocumentError("the Mobiledoc document is not version 0.3")
    for key in ("sections", "cards", "markups", "atoms"):
        if not isinstance(doc.get(key, []), list):
            raise DocumentError(f"the Mobiledoc document's {key} is not a list")
    return doc


def _list(value: object, what: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise DocumentError(f"a Mobiledoc {what} is malformed")
    return value


class _Renderer:
    def __init__(self, doc: Mapping[str, Any], options: RenderOptions) -> None:
        self.cards = CardContext(options)
        self.card_list = _list(doc.get("cards", []), "cards list")
        self.markups = [self._markup(m) for m in _list(doc.get("markups", []), "markups list")]
        self.atoms = _list(doc.get("atoms", []), "atoms list")

    @staticmethod
    def _markup(markup: object) -> tuple[str, str]:
        parts = _list(markup, "markup")
        tag = str(parts[0]).lower() if parts else ""
        if tag not in MARKUP_TAGS:
            raise DocumentError(f"unknown Mobiledoc markup {tag!r}")
        attrs = _list(parts[1], "markup") if len(parts) > 1 else []
        pairs = []
        for name, value in zip(attrs[::2], attrs[1::2], strict=False):
            if str(name).lower() in MARKUP_ATTRS:
                pairs.append(f' {str(name).lower()}="{escape(str(value))}"')
        return f"<{tag}{''.join(pairs)}>", f"</{tag}>"

    def markers(self, markers: object) -> str:
        out: list[str] = []
        open_stack: list[str] = []
        for marker in _list(markers, "marker list"):
            kind, opens, closes, value = _list(marker, "marker")[:4]
            for index in _list(opens, "marker"):
                if not isinstance(index, int) or not 0 <= index < len(self.markups):
                    raise DocumentError("a Mobiledoc marker names a missing markup")
                opening, closing = self.markups[index]
                out.append(opening)
                open_stack.append(closing)
            if kind == TEXT_MARKER:
                out.append(escape(str(value), quote=False))
            elif kind == ATOM_MARKER:
                out.append(self.atom(value))
            else:
                raise DocumentError(f"unknown Mobiledoc marker type {kind!r}")
            if not isinstance(closes, int) or closes < 0:
                raise DocumentError("a Mobiledoc marker closes a negative number of markups")
            for _ in range(min(closes, len(open_stack))):
                out.append(open_stack.pop())
        out.extend(reversed(open_stack))
        return "".join(out)

    def atom(self, index: object) -> str:
        if not isinstance(index, int) or not 0 <= index < len(self.atoms):
            raise DocumentError("a Mobiledoc marker names a missing atom")
        name = _list(self.atoms[index], "atom")[0]
        if name == "soft-return":
            return "<br>"
        raise DocumentError(f"unknown Mobiledoc atom {name!r}")

    def section(self, section: object) -> str:
        parts = _list(section, "section")
        kind = parts[0] if parts else None
        if kind == MARKUP_SECTION:
            return self.markup_section(str(parts[1]).lower(), parts[2])
        if kind == LIST_SECTION:
            tag = "ol" if str(parts[1]).lower() == "ol" else "ul"
            items = "".join(f"<li>{self.markers(item)}</li>" for item in _list(parts[2], "list"))
            return f"<{tag}>{items}</{tag}>"
        if kind == CARD_SECTION:
            return self.card(parts[1])
        if kind == IMAGE_SECTION:
            return f'<img src="{escape(str(parts[1]))}">'
        raise DocumentError(f"unknown Mobiledoc section type {kind!r}")

    def markup_section(self, tag: str, markers: object) -> str:
        if tag not in SECTION_TAGS:
            raise DocumentError(f"unknown Mobiledoc section tag {tag!r}")
        inner = self.markers(markers)
        if tag in ("aside", "pull-quote"):
            return f'<blockquote class="kg-blockquote-alt">{inner}</blockquote>'
        if tag.startswith("h"):
            text = "".join(str(m[3]) for m in _list(markers, "marker list") if m[0] == TEXT_MARKER)
            return f'<{tag} id="{self.cards.heading_id(text)}">{inner}</{tag}>'
        return f"<{tag}>{inner}</{tag}>"

    def card(self, index: object) -> str:
        if not isinstance(index, int) or not 0 <= index < len(self.card_list):
            raise DocumentError("a Mobiledoc card section names a missing card")
        card = _list(self.card_list[index], "card")
        name = str(card[0])
        payload = card[1] if len(card) > 1 and isinstance(card[1], Mapping) else {}
        html = render_card(name, payload, self.cards)
        if card_name(name) in WRAPPED_CARDS and html:
            kind = card_name(name)
            if kind == "html":
                return html
            return f"<!--kg-card-begin: {kind}-->{html}<!--kg-card-end: {kind}-->\n"
        return html


def render_mobiledoc(doc: Mapping[str, Any] | str, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """A Mobiledoc document -> HTML, as Ghost 4 rendered it for the web.

    Raises DocumentError for a document that cannot be read, and its subclass
    UnsupportedCard for a card Inkwell cannot render.
    """
    parsed = parse(doc)
    renderer = _Renderer(parsed, options)
    sections = _list(parsed.get("sections", []), "sections list")
    try:
        return "".join(renderer.section(section) for section in sections)
    except (IndexError, TypeError, ValueError) as exc:
        if isinstance(exc, DocumentError):
            raise
        raise DocumentError(f"a Mobiledoc section is malformed: {exc}") from None


def _only_card(doc: Mapping[str, Any] | str, kind: str, field: str) -> str | None:
    try:
        parsed = parse(doc)
    except DocumentError:
        return None
    sections = [s for s in parsed.get("sections", []) if not _empty_paragraph(s)]
    cards = parsed.get("cards", [])
    if len(sections) != 1 or not isinstance(sections[0], list) or len(sections[0]) < 2:
        return None
    if sections[0][0] != CARD_SECTION or not isinstance(sections[0][1], int):
        return None
    index = sections[0][1]
    if not 0 <= index < len(cards) or not isinstance(cards[index], list) or len(cards[index]) < 2:
        return None
    name, payload = cards[index][0], cards[index][1]
    if card_name(str(name)) != kind or not isinstance(payload, Mapping):
        return None
    value = payload.get(field)
    return value if isinstance(value, str) else None


def _empty_paragraph(section: object) -> bool:
    return (
        isinstance(section, list)
        and len(section) >= 3
        and section[0] == MARKUP_SECTION
        and section[2] == []
    )


def markdown_only(doc: Mapping[str, Any] | str) -> str | None:
    """The Markdown of a document made of one Markdown card, else None."""
    return _only_card(doc, "markdown", "markdown")


def html_only(doc: Mapping[str, Any] | str) -> str | None:
    """The HTML of a document made of one HTML card, else None."""
    return _only_card(doc, "html", "html")


def document_for(source_format: str, source: str) -> dict[str, Any]:
    """A Mobiledoc document holding ``source`` as one Markdown or HTML card."""
    if source_format == "markdown":
        card: list[Any] = ["markdown", {"markdown": source}]
    elif source_format == "html":
        card = ["html", {"html": source}]
    else:
        raise ValueError(f"unknown source format {source_format!r}")
    return {
        "version": "0.3.1",
        "ghostVersion": "4.0",
        "atoms": [],
        "cards": [card],
        "markups": [],
        "sections": [[CARD_SECTION, 0], [MARKUP_SECTION, "p", []]],
    }
