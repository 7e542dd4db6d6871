"""Responsive images as Ghost renders them: ``srcset`` and ``sizes`` for the site's own images.

Pure: the caller says how wide an image is (``RenderOptions.image_sizes``, or the ``width``
written in the Markdown); nothing here looks at a file. The resized copies live at Ghost's
URLs, ``/content/images/size/w600/2026/12/name.png``, and the media feature makes any of them
on first request, so a ``srcset`` never points at a file that cannot be served.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from inkwell.render.cards import CardWidth

PUBLIC_PREFIX = "/content/images"
RESPONSIVE_WIDTHS: tuple[int, ...] = (600, 1000, 1600)
"""The widths variants are made in (Ghost's content image sizes, without its 2400)."""

# Formats a variant can be made of (Ghost's "can transform"); SVG, ICO... never are.
RESIZABLE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
_LOCAL_PATH = re.compile(r"/content/images/((?!size/)[^\s\"'()<>?#\\]+)")
_SEGMENT = re.compile(r"^[0-9A-Za-z._-]+$")


def local_image_path(src: str, site_url: str) -> str | None:
    """The path inside the media folder of a site image URL ("2026/12/a.png"), else None.

    Relative URLs (``/content/images/...``, also under the site's sub-path) and absolute URLs on
    the site count; resized copies (``/content/images/size/...``) and other hosts do not.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        site = urlsplit(site_url)
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
    if parts.query or parts.fragment:
        return None
    prefix, found, rest = parts.path.partition(PUBLIC_PREFIX + "/")
    if not found or (prefix and prefix != urlsplit(site_url).path.rstrip("/")):
        return None
    segments = rest.split("/")
    if segments[0] == "size" or not all(
        s not in ("", ".", "..") and _SEGMENT.match(s) for s in segments
    ):
        return None
    if not any(rest.lower().endswith(ext) for ext in RESIZABLE_EXTENSIONS):
        return None
    return rest


def local_image_paths(text: str) -> Iterator[str]:
    """Every media path a source text or HTML mentions as ``/content/images/<path>``."""
    for match in _LOCAL_PATH.finditer(text):
        yield match.group(1)


def srcset_widths(width: int, widths: tuple[int, ...] = RESPONSIVE_WIDTHS) -> list[int]:
    """Ghost's choice of candidate widths for an image ``width`` pixels wide.

    The variant widths up to the image's own, then the image's width itself when it falls
    between two variant widths (a variant is never wider than its original).
    """
    chosen = [w for w in sorted(widths) if w <= width]
    if chosen and chosen[-1] < width < max(widths):
        chosen.append(width)
    return chosen


def variant_url(src: str, width: int, image_format: str | None = None) -> str:
    """``src`` (a site image URL) resized to ``width``: ``…/content/images/size/wN/<path>``."""
    head, _, path = src.partition(PUBLIC_PREFIX + "/")
    step = f"size/w{width}/" + (f"format/{image_format}/" if image_format else "")
    return f"{head}{PUBLIC_PREFIX}/{step}{path}"


def srcset(src: str, width: int) -> str | None:
    """Ghost's ``srcset`` for a site image ``width`` pixels wide; None when it has no variant."""
    candidates = []
    for candidate in srcset_widths(width):
        url = src if candidate == width else variant_url(src, candidate)
        candidates.append(f"{url} {candidate}w")
    return ", ".join(candidates) or None


def sizes(card_width: CardWidth, width: int) -> str | None:
    """Ghost's ``sizes`` for an image card: only for images wider than the column they fill."""
    if card_width == "regular" and width >= 720:
        return "(min-width: 720px) 720px"
    if card_width == "wide" and width >= 1200:
        return "(min-width: 1200px) 1200px"
    return None
