"""The comment Markdown subset and the sanitising of imported comment HTML."""

from __future__ import annotations

import pytest

from inkwell.render.comment_text import count_links, render_comment, sanitise_comment_html
from inkwell.render.highlight import highlight_code_blocks
from inkwell.render.markdown import render_markdown

REL = 'rel="nofollow ugc noopener"'


def test_emphasis_strong_and_strikethrough_render() -> None:
    assert render_comment("*soft* **loud** ~~gone~~") == (
        "<p><em>soft</em> <strong>loud</strong> <s>gone</s></p>"
    )


def test_links_are_marked_nofollow_ugc_noopener() -> None:
    html = render_comment("[docs](https://docs.example.org/page)")
    assert html == f'<p><a href="https://docs.example.org/page" {REL}>docs</a></p>'


def test_autolinks_become_links() -> None:
    assert f'<a href="https://example.org" {REL}>' in render_comment("<https://example.org>")


def test_javascript_links_stay_text() -> None:
    html = render_comment("[click](javascript:alert(1))")
    assert "<a" not in html and "href" not in html


def test_inline_code_is_escaped() -> None:
    assert render_comment("use `<b>` here") == "<p>use <code>&lt;b&gt;</code> here</p>"


def test_fenced_code_is_highlighted_like_posts() -> None:
    html = render_comment("```python\ndef greet(): pass\n```")
    assert html.startswith('<pre class="highlight"><code class="language-python">')
    assert '<span class="k">def</span>' in html


def test_code_without_language_is_plain() -> None:
    assert render_comment("```\n<x>\n```") == "<pre><code>&lt;x&gt;\n</code></pre>"


def test_quotes_and_lists_render() -> None:
    html = render_comment("> quoted\n\n- one\n- two\n\n3. three")
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert '<ol start="3">' in html


def test_single_line_breaks_are_kept() -> None:
    assert render_comment("first\nsecond") == "<p>first<br>\nsecond</p>"


def test_headings_are_not_part_of_the_subset() -> None:
    assert render_comment("# Big") == "<p># Big</p>"


def test_images_are_not_shown() -> None:
    html = render_comment("![cat](https://example.org/cat.png)")
    assert "<img" not in html


def test_raw_html_shows_as_text() -> None:
    html = render_comment('<script>alert(1)</script> <b onclick="x">b</b>')
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;" in html


def test_control_characters_are_dropped() -> None:
    assert render_comment("a\x00b\x07c") == "<p>abc</p>"


def test_count_links_counts_anchors_and_bare_addresses() -> None:
    html = render_comment("[a](https://a.example) and www.b.example and https://c.example/x")
    assert count_links(html) == 3


def test_imported_html_keeps_simple_markup() -> None:
    html = sanitise_comment_html('<p>Hi <b>bold</b> <i>it</i> <a href="http://x.example">x</a></p>')
    assert html == f'<p>Hi <b>bold</b> <i>it</i> <a href="http://x.example" {REL}>x</a></p>'


def test_imported_html_loses_scripts_handlers_and_images() -> None:
    html = sanitise_comment_html(
        '<p onclick="x">a</p><img src=x onerror=alert(1)><script>bad()</script>'
        '<a href="javascript:alert(1)">j</a><iframe src="https://evil.example"></iframe>'
    )
    assert html == "<p>a</p><a " + REL + ">j</a>"


def test_imported_html_cannot_close_its_container() -> None:
    html = sanitise_comment_html("<p>inside</p></div></article><p>after</p>")
    assert "</div>" not in html and "</article>" not in html


def test_imported_code_blocks_are_highlighted() -> None:
    html = sanitise_comment_html('<pre><code class="language-python">x = 1</code></pre>')
    assert 'class="highlight"' in html and '<span class="n">x</span>' in html


@pytest.mark.parametrize("language", ["python", "javascript", "rust", "html", "sql", "diff"])
def test_code_blocks_are_highlighted_exactly_as_a_post_would_be(language: str) -> None:
    source = f'```{language}\nfn main() {{ let x = "<b>"; }} // c\n<a href="x">SELECT 1;</a>\n```'
    assert render_comment(source) == highlight_code_blocks(render_markdown(source)).strip()


def test_nested_lists_render() -> None:
    assert render_comment("- one\n  - two\n- three") == (
        "<ul>\n<li>one\n<ul>\n<li>two</li>\n</ul>\n</li>\n<li>three</li>\n</ul>"
    )


def test_link_titles_are_kept_as_text() -> None:
    html = render_comment('[x](https://a.example "A <title>")')
    assert html == f'<p><a href="https://a.example" title="A &lt;title&gt;" {REL}>x</a></p>'


def test_mailto_links_are_allowed() -> None:
    html = render_comment("[write](mailto:ada@example.org)")
    assert html == f'<p><a href="mailto:ada@example.org" {REL}>write</a></p>'


@pytest.mark.parametrize(
    "source",
    ["[a](vbscript:msgbox(1))", "[a](data:text/html,hi)", "[a](JavaScript:x)", "<javascript:x>"],
)
def test_script_and_data_links_stay_text(source: str) -> None:
    html = render_comment(source)
    assert "<a" not in html and "href" not in html


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("Big\n===", "<p>Big<br>\n===</p>"),
        ("a\n\n---\n\nb", "<p>a</p>\n<p>---</p>\n<p>b</p>"),
        ("| a |\n|---|\n| 1 |", "<p>| a |<br>\n|---|<br>\n| 1 |</p>"),
    ],
)
def test_underlined_headings_rules_and_tables_are_not_part_of_the_subset(
    source: str, shown: str
) -> None:
    assert render_comment(source) == shown


def test_a_code_block_language_that_is_no_name_is_dropped() -> None:
    html = render_comment('```python" onclick="x\nx = 1\n```')
    assert html == "<pre><code>x = 1\n</code></pre>"
