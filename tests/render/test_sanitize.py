"""Sanitising untrusted HTML with nh3 plus Inkwell's iframe and comment rules."""

from __future__ import annotations

import pytest

from inkwell.render import sanitize_html


def test_article_markup_is_kept() -> None:
    source = (
        "<h2>T</h2><p><em>a</em> <strong>b</strong> <del>c</del> <s>d</s> <sup>1</sup>"
        "<sub>2</sub><br><code>e</code></p><hr><ul><li>x</li></ul><ol><li>y</li></ol>"
        "<blockquote>q</blockquote><table><thead><tr><th>h</th></tr></thead>"
        "<tbody><tr><td>d</td></tr></tbody></table>"
    )
    assert sanitize_html(source) == source


def test_script_and_style_are_removed_with_content() -> None:
    assert sanitize_html("<p>a</p><script>alert(1)</script><style>p{}</style>") == "<p>a</p>"


def test_event_handlers_are_removed() -> None:
    assert sanitize_html('<img src="a.png" onerror="alert(1)">') == '<img src="a.png">'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "java&#x09;script:alert(1)",
        " JAVASCRIPT:x",
        "vbscript:x",
        "data:text/html,x",
    ],
)
def test_dangerous_link_urls_are_removed(href: str) -> None:
    assert sanitize_html(f'<a href="{href}">x</a>') == '<a rel="noopener noreferrer">x</a>'


def test_safe_links_keep_href_and_get_rel() -> None:
    assert sanitize_html('<a href="/p" title="t">x</a>') == (
        '<a href="/p" title="t" rel="noopener noreferrer">x</a>'
    )
    assert 'href="mailto:a@b.example"' in sanitize_html('<a href="mailto:a@b.example">m</a>')


def test_link_rel_is_configurable() -> None:
    out = sanitize_html('<a href="https://x.example/">x</a>', link_rel="nofollow ugc")
    assert out == '<a href="https://x.example/" rel="nofollow ugc">x</a>'
    assert sanitize_html('<a href="/x">x</a>', link_rel=None) == '<a href="/x">x</a>'


def test_data_images_are_dropped() -> None:
    assert sanitize_html('<img src="data:image/png;base64,AAAA" alt="a">') == '<img alt="a">'


def test_image_attributes_are_kept() -> None:
    source = (
        '<img src="/a.png" class="kg-image" alt="A" loading="lazy" width="600" height="400"'
        ' srcset="/a-600.png 600w, /a.png 1200w" sizes="(min-width: 720px) 720px">'
    )
    assert sanitize_html(source) == source


def test_unsafe_srcset_is_dropped() -> None:
    assert (
        sanitize_html('<img src="/a.png" srcset="javascript:x 1x, /b.png 2x">')
        == '<img src="/a.png">'
    )


def test_classes_are_limited_to_cards_code_and_footnotes() -> None:
    source = '<div class="kg-card evil kg-callout-card"><code class="language-py x">c</code></div>'
    assert sanitize_html(source) == (
        '<div class="kg-card kg-callout-card"><code class="language-py">c</code></div>'
    )


def test_class_attribute_with_no_allowed_class_goes() -> None:
    assert sanitize_html('<p class="big red">x</p>') == "<p>x</p>"


def test_ids_are_dropped() -> None:
    assert sanitize_html('<h2 id="x">t</h2>') == "<h2>t</h2>"


def test_table_alignment_style_is_kept() -> None:
    out = sanitize_html('<table><tr><td style="text-align: right; color: red">1</td></tr></table>')
    assert out == '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'


def test_ghost_caption_span_style_is_kept() -> None:
    assert sanitize_html('<span style="white-space: pre-wrap;">c</span>') == (
        '<span style="white-space:pre-wrap">c</span>'
    )


@pytest.mark.parametrize(
    "style", ["color: red", "white-space: url(javascript:x)", "text-align: expression(x)"]
)
def test_other_styles_are_removed(style: str) -> None:
    assert sanitize_html(f'<span style="{style}">x</span>') == "<span>x</span>"


def test_kg_card_comments_are_kept_and_others_dropped() -> None:
    source = (
        "<!--kg-card-begin: html--><p>x</p><!--kg-card-end: html-->"
        "<!--[if IE]><p>y</p><![endif]--><!-- hi -->"
    )
    assert sanitize_html(source) == "<!--kg-card-begin: html--><p>x</p><!--kg-card-end: html-->"


def test_allowed_iframe_is_kept_without_fallback_content() -> None:
    source = (
        '<iframe src="https://www.youtube.com/embed/a" allowfullscreen title="v">'
        "<script>x</script></iframe>"
    )
    assert sanitize_html(source) == (
        '<iframe src="https://www.youtube.com/embed/a" allowfullscreen="" title="v"></iframe>'
    )


@pytest.mark.parametrize(
    "src", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_other_iframes_are_removed(src: str) -> None:
    assert sanitize_html(f'<p>a</p><iframe src="{src}"></iframe><p>b</p>') == "<p>a</p><p>b</p>"


def test_iframe_hosts_parameter() -> None:
    source = '<iframe src="https://maps.example/x"></iframe>'
    assert sanitize_html(source, frozenset({"maps.example"})) == source
    assert (
        sanitize_html('<iframe src="https://www.youtube.com/embed/a"></iframe>', frozenset()) == ""
    )


def test_svg_and_math_are_dropped_with_content() -> None:
    assert sanitize_html("<svg onload=alert(1)><text>t</text></svg><math>m</math>ok") == "ok"


def test_unknown_tags_are_unwrapped() -> None:
    assert sanitize_html("<custom-el><p>x</p></custom-el><marquee>m</marquee>") == "<p>x</p>m"


def test_control_characters_and_surrogates_are_removed() -> None:
    assert sanitize_html("<p>a\x00b\x01\ud800c</p>") == "<p>abc</p>"
