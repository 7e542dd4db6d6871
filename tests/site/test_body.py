"""Unit tests of the body preparation: highlighting, scroll wrappers, caching."""

from __future__ import annotations

from datetime import UTC, datetime

from inkwell.site import body
from tests.site.builders import post

CODE = '<pre><code class="language-python">x = 1\n</code></pre>'


def test_prepare_highlights_code() -> None:
    html = body.prepare(CODE)
    assert 'class="highlight"' in html
    assert '<span class="n">x</span>' in html


def test_pre_gets_a_tabindex_once() -> None:
    assert body.wrap_scrollables("<pre>a</pre>") == '<pre tabindex="0">a</pre>'
    assert body.wrap_scrollables('<pre tabindex="-1">a</pre>') == '<pre tabindex="-1">a</pre>'


def test_tables_are_wrapped_in_a_scrolling_region() -> None:
    html = body.wrap_scrollables("<table><tr><td>1</td></tr></table>")
    assert html == body.TABLE_WRAPPER + "<table><tr><td>1</td></tr></table></div>"


def test_escaped_markup_is_not_touched() -> None:
    text = "<p>&lt;table&gt; and &lt;pre&gt;</p>"
    assert body.wrap_scrollables(text) == text


def test_body_is_cached_per_version() -> None:
    row = post(id="c" * 24, html=CODE, updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    first = body.body_html(row)
    hits, misses = body.cache_info()
    assert body.body_html(row) == first
    assert body.cache_info() == (hits + 1, misses)


def test_changed_post_is_prepared_again() -> None:
    row = post(id="d" * 24, html=CODE, updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    body.body_html(row)
    row.updated_at = datetime(2026, 1, 2, tzinfo=UTC)
    row.html = "<p>new</p>"
    assert body.body_html(row) == "<p>new</p>"


def test_rerendered_html_is_never_served_stale() -> None:
    row = post(id="e" * 24, html="<p>old</p>", updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    body.body_html(row)
    row.html = "<p>re-rendered</p>"
    assert body.body_html(row) == "<p>re-rendered</p>"


def test_pre_with_tabindex_text_in_another_attribute_gets_a_tabindex() -> None:
    html = '<pre data-note="no tabindex=here">a</pre>'
    assert body.wrap_scrollables(html) == '<pre tabindex="0" data-note="no tabindex=here">a</pre>'


def test_table_inside_an_attribute_is_not_wrapped() -> None:
    html = '<img alt="<table> and </table>" src="a.png">'
    assert body.wrap_scrollables(html) == html


def test_table_inside_a_comment_or_script_is_not_wrapped() -> None:
    html = "<!-- <table></table> --><script>let t = '<table></table>';</script>"
    assert body.wrap_scrollables(html) == html


def test_table_in_a_code_block_textarea_is_not_wrapped() -> None:
    html = "<pre><textarea><table><pre></textarea></pre>"
    assert (
        body.wrap_scrollables(html) == '<pre tabindex="0"><textarea><table><pre></textarea></pre>'
    )


def test_stray_table_end_tag_closes_no_box() -> None:
    assert body.wrap_scrollables("<p>a</table></p>") == "<p>a</table></p>"


def test_unclosed_table_gets_its_box_closed() -> None:
    html = body.wrap_scrollables("<table><tr><td>1")
    assert html == body.TABLE_WRAPPER + "<table><tr><td>1</div>"
