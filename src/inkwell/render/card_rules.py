"""markdown-it rules that turn Inkwell's card syntax into Ghost cards.

See ``docs/cards.md`` for the syntax. The rules parse tokens (never the rendered
HTML) and hand plain values to :mod:`inkwell.render.cards`.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.ruler import RuleOptionsType
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from inkwell.render import cards, responsive
from inkwell.render.card_kinds import CONTAINER_CARDS, RAW_CARDS
from inkwell.render.options import DEFAULT_OPTIONS, RenderOptions
from inkwell.render.urls import iframe_src_allowed, is_http_url, is_safe_url, url_host, url_scheme

OPTIONS_KEY = "inkwell_options"

BOOKMARK_FIELDS = frozenset(
    {"title", "description", "icon", "author", "publisher", "thumbnail", "caption"}
)
EMBED_FIELDS = frozenset({"title", "caption"})

_FIELD = re.compile(r"\s*([A-Za-z]+)\s*:\s*(.*)")
_INFO_PART = re.compile(r"""([A-Za-z_][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S*))|(\S+)""")
_DIMENSION = re.compile(r"[1-9][0-9]{0,4}")

Env = MutableMapping[str, Any]


def _options(env: Env) -> RenderOptions:
    options = env.get(OPTIONS_KEY)
    return options if isinstance(options, RenderOptions) else DEFAULT_OPTIONS


def parse_info(info: str) -> tuple[str | None, dict[str, str], set[str]]:
    """Split a fence info string into (language, ``key="value"`` params, bare words)."""
    language: str | None = None
    params: dict[str, str] = {}
    words: set[str] = set()
    for match in _INFO_PART.finditer(info):
        key, double, single, bare, word = match.groups()
        if word is not None:
            word = unescapeAll(word)
            if language is None and not params and not words:
                language = word
            else:
                words.add(word)
        else:
            value = double if double is not None else single if single is not None else bare
            params[key.lower()] = unescapeAll(value or "")
    return language, params, words


def parse_fields(text: str, known: frozenset[str]) -> tuple[dict[str, str], list[str]]:
    """``key: value`` lines -> ({known key: value}, other non-blank lines)."""
    fields: dict[str, str] = {}
    others: list[str] = []
    for line in text.splitlines():
        match = _FIELD.fullmatch(line)
        if match and match.group(1).lower() in known:
            fields[match.group(1).lower()] = match.group(2).strip()
        elif line.strip():
            others.append(line.strip())
    return fields, others


def _card_url(params: str) -> str:
    url = params.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    return url


def colon_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule for ``::: name params`` ... ``:::`` cards.

    Raw cards (bookmark, embed, html) keep their body as text in one ``kg_raw_card``
    token; container cards (callout, quote-alt) parse their body as Markdown between
    ``kg_<name>_open`` and ``kg_<name>_close`` tokens. The block ends at the first line
    of only colons at least as long as the opening marker, or with its parent.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    maximum = state.eMarks[start_line]
    if not state.src.startswith(":::", pos):
        return False
    marker_end = pos
    while marker_end < maximum and state.src[marker_end] == ":":
        marker_end += 1
    params = state.src[marker_end:maximum].strip()
    words = params.split(maxsplit=1)
    if not words or (words[0] not in RAW_CARDS and words[0] not in CONTAINER_CARDS):
        return False
    if silent:
        return True
    marker_len = marker_end - pos
    line = start_line
    closed = False
    while True:
        line += 1
        if line >= end_line:
            break  # unclosed: the card runs to the end of the document or its parent
        first = state.bMarks[line] + state.tShift[line]
        last = state.eMarks[line]
        if first < last and state.sCount[line] < state.blkIndent:
            break
        text = state.src[first:last].rstrip()  # slicing: never an IndexError
        if len(text) >= marker_len and text == ":" * len(text):
            closed = True
            break
    after = line + 1 if closed else line
    markup = ":" * marker_len
    if words[0] in RAW_CARDS:
        token = state.push("kg_raw_card", "", 0)
        token.info = params
        token.content = state.getLines(start_line + 1, line, state.sCount[start_line], False)
        token.markup = markup
        token.map = [start_line, after]
    else:
        name = CONTAINER_CARDS[words[0]]
        old_parent, old_line_max = state.parentType, state.lineMax
        state.parentType = "container"
        state.lineMax = line  # no lazy continuation past the closing marker
        token = state.push(f"kg_{name}_open", "div", 1)
        token.info, token.markup, token.map = params, markup, [start_line, after]
        state.md.block.tokenize(state, start_line + 1, line)
        token = state.push(f"kg_{name}_close", "div", -1)
        token.markup = markup
        state.parentType, state.lineMax = old_parent, old_line_max
    state.line = after
    return True


def _image_card_tokens(children: Sequence[Token]) -> tuple[Token, Token | None] | None:
    """(image, link_open) when a paragraph holds just an image, or a linked image."""
    if len(children) == 1 and children[0].type == "image":
        return children[0], None
    types = [child.type for child in children]
    if types == ["link_open", "image", "link_close"]:
        return children[1], children[0]
    return None


def image_cards(state: StateCore) -> None:
    """Core rule: a top-level paragraph holding only an image becomes an image card."""
    tokens = state.tokens
    index = 0
    while index + 2 < len(tokens):
        opening, inline, closing = tokens[index : index + 3]
        found = None
        if (
            opening.type == "paragraph_open"
            and opening.level == 0
            and inline.type == "inline"
            and closing.type == "paragraph_close"
        ):
            found = _image_card_tokens(inline.children or [])
        if found is not None:
            card = Token("kg_image_card", "figure", 0, block=True, map=opening.map)
            card.meta = {"image": found[0], "link": found[1]}
            tokens[index : index + 3] = [card]
        index += 1


def compact_tables(state: StateCore) -> None:
    """Core rule: tables render on one line, like Ghost's HTML cards."""
    for token in state.tokens:
        if token.type.split("_")[0] in ("table", "thead", "tbody", "tr", "th", "td"):
            token.block = False


def unwrap_single_paragraphs(state: StateCore) -> None:
    """Core rule: a callout or alt quote holding one paragraph shows its text bare.

    Ghost's ``kg-callout-text`` and ``kg-blockquote-alt`` hold inline content, not ``<p>``.
    """
    tokens = state.tokens
    for index, token in enumerate(tokens[:-4]):
        if token.type in ("kg_callout_open", "kg_quote_alt_open"):
            inner = tokens[index + 1 : index + 5]
            types = [t.type for t in inner]
            if types == ["paragraph_open", "inline", "paragraph_close", token.type[:-4] + "close"]:
                inner[0].hidden = inner[2].hidden = True


def _size(image: Token) -> tuple[int, int] | None:
    width, height = str(image.attrGet("width")), str(image.attrGet("height"))
    if _DIMENSION.fullmatch(width) and _DIMENSION.fullmatch(height):
        return int(width), int(height)
    return None


def _responsive(
    src: str, size: tuple[int, int] | None, width: cards.CardWidth, options: RenderOptions
) -> tuple[tuple[int, int] | None, str | None, str | None]:
    """The image's (width, height), ``srcset`` and ``sizes``: the caller's ``srcset_for`` when
    given, else Ghost's for a site image whose width the source or the caller knows.
    """
    if options.srcset_for is not None:
        return size, options.srcset_for(src), cards.IMAGE_SIZES[width]
    path = responsive.local_image_path(src, options.site_url)
    if path is None:
        return size, None, None
    size = size or options.image_sizes.get(path)
    if size is None:
        return None, None, None
    return size, responsive.srcset(src, size[0]), responsive.sizes(width, size[0])


def _callout_params(info: str) -> tuple[str | None, str]:
    emoji: str | None = None
    colour = cards.DEFAULT_CALLOUT_COLOUR
    for word in info.split()[1:]:
        if word.lower() in cards.CALLOUT_COLOURS:
            colour = word.lower()
        elif not (word.isascii() and word.isalpha()) and emoji is None:
            emoji = word  # anything that is not a word is taken for the emoji
    return emoji, colour


class CardRenderer:
    """Render rules for the card tokens; needs ``md`` for inline Markdown in captions."""

    def __init__(self, md: MarkdownIt) -> None:
        self.md = md

    def caption(self, text: str | None) -> str | None:
        """Render a caption's inline Markdown; None for no caption."""
        if not text or not text.strip():
            return None
        return str(self.md.renderInline(text.strip(), {}))

    def image_card(
        self, renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env
    ) -> str:
        token = tokens[idx]
        image: Token = token.meta["image"]
        link: Token | None = token.meta["link"]
        src = str(image.attrGet("src") or "")
        classes = str(image.attrGet("class") or "").split()
        width: cards.CardWidth = (
            "full" if "full" in classes else "wide" if "wide" in classes else "regular"
        )
        href = link.attrGet("href") if link is not None else None
        size, srcset, sizes = _responsive(src, _size(image), width, _options(env))
        return cards.image_card(
            src,
            renderer.renderInlineAsText(image.children or [], options, env),
            caption_html=self.caption(str(image.attrGet("title") or "")),
            width=width,
            size=size,
            srcset=srcset,
            sizes=sizes,
            href=str(href) if href is not None else None,
        )

    def fence(
        self, renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env
    ) -> str:
        token = tokens[idx]
        language, params, words = parse_info(token.info)
        if language == "html" and "card" in words:
            return cards.html_card(token.content)
        return cards.code_card(token.content, language, self.caption(params.get("caption")))

    def raw_card(
        self, renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env
    ) -> str:
        token = tokens[idx]
        name, rest = [*token.info.split(maxsplit=1), ""][:2]
        if name == "html":
            return cards.html_card(token.content)
        url = _card_url(rest)
        if not url:
            return ""
        if name == "bookmark":
            return self.bookmark(url, token.content)
        return self.embed(url, token.content, _options(env))

    def _asset(self, url: str | None) -> str | None:
        if not url or not is_safe_url(url) or url_scheme(url) == "mailto":
            return None
        return self.md.normalizeLink(url)

    def bookmark(self, url: str, body: str) -> str:
        """Bookmark card for an http(s) URL; anything else is shown as plain text."""
        if not is_http_url(url):
            return cards.link_paragraph(url, linked=False)
        fields, _ = parse_fields(body, BOOKMARK_FIELDS)
        return cards.bookmark_card(
            self.md.normalizeLink(url),
            title=fields.get("title") or url,
            description=fields.get("description", ""),
            icon=self._asset(fields.get("icon")),
            author=fields.get("author"),
            publisher=fields.get("publisher"),
            thumbnail=self._asset(fields.get("thumbnail")),
            caption_html=self.caption(fields.get("caption")),
        )

    def embed(self, url: str, body: str, options: RenderOptions) -> str:
        """Embed card for an allowed iframe host; otherwise a link (or text) paragraph."""
        if not is_http_url(url) or not iframe_src_allowed(url, options.iframe_hosts):
            return cards.link_paragraph(url, linked=is_http_url(url))
        fields, others = parse_fields(body, EMBED_FIELDS)
        caption = fields.get("caption") or " ".join(others)
        return cards.embed_card(
            self.md.normalizeLink(url),
            title=fields.get("title") or f"Embedded content from {url_host(url)}",
            caption_html=self.caption(caption),
        )

    def table_open(
        self, renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env
    ) -> str:
        return "<!--kg-card-begin: html-->\n<table>"

    def table_close(
        self, renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env
    ) -> str:
        return "</table>\n<!--kg-card-end: html-->\n"

    def callout(
        self, renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env
    ) -> str:
        token = tokens[idx]
        if token.nesting == 1:
            return cards.callout_open(*_callout_params(token.info))
        return cards.CALLOUT_CLOSE

    def quote_alt(
        self, renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env
    ) -> str:
        return cards.QUOTE_ALT_OPEN if tokens[idx].nesting == 1 else cards.QUOTE_ALT_CLOSE


def _as_rule(method: Any) -> Any:
    # markdown-it binds render rules to its renderer with __get__, which a bound method
    # ignores; a plain function receives the renderer as its first argument.
    def rule(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env) -> str:
        return str(method(renderer, tokens, idx, options, env))

    return rule


def cards_plugin(md: MarkdownIt) -> None:
    """Install Inkwell's card syntax on a MarkdownIt instance."""
    rules = CardRenderer(md)
    alt: RuleOptionsType = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    md.block.ruler.before("fence", "kg_colon_block", colon_block, alt)
    md.core.ruler.after("block", "kg_unwrap", unwrap_single_paragraphs)
    md.core.ruler.push("kg_image_cards", image_cards)
    md.core.ruler.push("kg_tables", compact_tables)
    md.add_render_rule("kg_image_card", _as_rule(rules.image_card))
    md.add_render_rule("kg_raw_card", _as_rule(rules.raw_card))
    for name in ("kg_callout_open", "kg_callout_close"):
        md.add_render_rule(name, _as_rule(rules.callout))
    for name in ("kg_quote_alt_open", "kg_quote_alt_close"):
        md.add_render_rule(name, _as_rule(rules.quote_alt))
    md.add_render_rule("fence", _as_rule(rules.fence))
    md.add_render_rule("table_open", _as_rule(rules.table_open))
    md.add_render_rule("table_close", _as_rule(rules.table_close))
