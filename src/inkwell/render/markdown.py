"""Markdown (trusted author) -> Ghost card HTML."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from inkwell.render.card_rules import OPTIONS_KEY, cards_plugin
from inkwell.render.options import DEFAULT_OPTIONS, RenderOptions
from inkwell.render.postprocess import postprocess_html


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one shared parser: CommonMark + tables, strikethrough, footnotes and cards.

    Options that vary per site travel in the render ``env``, so one instance serves
    every site and every call.
    """
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    # {.wide}, {.full} and {width=… height=…} after an image; nothing else is accepted
    md.use(attrs_plugin, after=("image",), allowed=("class", "width", "height"))
    md.use(cards_plugin)
    return md


def render_markdown(source: str, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """Trusted author's Markdown -> Ghost card HTML (see ``docs/cards.md``).

    Raw HTML is allowed; the result goes through the shared post-processing pass
    (heading ids, ``?ref=`` tagging, iframe allow-list, lazy images).
    """
    html = markdown_parser().render(source, {OPTIONS_KEY: options})
    return postprocess_html(html, options)
