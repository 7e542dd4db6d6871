"""The readers' text helpers: they read HTML with the render layer's tokenizer."""

from __future__ import annotations

import pytest

from inkwell.importers import source_text


def test_html_to_text_is_the_render_layers_plain_text() -> None:
    html = '<p title="a <b> c">Fish &amp; <em>chips</em></p><template><p>hidden</p></template>'
    assert source_text.html_to_text(html) == "Fish & chips"


@pytest.mark.parametrize("prose", ["a < b > c", "I <3 it", "x <y", "1 <= 2"])
def test_prose_with_angle_brackets_is_not_html(prose: str) -> None:
    assert not source_text.looks_like_html(prose)


@pytest.mark.parametrize("markup", ["a <br> b", "<p>x</p>", "x <!-- note --> y", "</em>"])
def test_tags_and_comments_are_html(markup: str) -> None:
    assert source_text.looks_like_html(markup)


def test_absolute_urls_keep_in_page_links() -> None:
    html = '<a href="#top">t</a><img src="pic.png">'
    assert source_text.absolute_urls(html, "https://old.test/post/") == (
        '<a href="#top">t</a><img src="https://old.test/post/pic.png">'
    )


def test_absolute_urls_need_a_web_base() -> None:
    html = '<img src="pic.png">'
    assert source_text.absolute_urls(html, "file:///tmp/") == html
    assert source_text.absolute_urls(html, None) == html
