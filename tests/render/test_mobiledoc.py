"""Ghost 4's Mobiledoc documents rendered as Ghost 4 rendered them, and written back."""

from __future__ import annotations

from typing import Any

import pytest

from inkwell.render.ghost_cards import DocumentError, UnsupportedCard
from inkwell.render.mobiledoc import document_for, html_only, markdown_only, render_mobiledoc


def mobiledoc(
    sections: list[Any],
    *,
    cards: list[Any] | None = None,
    markups: list[Any] | None = None,
    atoms: list[Any] | None = None,
) -> dict[str, Any]:
    return {
        "version": "0.3.1",
        "atoms": atoms or [],
        "cards": cards or [],
        "markups": markups or [],
        "sections": sections,
    }


def test_markups_open_and_close_per_marker() -> None:
    doc = mobiledoc(
        [
            [
                1,
                "p",
                [[0, [], 0, "a "], [0, [0, 1], 1, "link"], [0, [], 1, " rest"], [0, [], 0, "!"]],
            ]
        ],
        markups=[["a", ["href", "https://e.com/?x=1&y=2", "onclick", "bad()"]], ["strong"]],
    )
    assert render_mobiledoc(doc) == (
        '<p>a <a href="https://e.com/?x=1&amp;y=2"><strong>link</strong> rest</a>!</p>'
    )


def test_soft_return_atom_is_a_line_break() -> None:
    doc = mobiledoc(
        [[1, "p", [[0, [], 0, "a"], [1, [], 0, 0], [0, [], 0, "b"]]]],
        atoms=[["soft-return", "", {}]],
    )
    assert render_mobiledoc(doc) == "<p>a<br>b</p>"


def test_headings_lists_and_quotes() -> None:
    doc = mobiledoc(
        [
            [1, "h2", [[0, [], 0, "Hello there"]]],
            [3, "ol", [[[0, [], 0, "one"]], [[0, [], 0, "two"]]]],
            [1, "blockquote", [[0, [], 0, "q"]]],
            [1, "aside", [[0, [], 0, "a"]]],
        ]
    )
    assert render_mobiledoc(doc) == (
        '<h2 id="hello-there">Hello there</h2><ol><li>one</li><li>two</li></ol>'
        '<blockquote>q</blockquote><blockquote class="kg-blockquote-alt">a</blockquote>'
    )


def test_markdown_card_is_wrapped_as_ghost_4_did() -> None:
    doc = mobiledoc([[10, 0]], cards=[["markdown", {"markdown": "*x*"}]])
    assert render_mobiledoc(doc) == (
        "<!--kg-card-begin: markdown--><p><em>x</em></p>\n<!--kg-card-end: markdown-->\n"
    )


def test_mobiledoc_card_names_map_to_the_same_cards() -> None:
    doc = mobiledoc(
        [[10, 0], [10, 1], [10, 2]],
        cards=[
            ["hr", {}],
            ["code", {"code": "x", "language": "js"}],
            ["image", {"src": "/a.png", "alt": "", "caption": ""}],
        ],
    )
    assert render_mobiledoc(doc) == (
        '<hr>\n<pre><code class="language-js">x</code></pre>\n'
        '<figure class="kg-card kg-image-card"><img src="/a.png" class="kg-image" alt=""'
        ' loading="lazy"></figure>\n'
    )


def test_unknown_card_is_refused() -> None:
    with pytest.raises(UnsupportedCard):
        render_mobiledoc(mobiledoc([[10, 0]], cards=[["nft", {}]]))


@pytest.mark.parametrize(
    "bad",
    [
        "nope",
        {"version": "0.2.0", "sections": []},
        mobiledoc([[10, 3]]),
        mobiledoc([[1, "script", []]]),
        mobiledoc([[1, "p", [[0, [7], 0, "x"]]]]),
        mobiledoc([[99]]),
        mobiledoc([[1, "p", [[0]]]]),
    ],
)
def test_unreadable_documents(bad: Any) -> None:
    with pytest.raises(DocumentError):
        render_mobiledoc(bad)


@pytest.mark.parametrize("source_format", ["markdown", "html"])
def test_document_for_gives_the_source_back(source_format: str) -> None:
    written = document_for(source_format, "src")
    found = markdown_only(written) if source_format == "markdown" else html_only(written)
    assert found == "src"


def test_markdown_only_is_none_with_more_sections() -> None:
    doc = mobiledoc([[10, 0], [1, "p", [[0, [], 0, "x"]]]], cards=[["markdown", {"markdown": "m"}]])
    assert markdown_only(doc) is None
