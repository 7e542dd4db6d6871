"""Ghost card HTML, built from plain values.

Each function returns the exact markup Ghost's renderer produces for the card, so Ghost
themes style Inkwell posts unchanged. Text arguments are escaped here; arguments named
``*_html`` are HTML already (rendered inline Markdown).
"""

from __future__ import annotations

from html import escape
from typing import Literal

CardWidth = Literal["regular", "wide", "full"]

CALLOUT_COLOURS = frozenset(
    {"white", "grey", "blue", "green", "yellow", "red", "pink", "purple", "accent"}
)
DEFAULT_CALLOUT_COLOUR = "grey"

# Parts of Ghost cards that are previews and player controls rather than what the post says:
# feeds drop them (as Ghost does for readers without the theme's CSS and JS) and plain text
# skips them, so that an excerpt on the page and in a feed reads the same words.
CARD_CHROME_CLASSES = frozenset(
    {
        "kg-bookmark-thumbnail",
        "kg-bookmark-icon",
        "kg-bookmark-metadata",
        "kg-video-overlay",
        "kg-video-player-container",
        "kg-audio-thumbnail",
        "kg-audio-player",
        "kg-audio-title",
    }
)

# ``sizes`` for each card width: the content column is 720px, wide cards 1200px.
IMAGE_SIZES: dict[CardWidth, str] = {
    "regular": "(min-width: 720px) 720px",
    "wide": "(min-width: 1200px) 1200px",
    "full": "100vw",
}


def _text(value: str) -> str:
    return escape(value, quote=False)


def _attr(value: str) -> str:
    # like Ghost: &, <, > and " are escaped; a single quote is harmless in "..."
    return _text(value).replace('"', "&quot;")


def _figcaption(caption_html: str | None) -> str:
    return f"<figcaption>{caption_html}</figcaption>" if caption_html else ""


def _figure_class(base: str, *, width: CardWidth = "regular", caption: bool = False) -> str:
    classes = ["kg-card", base]
    if width != "regular":
        classes.append(f"kg-width-{width}")
    if caption:
        classes.append("kg-card-hascaption")
    return " ".join(classes)


def image_card(
    src: str,
    alt: str,
    *,
    caption_html: str | None = None,
    width: CardWidth = "regular",
    size: tuple[int, int] | None = None,
    srcset: str | None = None,
    sizes: str | None = None,
    href: str | None = None,
) -> str:
    """``<figure class="kg-card kg-image-card">`` with an ``<img class="kg-image">``.

    ``size`` is the image's (width, height) in pixels; ``href`` links the image; ``sizes``
    goes with ``srcset`` only (Ghost leaves it out where the image is narrower than the column).
    """
    img = [f'<img src="{_attr(src)}" class="kg-image" alt="{_attr(alt)}" loading="lazy"']
    if size is not None:
        img.append(f' width="{size[0]}" height="{size[1]}"')
    if srcset:
        img.append(f' srcset="{_attr(srcset)}"')
        if sizes:
            img.append(f' sizes="{_attr(sizes)}"')
    img.append(">")
    image = "".join(img)
    if href is not None:
        image = f'<a href="{_attr(href)}">{image}</a>'
    css = _figure_class("kg-image-card", width=width, caption=bool(caption_html))
    return f'<figure class="{css}">{image}{_figcaption(caption_html)}</figure>\n'


def code_block(code: str, language: str | None) -> str:
    """``<pre><code class="language-X">escaped code</code></pre>``, as Ghost stores it."""
    css = f' class="language-{_attr(language)}"' if language else ""
    return f"<pre><code{css}>{_text(code)}</code></pre>"


def code_card(code: str, language: str | None, caption_html: str | None = None) -> str:
    """A code block, wrapped in ``<figure class="kg-card kg-code-card">`` when captioned."""
    block = code_block(code, language)
    if not caption_html:
        return block + "\n"
    return f'<figure class="kg-card kg-code-card">{block}{_figcaption(caption_html)}</figure>\n'


def callout_open(emoji: str | None, colour: str) -> str:
    """Opening markup of a callout card; unknown colours become grey."""
    if colour not in CALLOUT_COLOURS:
        colour = DEFAULT_CALLOUT_COLOUR
    emoji_div = f'<div class="kg-callout-emoji">{_text(emoji)}</div>' if emoji else ""
    return (
        f'<div class="kg-card kg-callout-card kg-callout-card-{colour}">'
        f'{emoji_div}<div class="kg-callout-text">'
    )


CALLOUT_CLOSE = "</div></div>\n"
QUOTE_ALT_OPEN = '<blockquote class="kg-blockquote-alt">'
QUOTE_ALT_CLOSE = "</blockquote>\n"


def bookmark_card(
    url: str,
    *,
    title: str,
    description: str = "",
    icon: str | None = None,
    author: str | None = None,
    publisher: str | None = None,
    thumbnail: str | None = None,
    caption_html: str | None = None,
) -> str:
    """Ghost's bookmark card: a linked preview with title, description and metadata."""
    metadata = []
    if icon:
        metadata.append(f'<img class="kg-bookmark-icon" src="{_attr(icon)}" alt="">')
    if author:
        metadata.append(f'<span class="kg-bookmark-author">{_text(author)}</span>')
    if publisher:
        metadata.append(f'<span class="kg-bookmark-publisher">{_text(publisher)}</span>')
    thumb = (
        f'<div class="kg-bookmark-thumbnail"><img src="{_attr(thumbnail)}" alt=""></div>'
        if thumbnail
        else ""
    )
    css = _figure_class("kg-bookmark-card", caption=bool(caption_html))
    return (
        f'<figure class="{css}"><a class="kg-bookmark-container" href="{_attr(url)}">'
        f'<div class="kg-bookmark-content"><div class="kg-bookmark-title">{_text(title)}</div>'
        f'<div class="kg-bookmark-description">{_text(description)}</div>'
        f'<div class="kg-bookmark-metadata">{"".join(metadata)}</div></div>'
        f"{thumb}</a>{_figcaption(caption_html)}</figure>\n"
    )


def embed_card(src: str, *, title: str, caption_html: str | None = None) -> str:
    """``<figure class="kg-card kg-embed-card">`` around a lazy, full-screen-able iframe."""
    css = _figure_class("kg-embed-card", caption=bool(caption_html))
    return (
        f'<figure class="{css}"><iframe src="{_attr(src)}" loading="lazy" allowfullscreen '
        f'title="{_attr(title)}"></iframe>{_figcaption(caption_html)}</figure>\n'
    )


def html_card(raw_html: str) -> str:
    """Raw HTML between Ghost's ``<!--kg-card-begin: html-->`` markers, unchanged."""
    return f"<!--kg-card-begin: html-->\n{raw_html.strip(chr(10))}\n<!--kg-card-end: html-->\n"


def link_paragraph(url: str, *, linked: bool) -> str:
    """The fallback for a card that cannot be shown: its URL as a paragraph."""
    if linked:
        return f'<p><a href="{_attr(url)}">{_text(url)}</a></p>\n'
    return f"<p>{_text(url)}</p>\n"
