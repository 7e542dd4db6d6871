"""The shared HTML pass: ids, ?ref=, iframe allow-list, lazy images; nothing else changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from inkwell.render import RenderOptions, render_html

GHOST_BODY = (Path(__file__).parent / "fixtures" / "ghost_post_body.html").read_text()
GHOST_SITE = RenderOptions(site_url="http://127.0.0.1:2368")
TAGGING = RenderOptions(site_url="https://me.example", ref_tagging=True)


def test_ghost_post_survives_byte_for_byte() -> None:
    assert render_html(GHOST_BODY, GHOST_SITE, trusted=True) == GHOST_BODY


def test_ghost_post_with_ref_tagging_is_unchanged() -> None:
    # Ghost already tagged its one outbound link; it must not be tagged twice
    options = RenderOptions(site_url="http://127.0.0.1:2368", ref_tagging=True)
    assert render_html(GHOST_BODY, options, trusted=True) == GHOST_BODY


def test_ghost_cards_survive_sanitising() -> None:
    out = render_html(GHOST_BODY, GHOST_SITE, trusted=False)
    tree = lxml_html.fragment_fromstring(out, create_parent="div")
    assert [f.get("class") for f in tree.iter("figure")] == [
        "kg-card kg-image-card kg-card-hascaption",
        "kg-card kg-bookmark-card",
    ]
    assert "<!--kg-card-begin: html-->\n<table>" in out
    assert '<div class="kg-card kg-callout-card kg-callout-card-blue">' in out
    assert 'sizes="(min-width: 720px) 720px">' in out
    assert '<code class="language-python">import sqlite3' in out


def test_untouched_markup_is_copied_verbatim() -> None:
    source = (
        "<svg viewBox='0 0 1 1'><path d=\"M0\"/></svg><br/><img src=a.png loading=eager>"
        '<a href="http://x.example/ä b?a=1&b=2">l</a><!-- note -->&#x1f4a1;&nbsp;'
    )
    assert render_html(source, trusted=True) == source


def test_headings_in_html_get_ids() -> None:
    assert render_html("<h2>Hello <b>World</b></h2>", trusted=True) == (
        '<h2 id="hello-world">Hello <b>World</b></h2>'
    )


def test_existing_heading_ids_are_kept() -> None:
    assert render_html('<h2 id="Custom">Title</h2>', trusted=True) == '<h2 id="Custom">Title</h2>'


def test_duplicate_heading_ids_are_made_unique() -> None:
    out = render_html('<h2 id="a">One</h2><h3 id="a">Two</h3>', trusted=True)
    assert out == '<h2 id="a">One</h2><h3 id="a-1">Two</h3>'


def test_generated_ids_avoid_later_explicit_ids() -> None:
    out = render_html('<h2>Intro</h2><h2 id="intro">Other</h2>', trusted=True)
    assert out == '<h2 id="intro-1">Intro</h2><h2 id="intro">Other</h2>'


def test_blank_id_is_replaced() -> None:
    assert render_html('<h2 id=" ">Go</h2>', trusted=True) == '<h2 id="go">Go</h2>'


def test_unclosed_heading_ends_at_next_heading() -> None:
    assert render_html("<h2>One<h2>Two", trusted=True) == '<h2 id="one">One<h2 id="two">Two'


def test_heading_text_entities_are_decoded_for_the_slug() -> None:
    assert render_html("<h2>Caf&eacute;</h2>", trusted=True) == '<h2 id="cafe">Caf&eacute;</h2>'


def test_outbound_links_are_tagged() -> None:
    out = render_html(
        '<a class="x" href="https://other.example/p?q=1&amp;r=2#f">o</a>', TAGGING, trusted=True
    )
    assert (
        out == '<a class="x" href="https://other.example/p?q=1&amp;r=2&amp;ref=me.example#f">o</a>'
    )


def test_query_parameters_that_look_like_entities_survive() -> None:
    out = render_html('<a href="https://o.example/?a=1&not=2">o</a>', TAGGING, trusted=True)
    assert out == '<a href="https://o.example/?a=1&amp;not=2&amp;ref=me.example">o</a>'


@pytest.mark.parametrize(
    "href",
    [
        "https://me.example/post/",
        "https://www.me.example/",
        "/local",
        "#top",
        "mailto:a@b.example",
        "https://other.example/?ref=x",
        "javascript:alert(1)",
    ],
)
def test_other_links_are_not_tagged(href: str) -> None:
    source = f'<a href="{href}">x</a>'
    assert render_html(source, TAGGING, trusted=True) == source


def test_tagging_is_off_by_default() -> None:
    source = '<a href="https://other.example/">x</a>'
    assert render_html(source, trusted=True) == source


def test_disallowed_iframe_is_removed_with_its_content() -> None:
    source = '<p>a</p><iframe src="https://evil.example/">fallback <b>x</b></iframe><p>b</p>'
    assert render_html(source, trusted=True) == "<p>a</p><p>b</p>"


def test_allowed_iframe_is_kept() -> None:
    source = '<iframe src="https://player.vimeo.com/video/1" allowfullscreen></iframe>'
    assert render_html(source, trusted=True) == source


@pytest.mark.parametrize(
    "iframe",
    [
        "<iframe></iframe>",
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe srcdoc="<script>x</script>" src="https://www.youtube.com/embed/a"></iframe>',
        "<IFRAME SRC=//evil.example/></IFRAME>",
    ],
)
def test_iframes_without_an_allowed_src_are_removed(iframe: str) -> None:
    assert render_html(f"a{iframe}b", trusted=True) == "ab"


def test_unclosed_disallowed_iframe_takes_the_rest_along() -> None:
    assert render_html('a<iframe src="https://evil.example/">b<p>c</p>', trusted=True) == "a"


def test_iframe_hosts_come_from_options() -> None:
    source = '<iframe src="https://maps.example/x"></iframe>'
    options = RenderOptions(iframe_hosts=frozenset({"maps.example"}))
    assert render_html(source, options, trusted=True) == source


def test_images_get_lazy_loading() -> None:
    assert render_html('<img src="a.png">', trusted=True) == '<img src="a.png" loading="lazy">'
    assert render_html("<img/>", trusted=True) == '<img loading="lazy"/>'


def test_script_content_is_not_processed() -> None:
    source = '<script>var s = "<img src=x><h2>t</h2>";</script>'
    assert render_html(source, trusted=True) == source


def test_control_characters_are_removed() -> None:
    assert render_html("<p>a\x00b\x0bc</p>", trusted=True) == "<p>abc</p>"


def test_untrusted_html_is_sanitised_first() -> None:
    out = render_html('<h2 onclick="x()">Hi</h2><script>alert(1)</script>', trusted=False)
    assert out == '<h2 id="hi">Hi</h2>'
