"""Markdown basics: CommonMark plus tables, strikethrough, footnotes, raw HTML, heading ids."""

from __future__ import annotations

from inkwell.render import RenderOptions, render_markdown
from inkwell.render.markdown import markdown_parser


def test_paragraph_and_emphasis() -> None:
    assert render_markdown("Hello *world* and **you**") == (
        "<p>Hello <em>world</em> and <strong>you</strong></p>\n"
    )


def test_void_elements_are_html_not_xhtml() -> None:
    assert render_markdown("a  \nb") == "<p>a<br>\nb</p>\n"


def test_strikethrough() -> None:
    assert render_markdown("~~gone~~") == "<p><s>gone</s></p>\n"


def test_footnotes() -> None:
    html = render_markdown("Claim[^n].\n\n[^n]: Source.")
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<li id="fn1" class="footnote-item"><p>Source.' in html


def test_raw_html_passes_through() -> None:
    assert render_markdown('<div class="x">\n\n*hi*\n\n</div>') == (
        '<div class="x">\n<p><em>hi</em></p>\n</div>'
    )


def test_links_are_not_autolinked_from_bare_text() -> None:
    assert render_markdown("see example.com") == "<p>see example.com</p>\n"


def test_javascript_links_are_not_linked() -> None:
    assert "href" not in render_markdown("[x](javascript:alert(1))")


def test_headings_get_ids() -> None:
    assert render_markdown("## The settings") == '<h2 id="the-settings">The settings</h2>\n'


def test_heading_ids_are_unique_and_stable() -> None:
    source = "# Setup\n\n## Setup\n\n### Setup"
    html = render_markdown(source)
    assert 'id="setup"' in html
    assert 'id="setup-1"' in html
    assert 'id="setup-2"' in html
    assert render_markdown(source) == html


def test_heading_id_uses_text_not_markup() -> None:
    assert render_markdown("## Use `fsync` &amp; *WAL*") == (
        '<h2 id="use-fsync-wal">Use <code>fsync</code> &amp; <em>WAL</em></h2>\n'
    )


def test_heading_ids_avoid_ids_in_raw_html() -> None:
    html = render_markdown('## Intro\n\n<p id="intro">x</p>')
    assert '<h2 id="intro-1">Intro</h2>' in html


def test_empty_heading_gets_no_id() -> None:
    assert render_markdown("##") == "<h2></h2>\n"


def test_nul_and_control_characters_are_removed() -> None:
    assert render_markdown("a\x00b\x01c") == "<p>a\ufffdbc</p>\n"


def test_one_parser_is_reused() -> None:
    assert markdown_parser() is markdown_parser()


def test_options_reach_the_post_processing() -> None:
    html = render_markdown(
        "[x](https://other.example/)",
        RenderOptions(site_url="https://me.example", ref_tagging=True),
    )
    assert html == '<p><a href="https://other.example/?ref=me.example">x</a></p>\n'


def test_iframes_in_raw_html_follow_the_allow_list() -> None:
    source = (
        '<iframe src="https://evil.example/"></iframe>\n\n'
        '<iframe src="https://www.youtube.com/embed/a"></iframe>'
    )
    assert render_markdown(source) == '\n<iframe src="https://www.youtube.com/embed/a"></iframe>'
