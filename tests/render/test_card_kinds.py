"""Every card kind the registry lists is one the Markdown syntax really renders."""

from __future__ import annotations

import pytest

from inkwell import render
from inkwell.render.card_kinds import CARD_KINDS

SAMPLES = {
    "image": ("![A lighthouse](/content/images/light.png)", "kg-image-card"),
    "code": ('```python caption="demo.py"\nprint(1)\n```', "kg-code-card"),
    "callout": ("::: callout 💡 blue\nMind the gap.\n:::", "kg-callout-card"),
    "quote-alt": ("::: quote-alt\nA quiet line.\n:::", "kg-blockquote-alt"),
    "bookmark": ("::: bookmark https://example.com/\ntitle: Example\n:::", "kg-bookmark-card"),
    "embed": ("::: embed https://www.youtube.com/embed/abc\n:::", "kg-embed-card"),
    "html": ("::: html\n<div>raw</div>\n:::", "<!--kg-card-begin: html-->"),
}


def test_every_listed_kind_has_a_sample() -> None:
    assert set(SAMPLES) == set(CARD_KINDS)


@pytest.mark.parametrize("kind", CARD_KINDS)
def test_each_card_kind_renders_ghost_card_markup(kind: str) -> None:
    source, marker = SAMPLES[kind]
    assert marker in render.render_markdown(source, render.DEFAULT_OPTIONS)
