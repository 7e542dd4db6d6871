"""What an Admin API write sends as a post's body, turned into our source (Markdown or HTML).

A Ghost client sends the body one of four ways: ``html`` with ``?source=html``, a ``markdown``
field (ours, for scripts that write Markdown), or a Ghost document in ``lexical`` or
``mobiledoc`` (JSON in a string, as Ghost's editor and exports keep it). A document that is only
a Markdown card is kept as that Markdown, so the author's text stays editable as written; any
other document is rendered to HTML with Ghost's card markup and kept as HTML (ghost-json's
``render.lexical``/``render.mobiledoc`` read the documents).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from inkwell.ghost_api.errors import ValidationError
from inkwell.render import lexical, mobiledoc
from inkwell.render.ghost_cards import DocumentError

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


Converter = Callable[[str], str]


def _from_document(text: str, field: str, action: str, module: _DocumentModule) -> Source:
    # A one-card document keeps its card's text as the source, so the author's Markdown (or
    # HTML) stays as written; anything else is rendered once to HTML with Ghost's card markup.
    try:
        module.parse(text)
        markdown = module.markdown_only(text)
        if markdown is not None:
            return from_markdown(markdown)
        html = module.html_only(text)
        if html is not None:
            return from_html(html)
        return from_html(module.render(text))
    except DocumentError as exc:
        raise ValidationError(
            f"Validation error, cannot {action} post.",
            property=field,
            context=f"{field}: {exc}",
        ) from exc


@dataclass(frozen=True)
class _DocumentModule:
    parse: Callable[[str], object]
    markdown_only: Callable[[str], str | None]
    html_only: Callable[[str], str | None]
    render: Converter


_LEXICAL = _DocumentModule(
    lexical.parse, lexical.markdown_only, lexical.html_only, lexical.render_lexical
)
_MOBILEDOC = _DocumentModule(
    mobiledoc.parse, mobiledoc.markdown_only, mobiledoc.html_only, mobiledoc.render_mobiledoc
)


def from_lexical(text: str, *, action: str = "save") -> Source:
    """A Lexical document (JSON text): its Markdown or HTML when it is one such card, else
    the document rendered to HTML. ValidationError naming ``lexical`` when it is unreadable."""
    return _from_document(text, "lexical", action, _LEXICAL)


def from_mobiledoc(text: str, *, action: str = "save") -> Source:
    """A Mobiledoc document (JSON text), as ``from_lexical`` reads a Lexical one."""
    return _from_document(text, "mobiledoc", action, _MOBILEDOC)
