"""Rendering options: plain values passed in by callers (no settings import here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Hosts whose players may be embedded with <iframe>. Everything else is removed.
# Gist is absent on purpose: it embeds with <script>, not an iframe.
DEFAULT_IFRAME_HOSTS: frozenset[str] = frozenset(
    {
        "youtube.com",
        "www.youtube.com",
        "www.youtube-nocookie.com",
        "player.vimeo.com",
        "codepen.io",
        "www.openstreetmap.org",
        "open.spotify.com",
        "w.soundcloud.com",
        "www.loom.com",
        "bandcamp.com",
    }
)


@dataclass(frozen=True)
class RenderOptions:
    """How to render one site's content.

    ``site_url`` tells internal links from outbound ones; ``ref_tagging`` adds
    ``?ref={site host}`` to outbound links; ``iframe_hosts`` is the iframe allow-list;
    ``srcset_for`` maps an image URL to a ``srcset`` value (or None for no srcset).
    """

    site_url: str = "http://127.0.0.1:8000"
    ref_tagging: bool = False
    iframe_hosts: frozenset[str] = DEFAULT_IFRAME_HOSTS
    srcset_for: Callable[[str], str | None] | None = None


DEFAULT_OPTIONS = RenderOptions()
