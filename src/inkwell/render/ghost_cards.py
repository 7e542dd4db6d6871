"""Ghost's editor cards (Lexical nodes and Mobiledoc cards) -> Ghost's card HTML.

Both of Ghost's document formats carry the same cards with (nearly) the same payloads;
this module renders a card from its name and payload, so ``render.lexical`` and
``render.mobiledoc`` share one renderer. Values that Ghost's editor stores as HTML
(captions, callout text, toggle content, header text) are HTML here too and are written
as they are; every other value is escaped. Pure: no I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from inkwell.render import cards
from inkwell.render.cards import CardWidth
from inkwell.render.heading_ids import SlugAllocator, heading_slug
from inkwell.render.markdown import render_markdown
from inkwell.render.options import DEFAULT_OPTIONS, RenderOptions


class DocumentError(ValueError):
    """A Ghost document that cannot be read (not JSON, wrong shape, unknown node or card)."""


class UnsupportedCard(DocumentError):
    """A card Inkwell has no renderer for (a caller may fall back to Ghost's stored HTML)."""


# Mobiledoc and Lexical spell a few cards differently: one name each here.
CARD_ALIASES = {"code": "codeblock", "hr": "horizontalrule", "card-markdown": "markdown"}
# Cards Ghost renders only into newsletters: nothing on the web.
EMAIL_ONLY_CARDS = frozenset({"email", "email-cta"})
_CSS_WORD = re.compile(r"^[a-zA-Z\d-]+$")
_TRAILING_BREAKS = re.compile(r"(<br\s*/?>)+$", re.IGNORECASE)
_UNPAIRED_SURROGATE = re.compile("[\ud800-\udfff]")


def load_document(text: str, kind: str) -> Any:
    """A document's JSON text read, with text no database stores made storable.

    JSON can spell NUL (PostgreSQL refuses it in text) and lone UTF-16 surrogates (no
    database can encode them); NUL is dropped and a lone surrogate becomes U+FFFD.
    """
    try:
        return _storable(json.loads(text))
    except ValueError as exc:
        raise DocumentError(f"the {kind} document is not JSON: {exc}") from None


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return _UNPAIRED_SURROGATE.sub("\ufffd", value.replace("\x00", ""))
    if isinstance(value, list):
        return [_storable(item) for item in value]
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    return value


def _text(value: object) -> str:
    return escape(str(value), quote=False)


def _attr(value: object) -> str:
    return escape(str(value), quote=True).replace("&#x27;", "'")


def _str(payload: Mapping[str, Any], key: str) -> str:
    value = payload.get(key)
    return value if isinstance(value, str) else ""


def _int(payload: Mapping[str, Any], key: str) -> int | None:
    value = payload.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if value > 0 else None


def _width(payload: Mapping[str, Any]) -> CardWidth:
    width = payload.get("cardWidth")
    return width if width in ("wide", "full") else "regular"


class CardContext:
    """What rendering one document's cards shares: the options and the heading ids used."""

    def __init__(self, options: RenderOptions = DEFAULT_OPTIONS) -> None:
        self.options = options
        self.ids = SlugAllocator()

    def heading_id(self, text: str) -> str:
        """A unique id for a heading with this text (``setup``, ``setup-1``...)."""
        return self.ids.claim(heading_slug(text) or "section")


def _image(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    src = _str(payload, "src").strip()
    if not src:
        return ""
    width, height = _int(payload, "width"), _int(payload, "height")
    html = cards.image_card(
        src,
        _str(payload, "alt"),
        caption_html=_str(payload, "caption") or None,
        width=_width(payload),
        size=(width, height) if width and height else None,
        href=_str(payload, "href") or None,
    )
    title = _str(payload, "title")
    if title:
        html = html.replace(' class="kg-image"', f' class="kg-image" title="{_attr(title)}"', 1)
    return html


def _gallery_rows(images: list[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    # Ghost's layout: rows of up to three, the last lone image joins the row before it.
    rows: dict[int, list[Mapping[str, Any]]] = {}
    count = len(images)
    for index, image in enumerate(images):
        row = _int(image, "row") or 0
        if count > 1 and count % 3 == 1 and index == count - 2:
            row += 1
        rows.setdefault(row, []).append(image)
    return [rows[key] for key in sorted(rows)]


def _gallery(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    raw = payload.get("images")
    images = [
        image
        for image in (raw if isinstance(raw, list) else [])
        if isinstance(image, Mapping)
        and _str(image, "src").strip()
        and _int(image, "width")
        and _int(image, "height")
    ]
    if not images:
        return ""
    parts = []
    for row in _gallery_rows(images):
        parts.append('<div class="kg-gallery-row">')
        for image in row:
            title = _str(image, "title")
            img = (
                f'<img src="{_attr(_str(image, "src"))}" width="{_int(image, "width")}" '
                f'height="{_int(image, "height")}" loading="lazy" alt="{_attr(_str(image, "alt"))}"'
                + (f' title="{_attr(title)}"' if title else "")
                + ">"
            )
            href = _str(image, "href")
            if href:
                img = f'<a href="{_attr(href)}">{img}</a>'
            parts.append(f'<div class="kg-gallery-image">{img}</div>')
        parts.append("</div>")
    caption = _str(payload, "caption")
    css = "kg-card kg-gallery-card kg-width-wide" + (" kg-card-hascaption" if caption else "")
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<figure class="{css}"><div class="kg-gallery-container">{"".join(parts)}</div>'
        f"{figcaption}</figure>\n"
    )


def _codeblock(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    code = _str(payload, "code")
    if not code.strip():
        return ""
    language = _str(payload, "language") or None
    return cards.code_card(code, language, _str(payload, "caption") or None)


def _markdown(payload: Mapping[str, Any], ctx: CardContext) -> str:
    return render_markdown(_str(payload, "markdown"), ctx.options)


def _html(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    html = _str(payload, "html")
    return cards.html_card(html) if html.strip() else ""


def _horizontalrule(_payload: Mapping[str, Any], _ctx: CardContext) -> str:
    return "<hr>\n"


def _embed(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    html, url = _str(payload, "html"), _str(payload, "url")
    if not html.strip() and not url.strip():
        return ""
    caption = _str(payload, "caption")
    inner = html if html.strip() else f'<a href="{_attr(url)}">{_text(url)}</a>'
    css = "kg-card kg-embed-card" + (" kg-card-hascaption" if caption else "")
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="{css}">{inner}{figcaption}</figure>\n'


def _bookmark(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    raw = payload.get("metadata")
    meta: Mapping[str, Any] = raw if isinstance(raw, Mapping) else payload
    url = _str(payload, "url") or _str(meta, "url")
    if not url.strip():
        return ""
    return cards.bookmark_card(
        url,
        title=_str(meta, "title"),
        description=_str(meta, "description"),
        icon=_str(meta, "icon") or None,
        author=_str(meta, "author") or None,
        publisher=_str(meta, "publisher") or None,
        thumbnail=_str(meta, "thumbnail") or None,
        caption_html=_str(payload, "caption") or None,
    )


def _callout(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    colour = _str(payload, "backgroundColor")
    # Old Mobiledoc copy/paste left colours like "rgba(0, 0, 0, 0)": not a class name.
    if not _CSS_WORD.match(colour):
        colour = "white"
    emoji = _str(payload, "calloutEmoji")
    emoji_div = f'<div class="kg-callout-emoji">{_text(emoji)}</div>' if emoji else ""
    return (
        f'<div class="kg-card kg-callout-card kg-callout-card-{colour}">{emoji_div}'
        f'<div class="kg-callout-text">{_str(payload, "calloutText")}</div></div>\n'
    )


def _button(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    url = _str(payload, "buttonUrl").strip()
    if not url:
        return ""
    alignment = _str(payload, "alignment")
    css = "kg-card kg-button-card" + (f" kg-align-{_attr(alignment)}" if alignment else "")
    text = _str(payload, "buttonText") or "Button Title"
    return (
        f'<div class="{css}"><a href="{_attr(url)}" class="kg-btn kg-btn-accent">'
        f"{_text(text)}</a></div>\n"
    )


_TOGGLE_ICON = (
    '<button class="kg-toggle-card-icon" aria-label="Expand toggle to read content">'
    '<svg id="Regular" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    '<path class="cls-1" d="M23.25,7.311,12.53,18.03a.749.749,0,0,1-1.06,0L.75,7.311"></path>'
    "</svg></button>"
)


def _toggle(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    return (
        '<div class="kg-card kg-toggle-card" data-kg-toggle-state="close">'
        f'<div class="kg-toggle-heading"><h4 class="kg-toggle-heading-text">'
        f"{_str(payload, 'heading')}</h4>{_TOGGLE_ICON}</div>"
        f'<div class="kg-toggle-content">{_str(payload, "content")}</div></div>\n'
    )


def _header(payload: Mapping[str, Any], ctx: CardContext) -> str:
    header, subheader = _str(payload, "header"), _str(payload, "subheader")
    button_url, button_text = _str(payload, "buttonUrl"), _str(payload, "buttonText")
    with_button = bool(payload.get("buttonEnabled")) and bool(button_url) and bool(button_text)
    if not header and not subheader and not with_button:
        return ""
    size = _str(payload, "size") or "small"
    style = _str(payload, "style") or "dark"
    background = _str(payload, "backgroundImageSrc")
    css_style = f"background-image: url({background})" if style == "image" else ""
    parts = [
        f'<div class="kg-card kg-header-card kg-width-full kg-size-{_attr(size)} '
        f'kg-style-{_attr(style)}" data-kg-background-image="{_attr(background)}" '
        f'style="{_attr(css_style)}">'
    ]
    if header:
        parts.append(
            f'<h2 class="kg-header-card-header" id="{ctx.heading_id(_plain(header))}">{header}</h2>'
        )
    if subheader and _TRAILING_BREAKS.sub("", subheader).strip():
        parts.append(
            f'<h3 class="kg-header-card-subheader" id="{ctx.heading_id(_plain(subheader))}">'
            f"{subheader}</h3>"
        )
    if with_button:
        parts.append(
            f'<a href="{_attr(button_url)}" class="kg-header-card-button">{_text(button_text)}</a>'
        )
    parts.append("</div>\n")
    return "".join(parts)


def _plain(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def _video(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    src = _str(payload, "src").strip()
    if not src:
        return ""
    width, height = _int(payload, "width"), _int(payload, "height")
    poster = _str(payload, "customThumbnailSrc") or _str(payload, "thumbnailSrc")
    attrs = [f'src="{_attr(src)}"']
    if poster:
        attrs.append(f'poster="{_attr(poster)}"')
    if width and height:
        attrs.append(f'width="{width}" height="{height}"')
    attrs.append('controls playsinline preload="metadata"')
    if payload.get("loop"):
        attrs.append("loop autoplay muted")
    caption = _str(payload, "caption")
    css = f"kg-card kg-video-card kg-width-{_width(payload)}" + (
        " kg-card-hascaption" if caption else ""
    )
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<figure class="{css}"><div class="kg-video-container">'
        f"<video {' '.join(attrs)}></video></div>{figcaption}</figure>\n"
    )


def _audio(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    src = _str(payload, "src").strip()
    if not src:
        return ""
    title = _str(payload, "title")
    thumbnail = _str(payload, "thumbnailSrc")
    thumb = (
        f'<img src="{_attr(thumbnail)}" alt="audio-thumbnail" class="kg-audio-thumbnail">'
        if thumbnail
        else ""
    )
    return (
        f'<div class="kg-card kg-audio-card">{thumb}'
        f'<div class="kg-audio-player-container"><audio src="{_attr(src)}" preload="metadata" '
        f'controls></audio><div class="kg-audio-title">{_text(title)}</div></div></div>\n'
    )


def _file(payload: Mapping[str, Any], _ctx: CardContext) -> str:
    src = _str(payload, "src").strip()
    if not src:
        return ""
    title, caption = _str(payload, "fileTitle"), _str(payload, "fileCaption")
    name = _str(payload, "fileName")
    size = _int(payload, "fileSize")
    contents = []
    if title:
        contents.append(f'<div class="kg-file-card-title">{_text(title)}</div>')
    if caption:
        contents.append(f'<div class="kg-file-card-caption">{_text(caption)}</div>')
    meta = f'<div class="kg-file-card-filename">{_text(name)}</div>'
    if size:
        meta += f'<div class="kg-file-card-filesize">{_file_size(size)}</div>'
    contents.append(f'<div class="kg-file-card-metadata">{meta}</div>')
    return (
        f'<div class="kg-card kg-file-card"><a class="kg-file-card-container" '
        f'href="{_attr(src)}" title="Download" download>'
        f'<div class="kg-file-card-contents">{"".join(contents)}</div></a></div>\n'
    )


def _file_size(size: int) -> str:
    # Ghost's wording: whole bytes and KB, one decimal for MB and more.
    if size < 1024:
        return f"{size} Byte" + ("" if size == 1 else "s")
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _paywall(_payload: Mapping[str, Any], _ctx: CardContext) -> str:
    return "<!--members-only-->\n"


def _nothing(_payload: Mapping[str, Any], _ctx: CardContext) -> str:
    return ""


CardRenderer = Callable[[Mapping[str, Any], CardContext], str]

RENDERERS: dict[str, CardRenderer] = {
    "image": _image,
    "gallery": _gallery,
    "codeblock": _codeblock,
    "markdown": _markdown,
    "html": _html,
    "horizontalrule": _horizontalrule,
    "embed": _embed,
    "bookmark": _bookmark,
    "callout": _callout,
    "button": _button,
    "toggle": _toggle,
    "header": _header,
    "video": _video,
    "audio": _audio,
    "file": _file,
    "paywall": _paywall,
    **dict.fromkeys(EMAIL_ONLY_CARDS, _nothing),
}


def card_name(name: str) -> str:
    """The one name this module uses for a card named ``name`` in Lexical or Mobiledoc."""
    return CARD_ALIASES.get(name, name)


def render_card(name: str, payload: Mapping[str, Any], ctx: CardContext) -> str:
    """One card's HTML; ``""`` for an empty card. Raises UnsupportedCard for unknown cards."""
    renderer = RENDERERS.get(card_name(name))
    if renderer is None:
        raise UnsupportedCard(f"the {name!r} card is not supported")
    return renderer(payload, ctx)
