"""Every card, from Markdown to Ghost's exact markup (see docs/cards.md)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from inkwell.render import RenderOptions, render_markdown
from inkwell.render.cards import bookmark_card, image_card
from inkwell.render.markdown import markdown_parser

DOCS = Path(__file__).parents[2] / "docs" / "cards.md"


def test_image_card() -> None:
    assert render_markdown("![A desk](/img/desk.png)") == (
        '<figure class="kg-card kg-image-card"><img src="/img/desk.png" class="kg-image"'
        ' alt="A desk" loading="lazy"></figure>\n'
    )


def test_image_card_caption_with_inline_markdown() -> None:
    assert render_markdown('![A](/a.png "The *whole* [thing](/t)")') == (
        '<figure class="kg-card kg-image-card kg-card-hascaption"><img src="/a.png"'
        ' class="kg-image" alt="A" loading="lazy"><figcaption>The <em>whole</em>'
        ' <a href="/t">thing</a></figcaption></figure>\n'
    )


@pytest.mark.parametrize("width", ["wide", "full"])
def test_image_card_width(width: str) -> None:
    html = render_markdown(f"![A](/a.png){{.{width}}}")
    assert html.startswith(f'<figure class="kg-card kg-image-card kg-width-{width}"><img ')


def test_image_card_size_and_srcset() -> None:
    options = RenderOptions(srcset_for=lambda url: f"{url}?w=600 600w, {url} 1200w")
    assert render_markdown("![A](/a.png){width=1200 height=800}", options) == (
        '<figure class="kg-card kg-image-card"><img src="/a.png" class="kg-image" alt="A"'
        ' loading="lazy" width="1200" height="800" srcset="/a.png?w=600 600w, /a.png 1200w"'
        ' sizes="(min-width: 720px) 720px"></figure>\n'
    )


def test_image_card_srcset_sizes_follow_the_width() -> None:
    options = RenderOptions(srcset_for=lambda url: "a.png 600w")
    assert 'sizes="(min-width: 1200px) 1200px"' in render_markdown("![A](/a.png){.wide}", options)
    assert 'sizes="100vw"' in render_markdown("![A](/a.png){.full}", options)


def test_image_card_without_srcset_when_callback_declines() -> None:
    html = render_markdown("![A](/a.png)", RenderOptions(srcset_for=lambda url: None))
    assert "srcset" not in html
    assert "sizes" not in html


@pytest.mark.parametrize("attrs", ["{width=1200}", "{width=0 height=5}", "{width=x height=5}"])
def test_image_card_ignores_incomplete_or_invalid_size(attrs: str) -> None:
    assert "width=" not in render_markdown(f"![A](/a.png){attrs}")


def test_image_card_ignores_other_attributes() -> None:
    html = render_markdown('![A](/a.png){#x .other onload="alert(1)" style="color:red"}')
    assert html == (
        '<figure class="kg-card kg-image-card"><img src="/a.png" class="kg-image" alt="A"'
        ' loading="lazy"></figure>\n'
    )


def test_linked_image_card() -> None:
    assert render_markdown('[![A](/a.png "Cap"){.wide}](https://example.com)') == (
        '<figure class="kg-card kg-image-card kg-width-wide kg-card-hascaption">'
        '<a href="https://example.com"><img src="/a.png" class="kg-image" alt="A"'
        ' loading="lazy"></a><figcaption>Cap</figcaption></figure>\n'
    )


def test_image_card_escapes_alt_and_src() -> None:
    html = render_markdown('![a "b" <c>](/x.png?a=1&b=2)')
    assert 'alt="a &quot;b&quot; &lt;c&gt;"' in html
    assert 'src="/x.png?a=1&amp;b=2"' in html


@pytest.mark.parametrize(
    "source",
    ["Look: ![A](/a.png)", "- ![A](/a.png)", "> ![A](/a.png)", "[^1]\n\n[^1]: ![A](/a.png)"],
)
def test_image_not_alone_at_top_level_stays_inline(source: str) -> None:
    html = render_markdown(source)
    assert "kg-image-card" not in html
    assert '<img src="/a.png" alt="A" loading="lazy">' in html


def test_code_block() -> None:
    assert render_markdown('```python\nprint("hi" < 3)\n```') == (
        '<pre><code class="language-python">print("hi" &lt; 3)\n</code></pre>\n'
    )


def test_code_block_without_language() -> None:
    assert render_markdown("```\nx & y\n```") == "<pre><code>x &amp; y\n</code></pre>\n"


def test_code_card_with_caption() -> None:
    assert render_markdown('```python caption="Opening a *connection*"\nconn = connect()\n```') == (
        '<figure class="kg-card kg-code-card"><pre><code class="language-python">conn = connect()\n'
        "</code></pre><figcaption>Opening a <em>connection</em></figcaption></figure>\n"
    )


def test_code_caption_quotes() -> None:
    html = render_markdown("```sh caption='single' \n:\n```")
    assert html.endswith("<figcaption>single</figcaption></figure>\n")
    html = render_markdown('```sh caption="say \\"hi\\""\n:\n```')
    assert html.endswith("<figcaption>say &quot;hi&quot;</figcaption></figure>\n")


def test_html_card_fence() -> None:
    assert render_markdown('```html card\n<div class="w">x</div>\n```') == (
        '<!--kg-card-begin: html-->\n<div class="w">x</div>\n<!--kg-card-end: html-->\n'
    )


def test_plain_html_fence_is_code() -> None:
    assert render_markdown("```html\n<b>\n```") == (
        '<pre><code class="language-html">&lt;b&gt;\n</code></pre>\n'
    )


def test_html_card_container() -> None:
    assert render_markdown("::: html\n<p>raw</p>\n\n<p>two</p>\n:::") == (
        "<!--kg-card-begin: html-->\n<p>raw</p>\n\n<p>two</p>\n<!--kg-card-end: html-->\n"
    )


def test_table_is_a_compact_html_card() -> None:
    assert render_markdown("| a | b |\n|---|--:|\n| 1 | 2 |") == (
        "<!--kg-card-begin: html-->\n<table><thead><tr><th>a</th>"
        '<th style="text-align:right">b</th></tr></thead><tbody><tr><td>1</td>'
        '<td style="text-align:right">2</td></tr></tbody></table>\n<!--kg-card-end: html-->\n'
    )


def test_callout_card() -> None:
    assert render_markdown("::: callout 💡 blue\nWAL is a property of the **file**.\n:::") == (
        '<div class="kg-card kg-callout-card kg-callout-card-blue"><div class="kg-callout-emoji">'
        '💡</div><div class="kg-callout-text">WAL is a property of the <strong>file</strong>.'
        "</div></div>\n"
    )


def test_callout_without_emoji_defaults_to_grey() -> None:
    assert render_markdown("::: callout\nNote\n:::") == (
        '<div class="kg-card kg-callout-card kg-callout-card-grey">'
        '<div class="kg-callout-text">Note</div></div>\n'
    )


def test_callout_unknown_colour_is_grey_and_order_is_free() -> None:
    html = render_markdown("::: callout orange 🔥\nHot\n:::")
    assert html.startswith('<div class="kg-card kg-callout-card kg-callout-card-grey">')
    assert '<div class="kg-callout-emoji">🔥</div>' in html


@pytest.mark.parametrize(
    "colour", ["white", "grey", "blue", "green", "yellow", "red", "pink", "purple", "accent"]
)
def test_callout_colours(colour: str) -> None:
    html = render_markdown(f"::: callout {colour}\nx\n:::")
    assert html.startswith(f'<div class="kg-card kg-callout-card kg-callout-card-{colour}">')


def test_callout_with_several_blocks_keeps_paragraphs() -> None:
    assert render_markdown("::: callout\nOne\n\nTwo\n:::") == (
        '<div class="kg-card kg-callout-card kg-callout-card-grey"><div class="kg-callout-text">'
        "<p>One</p>\n<p>Two</p>\n</div></div>\n"
    )


def test_callout_escapes_the_emoji() -> None:
    assert '<div class="kg-callout-emoji">&lt;b&gt;</div>' in render_markdown(
        "::: callout <b>\nx\n:::"
    )


def test_quote_alt() -> None:
    assert render_markdown("::: quote-alt\nA *slow* query\n:::") == (
        '<blockquote class="kg-blockquote-alt">A <em>slow</em> query</blockquote>\n'
    )


def test_plain_blockquote() -> None:
    assert render_markdown("> quoted") == "<blockquote>\n<p>quoted</p>\n</blockquote>\n"


def test_horizontal_rule() -> None:
    assert render_markdown("a\n\n---\n\nb") == "<p>a</p>\n<hr>\n<p>b</p>\n"


BOOKMARK = """::: bookmark https://www.sqlite.org/wal.html
title: Write-Ahead Logging
description: How the write-ahead log works.
author: SQLite
publisher: sqlite.org
:::"""


def test_bookmark_card() -> None:
    assert render_markdown(BOOKMARK) == (
        '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container"'
        ' href="https://www.sqlite.org/wal.html"><div class="kg-bookmark-content">'
        '<div class="kg-bookmark-title">Write-Ahead Logging</div>'
        '<div class="kg-bookmark-description">How the write-ahead log works.</div>'
        '<div class="kg-bookmark-metadata"><span class="kg-bookmark-author">SQLite</span>'
        '<span class="kg-bookmark-publisher">sqlite.org</span></div></div></a></figure>\n'
    )


def test_bookmark_card_matches_ghost_with_ref_tagging() -> None:
    ghost = (Path(__file__).parent / "fixtures" / "ghost_post_body.html").read_text()
    options = RenderOptions(site_url="http://127.0.0.1:2368", ref_tagging=True)
    card = render_markdown(
        BOOKMARK.replace(
            "How the write-ahead log works.",
            "How the write-ahead log works, what"
            " it changes for readers and writers, and when not to use it.",
        ),
        options,
    )
    assert card.strip() in ghost


def test_bookmark_with_icon_thumbnail_and_caption() -> None:
    html = render_markdown(
        "::: bookmark <https://ex.example/a b>\ntitle: <T> & co\nicon: /i.png\n"
        "thumbnail: https://ex.example/t.png\ncaption: see *this*\nunknown: ignored\n:::"
    )
    assert html == (
        '<figure class="kg-card kg-bookmark-card kg-card-hascaption">'
        '<a class="kg-bookmark-container" href="https://ex.example/a%20b">'
        '<div class="kg-bookmark-content"><div class="kg-bookmark-title">&lt;T&gt; &amp; co</div>'
        '<div class="kg-bookmark-description"></div><div class="kg-bookmark-metadata">'
        '<img class="kg-bookmark-icon" src="/i.png" alt="" loading="lazy"></div></div>'
        '<div class="kg-bookmark-thumbnail"><img'
        ' src="https://ex.example/t.png" alt="" loading="lazy"></div></a><figcaption>see'
        " <em>this</em></figcaption></figure>\n"
    )


def test_bookmark_title_defaults_to_url() -> None:
    html = render_markdown("::: bookmark https://ex.example/\n:::")
    assert '<div class="kg-bookmark-title">https://ex.example/</div>' in html


def test_bookmark_drops_unsafe_icon_and_thumbnail() -> None:
    html = render_markdown(
        "::: bookmark https://ex.example/\nicon: javascript:alert(1)\nthumbnail: data:x\n:::"
    )
    assert "<img" not in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://ex.example/", "/relative"])
def test_bookmark_with_non_http_url_is_plain_text(url: str) -> None:
    assert render_markdown(f"::: bookmark {url}\ntitle: T\n:::") == f"<p>{url}</p>\n"


def test_bookmark_card_builder_escapes_attributes() -> None:
    html = bookmark_card('https://x.example/?q="><script>', title="t")
    assert 'href="https://x.example/?q=&quot;&gt;&lt;script&gt;"' in html


def test_embed_card() -> None:
    assert render_markdown(
        "::: embed https://www.youtube.com/embed/abc\ncaption: The *talk*\n:::"
    ) == (
        '<figure class="kg-card kg-embed-card kg-card-hascaption"><iframe'
        ' src="https://www.youtube.com/embed/abc" loading="lazy" allowfullscreen'
        ' title="Embedded content from www.youtube.com"></iframe><figcaption>The <em>talk</em>'
        "</figcaption></figure>\n"
    )


def test_embed_card_title_and_free_caption_lines() -> None:
    html = render_markdown(
        '::: embed https://player.vimeo.com/video/1\ntitle: My "film"\nA film\n:::'
    )
    assert html == (
        '<figure class="kg-card kg-embed-card kg-card-hascaption"><iframe'
        ' src="https://player.vimeo.com/video/1" loading="lazy" allowfullscreen'
        ' title="My &quot;film&quot;"></iframe><figcaption>A film</figcaption></figure>\n'
    )


def test_embed_without_caption() -> None:
    html = render_markdown("::: embed https://codepen.io/x/embed/y\n:::")
    assert html.endswith("</iframe></figure>\n")
    assert "kg-card-hascaption" not in html


def test_embed_from_unlisted_host_is_a_link() -> None:
    assert render_markdown("::: embed https://evil.example/x\n:::") == (
        '<p><a href="https://evil.example/x">https://evil.example/x</a></p>\n'
    )


def test_embed_host_list_comes_from_options() -> None:
    options = RenderOptions(iframe_hosts=frozenset({"evil.example"}))
    assert "<iframe" in render_markdown("::: embed https://evil.example/x\n:::", options)
    options = RenderOptions(iframe_hosts=frozenset())
    assert "<iframe" not in render_markdown(
        "::: embed https://www.youtube.com/embed/a\n:::", options
    )


def test_embed_with_non_http_url_is_text() -> None:
    assert render_markdown("::: embed javascript:alert(1)\n:::") == "<p>javascript:alert(1)</p>\n"


def test_card_block_without_url_renders_nothing() -> None:
    assert render_markdown("::: bookmark\ntitle: T\n:::") == ""


def test_unclosed_card_runs_to_the_end() -> None:
    html = render_markdown("::: html\n<b>x</b>\n\nmore")
    assert html == "<!--kg-card-begin: html-->\n<b>x</b>\n\nmore\n<!--kg-card-end: html-->\n"


def test_unknown_container_is_text() -> None:
    assert render_markdown("::: spoiler\nx\n:::") == "<p>::: spoiler\nx\n:::</p>\n"


def test_nested_cards_use_longer_outer_fence() -> None:
    html = render_markdown(":::: callout 📌\n::: bookmark https://ex.example/\ntitle: E\n:::\n::::")
    assert html.startswith(
        '<div class="kg-card kg-callout-card kg-callout-card-grey"><div class="kg-callout-emoji">'
        '📌</div><div class="kg-callout-text"><figure class="kg-card kg-bookmark-card">'
    )
    assert html.endswith("</figure>\n</div></div>\n")


def test_image_card_builder_with_href_escapes() -> None:
    html = image_card("/a.png", "A", href='/x?a="1"')
    assert '<a href="/x?a=&quot;1&quot;">' in html


def _doc_examples() -> list[tuple[str, str]]:
    """(markdown, html) pairs: each ```markdown fence directly followed by a ```html fence."""
    tokens = [t for t in markdown_parser().parse(DOCS.read_text()) if t.type == "fence"]
    pairs = []
    for first, second in itertools.pairwise(tokens):
        if first.info.strip() == "markdown" and second.info.strip() == "html":
            pairs.append((first.content, second.content))
    return pairs


def test_docs_have_examples() -> None:
    assert len(_doc_examples()) >= 8


@pytest.mark.parametrize(("markdown", "html"), _doc_examples())
def test_docs_examples_render_as_documented(markdown: str, html: str) -> None:
    assert render_markdown(markdown).strip() == html.strip()


def test_card_inside_blockquote() -> None:
    assert render_markdown("> ::: callout\n> inside\n> :::") == (
        "<blockquote>\n"
        '<div class="kg-card kg-callout-card kg-callout-card-grey"><div class="kg-callout-text">'
        "inside</div></div>\n</blockquote>\n"
    )


def test_card_opening_at_the_end_of_a_blockquote() -> None:
    # found by Hypothesis: mdit-py-plugins' container rule raised IndexError here
    assert render_markdown(">:::callout\n>") == (
        "<blockquote>\n"
        '<div class="kg-card kg-callout-card kg-callout-card-grey"><div class="kg-callout-text">'
        "</div></div>\n</blockquote>\n"
    )
