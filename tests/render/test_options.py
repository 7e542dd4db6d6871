"""RenderOptions defaults."""

from __future__ import annotations

import dataclasses

import pytest

from inkwell.render import DEFAULT_IFRAME_HOSTS, RenderOptions


def test_defaults() -> None:
    options = RenderOptions()
    assert options.site_url == "http://127.0.0.1:8000"
    assert options.ref_tagging is False
    assert options.iframe_hosts is DEFAULT_IFRAME_HOSTS
    assert options.srcset_for is None


def test_default_iframe_hosts_cover_common_players_only() -> None:
    assert {
        "www.youtube.com",
        "www.youtube-nocookie.com",
        "player.vimeo.com",
    } <= DEFAULT_IFRAME_HOSTS
    assert "gist.github.com" not in DEFAULT_IFRAME_HOSTS  # embeds with <script>


def test_options_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RenderOptions().ref_tagging = True  # type: ignore[misc]
