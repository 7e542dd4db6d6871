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
