"""The HTML pass shared by Markdown and HTML sources.

It adds heading ids, tags outbound links with ``?ref=``, removes iframes from hosts
that are not allowed and lazy-loads images. Everything it does not touch is copied
byte for byte (see :mod:`inkwell.render.html_tokens` for why no tree builder is used).
"""

from __future__ import annotations

import html

from inkwell.render.heading_ids import SlugAllocator, heading_slug
from inkwell.render.html_tokens import Token, clean_chars, rewrite_tag, tokenize
from inkwell.render.iframes import iframe_allowed, skip_iframe
from inkwell.render.options import DEFAULT_OPTIONS, RenderOptions
from inkwell.render.sanitize import sanitize_html
from inkwell.render.urls import add_ref

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _existing_ids(tokens: list[Token]) -> set[str]:
    ids: set[str] = set()
    for token in tokens:
        if token.kind == "start":
            value = token.get("id")
            if value and value.strip():
                ids.add(value)
    return ids


class _Headings:
    """Gives headings unique ids; id-less headings are patched once their text is known."""

    def __init__(self, src: str, tokens: list[Token], out: list[str]) -> None:
        self._src = src
        self._out = out
        self._slugs = SlugAllocator(_existing_ids(tokens))
        self._seen_ids: set[str] = set()
        self._open: tuple[int, Token] | None = None
        self._text: list[str] = []

    def note_id(self, token: Token) -> None:
        """Remember ids of non-heading elements, in document order."""
        value = token.get("id")
        if value:
            self._seen_ids.add(value)

    def open(self, token: Token) -> None:
        """A heading starts. An existing id is kept unless an earlier element has it."""
        self.close()
        current = token.get("id")
        if current and current.strip():
            if current in self._seen_ids:
                current = self._slugs.claim(current)
                self._out.append(rewrite_tag(self._src, token, {"id": current}))
            else:
                self._out.append(self._src[token.start : token.end])
            self._seen_ids.add(current)
            return
        # written now, patched in close() when the text is known
        self._open = (len(self._out), token)
        self._text = []
        self._out.append(self._src[token.start : token.end])

    def text(self, raw: str) -> None:
        """Text inside the open heading (still entity-encoded)."""
        if self._open is not None:
            self._text.append(raw)

    def close(self) -> None:
        """The open id-less heading ends: give it a slug of its text."""
        if self._open is None:
            return
        index, token = self._open
        self._open = None
        slug = heading_slug(html.unescape("".join(self._text)))
        if slug:
            new_id = self._slugs.claim(slug)
            self._seen_ids.add(new_id)
            self._out[index] = rewrite_tag(self._src, token, {"id": new_id})


def postprocess_html(source: str, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """Apply heading ids, ref tagging, the iframe allow-list and lazy images."""
    src = clean_chars(source)
    tokens = tokenize(src)
    out: list[str] = []
    headings = _Headings(src, tokens, out)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        raw = src[token.start : token.end]
        if token.kind == "text":
            if not token.raw_text:
                headings.text(raw)
            out.append(raw)
        elif token.kind == "start" and token.name in HEADINGS:
            headings.open(token)
        elif token.kind == "end" and token.name in HEADINGS:
            headings.close()
            out.append(raw)
        elif token.kind == "start" and token.name == "iframe":
            if not iframe_allowed(token, options.iframe_hosts):
                index = skip_iframe(tokens, index)
                continue
            out.append(raw)
        elif token.kind == "start":
            headings.note_id(token)
            out.append(_rewrite_start(src, token, options))
        else:
            out.append(raw)
        index += 1
    headings.close()
    return "".join(out)


def _rewrite_start(src: str, token: Token, options: RenderOptions) -> str:
    if token.name == "a" and options.ref_tagging:
        href = token.get("href")
        tagged = add_ref(href, options.site_url) if href is not None else None
        if tagged is not None:
            return rewrite_tag(src, token, {"href": tagged})
    elif token.name == "img" and token.attr("loading") is None:
        return rewrite_tag(src, token, {"loading": "lazy"})
    return src[token.start : token.end]


def render_html(source: str, options: RenderOptions = DEFAULT_OPTIONS, *, trusted: bool) -> str:
    """HTML source (e.g. imported) -> final HTML.

    ``trusted=False`` sanitises with nh3 first (see :func:`sanitize_html`); both kinds
    then get the shared post-processing pass.
    """
    if not trusted:
        source = sanitize_html(source, options.iframe_hosts)
    return postprocess_html(source, options)
