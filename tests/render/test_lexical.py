"""Ghost's Lexical documents rendered as Ghost renders them, and written back for export."""

from __future__ import annotations

import json
from typing import Any

import pytest

from inkwell.render.ghost_cards import DocumentError, UnsupportedCard
from inkwell.render.lexical import document_for, html_only, markdown_only, render_lexical


def text(value: str, fmt: int = 0) -> dict[str, Any]:
    return {"type": "extended-text", "text": value, "format": fmt, "detail": 0, "version": 1}


def doc(*children: dict[str, Any]) -> dict[str, Any]:
    return {"root": {"type": "root", "version": 1, "children": list(children)}}


def para(*children: dict[str, Any]) -> dict[str, Any]:
    return {"type": "paragraph", "version": 1, "children": list(children)}


def test_paragraph_text_is_escaped() -> None:
    assert render_lexical(doc(para(text("1 < 2 & 3")))) == "<p>1 &lt; 2 &amp; 3</p>"


def test_formats_nest_and_stay_open_across_nodes() -> None:
    html = render_lexical(doc(para(text("a", 1), text("b", 3), text("c", 2))))
    assert html == "<p><strong>a<em>b</em></strong><em>c</em></p>"


@pytest.mark.parametrize(
    ("bit", "tag"),
    [(4, "s"), (8, "u"), (16, "code"), (32, "sub"), (64, "sup"), (128, "mark")],
)
def test_each_text_format(bit: int, tag: str) -> None:
    assert render_lexical(doc(para(text("x", bit)))) == f"<p><{tag}>x</{tag}></p>"


def test_link_with_formatted_text_and_line_break() -> None:
    link = {
        "type": "link",
        "url": "https://e.com/?a=1&b=2",
        "rel": "noopener",
        "children": [text("go", 1)],
    }
    html = render_lexical(doc(para(text("see "), link, {"type": "linebreak"}, text("end"))))
    assert html == (
        '<p>see <a href="https://e.com/?a=1&amp;b=2" rel="noopener"><strong>go</strong></a>'
        "<br>end</p>"
    )


def test_headings_get_unique_ids() -> None:
    heading = {"type": "extended-heading", "tag": "h2", "children": [text("What's new")]}
    assert render_lexical(doc(heading, heading)) == (
        '<h2 id="whats-new">What\'s new</h2><h2 id="whats-new-1">What\'s new</h2>'
    )


def test_quote_and_alternative_quote() -> None:
    quote = {"type": "quote", "children": [text("q")]}
    aside = {"type": "aside", "children": [text("a")]}
    assert render_lexical(doc(quote, aside)) == (
        '<blockquote>q</blockquote><blockquote class="kg-blockquote-alt">a</blockquote>'
    )


def test_nested_numbered_list_with_start() -> None:
    inner = {
        "type": "list",
        "listType": "bullet",
        "tag": "ul",
        "children": [{"type": "listitem", "children": [text("two.one")]}],
    }
    outer = {
        "type": "list",
        "listType": "number",
        "tag": "ol",
        "start": 2,
        "children": [
            {"type": "listitem", "children": [text("two")]},
            {"type": "listitem", "children": [inner]},
            {"type": "listitem", "children": [text("three")]},
        ],
    }
    assert render_lexical(doc(outer)) == (
        '<ol start="2"><li>two<ul><li>two.one</li></ul></li><li>three</li></ol>'
    )


def test_trailing_empty_paragraph_is_dropped() -> None:
    assert render_lexical(doc(para(text("a")), para())) == "<p>a</p>"


def test_image_card() -> None:
    image = {
        "type": "image",
        "src": "https://e.com/a.jpg",
        "width": 1200,
        "height": 800,
        "alt": "A desk",
        "title": "T",
        "caption": "<em>mine</em>",
        "cardWidth": "wide",
        "href": "",
    }
    assert render_lexical(doc(image)) == (
        '<figure class="kg-card kg-image-card kg-width-wide kg-card-hascaption">'
        '<img src="https://e.com/a.jpg" class="kg-image" title="T" alt="A desk" loading="lazy"'
        ' width="1200" height="800"><figcaption><em>mine</em></figcaption></figure>\n'
    )


def test_gallery_card_rows() -> None:
    images = [
        {"src": f"/i{n}.jpg", "fileName": f"i{n}.jpg", "width": 10, "height": 5, "row": n // 3}
        for n in range(4)
    ]
    html = render_lexical(doc({"type": "gallery", "images": images, "caption": ""}))
    assert html.startswith('<figure class="kg-card kg-gallery-card kg-width-wide">')
    # four images: Ghost puts two and two, never three and one
    rows = html.split('<div class="kg-gallery-row">')[1:]
    assert [row.count("<img ") for row in rows] == [2, 2]


def test_code_card_with_caption() -> None:
    code = {"type": "codeblock", "code": "a < b", "language": "python", "caption": "c"}
    assert render_lexical(doc(code)) == (
        '<figure class="kg-card kg-code-card"><pre><code class="language-python">a &lt; b'
        "</code></pre><figcaption>c</figcaption></figure>\n"
    )


def test_markdown_card_is_rendered_by_our_markdown() -> None:
    assert render_lexical(doc({"type": "markdown", "markdown": "*hi*"})) == "<p><em>hi</em></p>\n"


def test_html_card_keeps_ghosts_markers() -> None:
    assert render_lexical(doc({"type": "html", "html": "<div>x</div>"})) == (
        "<!--kg-card-begin: html-->\n<div>x</div>\n<!--kg-card-end: html-->\n"
    )


def test_callout_button_toggle_bookmark_cards() -> None:
    html = render_lexical(
        doc(
            {
                "type": "callout",
                "calloutEmoji": "💡",
                "calloutText": "<b>t</b>",
                "backgroundColor": "rgba(0, 0, 0, 0)",
            },
            {
                "type": "button",
                "buttonUrl": "https://e.com",
                "buttonText": "Go",
                "alignment": "center",
            },
            {"type": "toggle", "heading": "H", "content": "<p>C</p>"},
            {
                "type": "bookmark",
                "url": "https://e.com",
                "metadata": {"title": "E", "description": "D"},
                "caption": "",
            },
        )
    )
    assert (
        '<div class="kg-card kg-callout-card kg-callout-card-white">'
        '<div class="kg-callout-emoji">💡' in html
    )
    assert (
        '<div class="kg-card kg-button-card kg-align-center"><a href="https://e.com"'
        ' class="kg-btn kg-btn-accent">Go</a></div>' in html
    )
    assert '<h4 class="kg-toggle-heading-text">H</h4>' in html
    assert '<div class="kg-toggle-content"><p>C</p></div>' in html
    assert '<a class="kg-bookmark-container" href="https://e.com">' in html


def test_embed_hr_paywall_header_video_audio_file_cards() -> None:
    html = render_lexical(
        doc(
            {
                "type": "embed",
                "url": "https://youtu.be/x",
                "html": '<iframe src="https://y"></iframe>',
                "caption": "c",
            },
            {"type": "horizontalrule"},
            {"type": "paywall"},
            {
                "type": "header",
                "size": "small",
                "style": "dark",
                "header": "Big",
                "subheader": "",
                "buttonEnabled": False,
            },
            {"type": "video", "src": "/v.mp4", "width": 640, "height": 480, "cardWidth": "regular"},
            {"type": "audio", "src": "/a.mp3", "title": "Song"},
            {
                "type": "file",
                "src": "/f.pdf",
                "fileName": "f.pdf",
                "fileSize": 2048,
                "fileTitle": "F",
            },
        )
    )
    assert (
        '<figure class="kg-card kg-embed-card kg-card-hascaption"><iframe src="https://y"></iframe><figcaption>c</figcaption></figure>'
        in html
    )
    assert "<hr>\n<!--members-only-->\n" in html
    assert '<h2 class="kg-header-card-header" id="big">Big</h2>' in html
    assert '<video src="/v.mp4" width="640" height="480"' in html
    assert '<audio src="/a.mp3"' in html and '<div class="kg-audio-title">Song</div>' in html
    assert 'href="/f.pdf"' in html and '<div class="kg-file-card-filesize">2 KB</div>' in html


def test_email_only_cards_render_nothing() -> None:
    assert (
        render_lexical(
            doc({"type": "email", "html": "<p>hi</p>"}),
        )
        == ""
    )


def test_unknown_card_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedCard, match="'product'"):
        render_lexical(doc({"type": "product"}))


@pytest.mark.parametrize("bad", ["{", "[]", '{"root": 3}', '{"root": {"children": [1]}}'])
def test_unreadable_documents(bad: str) -> None:
    with pytest.raises(DocumentError):
        render_lexical(bad)


def test_hostile_nesting_is_refused_not_a_recursion_error() -> None:
    node: dict[str, Any] = para(text("x"))
    for _ in range(500):
        node = {"type": "quote", "children": [node]}
    with pytest.raises(DocumentError, match="too deeply"):
        render_lexical(doc(node))


def test_json_text_is_accepted() -> None:
    assert render_lexical(json.dumps(doc(para(text("a"))))) == "<p>a</p>"


@pytest.mark.parametrize("source_format", ["markdown", "html"])
def test_document_for_gives_the_source_back(source_format: str) -> None:
    written = document_for(source_format, "# Hi\n\n<b>x</b>")
    found = markdown_only(written) if source_format == "markdown" else html_only(written)
    assert found == "# Hi\n\n<b>x</b>"


def test_markdown_only_ignores_a_trailing_empty_paragraph() -> None:
    assert markdown_only(doc({"type": "markdown", "markdown": "m"}, para())) == "m"


def test_markdown_only_is_none_for_mixed_documents() -> None:
    assert markdown_only(doc({"type": "markdown", "markdown": "m"}, para(text("x")))) is None
    assert html_only(doc({"type": "markdown", "markdown": "m"})) is None
    assert markdown_only("not json") is None


def test_hostile_nesting_inside_a_trailing_paragraph_is_refused() -> None:
    node: dict[str, Any] = text("x")
    for _ in range(5000):
        node = {"type": "link", "url": "/", "children": [node]}
    with pytest.raises(DocumentError, match="too deeply"):
        render_lexical(doc(para(text("a")), para(node)))


def test_json_text_spelling_nul_and_a_lone_surrogate_renders_storable_text() -> None:
    # "\u0000" and a lone "\ud800" are valid JSON escapes but no database stores them.
    source = json.dumps(doc(para(text("a\x00b \ud800 c"))))
    assert render_lexical(source) == "<p>ab \ufffd c</p>"


def test_a_markdown_card_keeps_its_text_less_the_nul() -> None:
    card = {"type": "markdown", "version": 1, "markdown": "# Hi\x00"}
    assert markdown_only(json.dumps(doc(card))) == "# Hi"
