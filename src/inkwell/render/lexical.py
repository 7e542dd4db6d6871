"""Ghost's Lexical documents (Ghost 5 and 6) -> our HTML with Ghost's card markup, and back.

``render_lexical`` renders a document as Ghost's renderer does: paragraphs, headings with
ids, quotes (``aside`` as Ghost's alternative quote), lists (nested, numbered with a start),
links, line breaks, text formats (bold, italic, strikethrough, underline, code, subscript,
superscript, highlight) nested the way Ghost nests them, and every web card
(``render.ghost_cards``). ``markdown_only``/``html_only`` find the source of a document
that is just one Markdown or HTML card, and ``document_for`` writes one: so a post moves
from Inkwell to Ghost and back with its source unchanged. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from inkwell.render.ghost_cards import CardContext, DocumentError, load_document, render_card
from inkwell.render.options import DEFAULT_OPTIONS, RenderOptions

# Lexical's text format bits, in the order Ghost opens their tags.
FORMAT_TAGS = (
    (1, "strong"),
    (2, "em"),
    (4, "s"),
    (8, "u"),
    (16, "code"),
    (32, "sub"),
    (64, "sup"),
    (128, "mark"),
)
TEXT_NODES = frozenset({"text", "extended-text"})
INLINE_NODES = TEXT_NODES | {"linebreak", "link", "autolink", "tab"}
HEADING_NODES = frozenset({"heading", "extended-heading"})
QUOTE_NODES = frozenset({"quote", "extended-quote"})
# Deeper than any editor makes; refusing it keeps hostile files from exhausting the stack.
MAX_DEPTH = 64


def parse(doc: Mapping[str, Any] | str) -> Mapping[str, Any]:
    """The root node of a Lexical document given as a dict or its JSON text."""
    if isinstance(doc, str):
        doc = load_document(doc, "Lexical")
    root = doc.get("root") if isinstance(doc, Mapping) else None
    if not isinstance(root, Mapping) or not isinstance(root.get("children", []), list):
        raise DocumentError("the Lexical document has no root node")
    return root


def _children(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    children = node.get("children", [])
    if not isinstance(children, list) or not all(isinstance(c, Mapping) for c in children):
        raise DocumentError(f"a {node.get('type')!r} node has malformed children")
    return children


def _text_of(node: Mapping[str, Any]) -> str:
    if node.get("type") in TEXT_NODES:
        return str(node.get("text", ""))
    if node.get("type") == "linebreak":
        return "\n"
    return "".join(_text_of(child) for child in _children(node))


def _formats(node: Mapping[str, Any]) -> list[str]:
    bits = node.get("format", 0)
    bits = bits if isinstance(bits, int) else 0
    return [tag for bit, tag in FORMAT_TAGS if bits & bit]


class _Inline:
    """Renders a run of inline nodes, keeping format tags open across nodes as Ghost does."""

    def __init__(self, renderer: _Renderer, depth: int) -> None:
        self.renderer = renderer
        self.depth = depth

    def render(self, nodes: list[Mapping[str, Any]]) -> str:
        out: list[str] = []
        open_tags: list[str] = []
        for index, node in enumerate(nodes):
            kind = node.get("type")
            if kind in TEXT_NODES:
                self._text(node, nodes[index + 1 :], open_tags, out)
                continue
            out.extend(f"</{tag}>" for tag in reversed(open_tags))
            open_tags.clear()
            if kind == "linebreak":
                out.append("<br>")
            elif kind == "tab":
                out.append("\t")
            elif kind in ("link", "autolink"):
                out.append(self._link(node))
            else:
                raise DocumentError(f"unknown inline node {kind!r}")
        out.extend(f"</{tag}>" for tag in reversed(open_tags))
        return "".join(out)

    def _text(
        self,
        node: Mapping[str, Any],
        rest: list[Mapping[str, Any]],
        open_tags: list[str],
        out: list[str],
    ) -> None:
        wanted = _formats(node)
        # Close down to the first open tag this node does not have (tags nest).
        keep = 0
        while keep < len(open_tags) and open_tags[keep] in wanted:
            keep += 1
        out.extend(f"</{tag}>" for tag in reversed(open_tags[keep:]))
        del open_tags[keep:]
        # Open first the tags later text keeps longest, so fewer tags close and reopen.
        following = []
        for later in rest:
            if later.get("type") not in TEXT_NODES:
                break
            following.append(set(_formats(later)))
        to_open = [tag for tag in wanted if tag not in open_tags]
        to_open.sort(key=lambda tag: -_run_length(tag, following))
        for tag in to_open:
            out.append(f"<{tag}>")
            open_tags.append(tag)
        out.append(escape(str(node.get("text", "")), quote=False))

    def _link(self, node: Mapping[str, Any]) -> str:
        attrs = [f'href="{escape(str(node.get("url", "")))}"']
        for name in ("rel", "target", "title"):
            value = node.get(name)
            if isinstance(value, str) and value:
                attrs.append(f'{name}="{escape(value)}"')
        inner = self.renderer.inline(_children(node), self.depth + 1)
        return f"<a {' '.join(attrs)}>{inner}</a>"


def _run_length(tag: str, following: list[set[str]]) -> int:
    length = 0
    for formats in following:
        if tag not in formats:
            break
        length += 1
    return length


class _Renderer:
    def __init__(self, options: RenderOptions) -> None:
        self.cards = CardContext(options)

    def inline(self, nodes: list[Mapping[str, Any]], depth: int) -> str:
        if depth > MAX_DEPTH:
            raise DocumentError("the Lexical document is nested too deeply")
        return _Inline(self, depth).render(nodes)

    def children(self, node: Mapping[str, Any], depth: int) -> str:
        """Mixed children: runs of inline nodes, and block nodes in between."""
        out: list[str] = []
        run: list[Mapping[str, Any]] = []
        for child in _children(node):
            if child.get("type") in INLINE_NODES:
                run.append(child)
                continue
            if run:
                out.append(self.inline(run, depth + 1))
                run = []
            out.append(self.block(child, depth + 1))
        if run:
            out.append(self.inline(run, depth + 1))
        return "".join(out)

    def block(self, node: Mapping[str, Any], depth: int) -> str:
        if depth > MAX_DEPTH:
            raise DocumentError("the Lexical document is nested too deeply")
        kind = node.get("type")
        if kind == "paragraph":
            return f"<p>{self.children(node, depth)}</p>"
        if kind in HEADING_NODES:
            tag = node.get("tag")
            if tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
                raise DocumentError(f"a heading has no valid tag: {tag!r}")
            heading_id = self.cards.heading_id(_text_of(node))
            return f'<{tag} id="{heading_id}">{self.children(node, depth)}</{tag}>'
        if kind in QUOTE_NODES:
            return f"<blockquote>{self.children(node, depth)}</blockquote>"
        if kind == "aside":
            return (
                f'<blockquote class="kg-blockquote-alt">{self.children(node, depth)}</blockquote>'
            )
        if kind == "list":
            return self.list(node, depth)
        if kind == "listitem":
            return self.children(node, depth)
        if not isinstance(kind, str):
            raise DocumentError("a Lexical node has no type")
        return render_card(kind, node, self.cards)

    def list(self, node: Mapping[str, Any], depth: int) -> str:
        tag = "ol" if node.get("listType") == "number" or node.get("tag") == "ol" else "ul"
        items: list[str] = []
        for item in _children(node):
            inner = _children(item)
            if inner and inner[0].get("type") == "list" and items:
                # A nested list belongs inside the item before it, as in Ghost's HTML.
                items[-1] = (
                    items[-1].removesuffix("</li>") + self.list(inner[0], depth + 1) + "</li>"
                )
            elif inner and inner[0].get("type") == "list":
                items.append(self.list(inner[0], depth + 1))
            else:
                items.append(f"<li>{self.children(item, depth + 1)}</li>")
        start = node.get("start")
        start_attr = f' start="{start}"' if isinstance(start, int) and start != 1 else ""
        return f"<{tag}{start_attr}>{''.join(items)}</{tag}>"


def render_lexical(doc: Mapping[str, Any] | str, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """A Lexical document -> HTML, as Ghost renders it for the web.

    Raises DocumentError for a document that cannot be read, and its subclass
    UnsupportedCard for a card Inkwell cannot render.
    """
    root = parse(doc)
    renderer = _Renderer(options)
    children = _children(root)
    try:
        # Koenig keeps an empty paragraph at the end of a document: Ghost never renders it.
        last = children[-1] if children else {}
        if last.get("type") == "paragraph" and not _text_of(last).strip():
            children = children[:-1]
        return "".join(renderer.block(child, 1) for child in children)
    except RecursionError:
        # Text gathered for heading ids walks without a depth count; the blocks have one.
        raise DocumentError("the Lexical document is nested too deeply") from None


def _only_card(doc: Mapping[str, Any] | str, kind: str, field: str) -> str | None:
    try:
        children = _children(parse(doc))
    except (DocumentError, RecursionError):
        return None
    trailing = children[1:2]
    if (
        len(children) == 2
        and trailing[0].get("type") == "paragraph"
        and not _text_of(trailing[0]).strip()
    ):
        children = children[:1]
    if len(children) != 1 or children[0].get("type") != kind:
        return None
    value = children[0].get(field)
    return value if isinstance(value, str) else None


def markdown_only(doc: Mapping[str, Any] | str) -> str | None:
    """The Markdown of a document made of one Markdown card, else None."""
    return _only_card(doc, "markdown", "markdown")


def html_only(doc: Mapping[str, Any] | str) -> str | None:
    """The HTML of a document made of one HTML card, else None."""
    return _only_card(doc, "html", "html")


def document_for(source_format: str, source: str) -> dict[str, Any]:
    """A Lexical document holding ``source`` as one Markdown or HTML card (Ghost reads both)."""
    if source_format == "markdown":
        card: dict[str, Any] = {"type": "markdown", "version": 1, "markdown": source}
    elif source_format == "html":
        card = {"type": "html", "version": 1, "html": source}
    else:
        raise ValueError(f"unknown source format {source_format!r}")
    return {
        "root": {
            "children": [card],
            "direction": None,
            "format": "",
            "indent": 0,
            "type": "root",
            "version": 1,
        }
    }
