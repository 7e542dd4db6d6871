"""What an Admin API write sends as a post's body, turned into our source (Markdown or HTML).

A Ghost client sends the body one of four ways: ``html`` with ``?source=html``, a ``markdown``
field (ours, for scripts that write Markdown), or a Ghost document in ``lexical`` or
``mobiledoc`` (JSON in a string, as Ghost's editor and exports keep it). A document that is only
a Markdown card is kept as that Markdown, so the author's text stays editable as written; any
other document is rendered to HTML with Ghost's card markup and kept as HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from inkwell.ghost_api.errors import ValidationError

SourceFormat = Literal["markdown", "html"]


@dataclass(frozen=True)
class Source:
    """A post's body as we store it."""

    format: SourceFormat
    text: str


def from_html(html: str) -> Source:
    """HTML kept as it is: rendering it again gives the same HTML back."""
    return Source("html", html)


def from_markdown(markdown: str) -> Source:
    """Markdown kept as it is."""
    return Source("markdown", markdown)


def _document(text: str, field: str, action: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if not isinstance(doc, dict):
        raise ValidationError(
            f"Validation error, cannot {action} post.",
            property=field,
            context=f"{field} must be a {field} document in a JSON string.",
        )
    return doc


def lexical_markdown(doc: dict[str, Any]) -> str | None:
    """The Markdown of a Lexical document that is one Markdown card and nothing else."""
    root = doc.get("root")
    children = root.get("children") if isinstance(root, dict) else None
    if not isinstance(children, list) or len(children) != 1:
        return None
    card = children[0]
    if isinstance(card, dict) and card.get("type") == "markdown":
        markdown = card.get("markdown")
        return markdown if isinstance(markdown, str) else None
    return None


def mobiledoc_markdown(doc: dict[str, Any]) -> str | None:
    """The Markdown of a Mobiledoc document that is one Markdown card and nothing else."""
    cards, sections = doc.get("cards"), doc.get("sections")
    if not isinstance(cards, list) or not isinstance(sections, list):
        return None
    if len(cards) != 1 or len(sections) != 1 or sections[0] != [10, 0]:
        return None
    card = cards[0]
    # Ghost 1 called the card "card-markdown" and kept its text under "markdown" too.
    if not (isinstance(card, list) and len(card) == 2 and isinstance(card[1], dict)):
        return None
    if card[0] not in ("markdown", "card-markdown"):
        return None
    markdown = card[1].get("markdown")
    return markdown if isinstance(markdown, str) else None


def lexical_html(doc: dict[str, Any]) -> str:
    """A Lexical document rendered to our HTML with Ghost's card markup."""
    from inkwell.render import lexical

    return lexical.render_lexical(doc)


def mobiledoc_html(doc: dict[str, Any]) -> str:
    """A Mobiledoc document rendered to our HTML with Ghost's card markup."""
    from inkwell.render import mobiledoc

    return mobiledoc.render_mobiledoc(doc)


def from_lexical(text: str, *, action: str = "save") -> Source:
    """A Lexical document (JSON text): its Markdown when it is one Markdown card, else HTML."""
    doc = _document(text, "lexical", action)
    markdown = lexical_markdown(doc)
    if markdown is not None:
        return from_markdown(markdown)
    return from_html(_converted(lexical_html, doc, "lexical", action))


def from_mobiledoc(text: str, *, action: str = "save") -> Source:
    """A Mobiledoc document (JSON text): its Markdown when it is one Markdown card, else HTML."""
    doc = _document(text, "mobiledoc", action)
    markdown = mobiledoc_markdown(doc)
    if markdown is not None:
        return from_markdown(markdown)
    return from_html(_converted(mobiledoc_html, doc, "mobiledoc", action))


def _converted(convert: Any, doc: dict[str, Any], field: str, action: str) -> str:
    # A document whose nodes are not what Ghost writes is the caller's mistake, not ours.
    try:
        html = convert(doc)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValidationError(
            f"Validation error, cannot {action} post.",
            property=field,
            context=f"{field} is not a document Ghost writes: {exc}",
        ) from exc
    return str(html)
