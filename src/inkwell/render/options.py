"""Rendering options: plain values passed in by callers (no settings import here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

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
    ``srcset_for`` maps an image URL to a ``srcset`` value (or None for no srcset);
    without it, the site's own images (``/content/images/...``) whose width is known get
    Ghost's ``srcset`` and ``sizes`` (``render.responsive``). ``image_sizes`` holds what the
    caller knows of them: (width, height) by path inside the media folder ("2026/12/a.png").
    """

    site_url: str = "http://127.0.0.1:8000"
    ref_tagging: bool = False
    iframe_hosts: frozenset[str] = DEFAULT_IFRAME_HOSTS
    srcset_for: Callable[[str], str | None] | None = None
    image_sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)


DEFAULT_OPTIONS = RenderOptions()
