"""absolutize_urls: relative URLs made absolute, everything else byte for byte."""

from __future__ import annotations

import pytest

from inkwell.render.absolute_urls import absolutize_urls

BASE = "http://127.0.0.1:8000/blog/2026/03/post/"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/about/">x</a>', '<a href="http://127.0.0.1:8000/about/">x</a>'),
        ('<a href="#notes">x</a>', f'<a href="{BASE}#notes">x</a>'),
        ('<img src="pic.png">', f'<img src="{BASE}pic.png">'),
        ('<img src="../pic.png">', '<img src="http://127.0.0.1:8000/blog/2026/03/pic.png">'),
        ("<a href='/q?a=1&amp;b=2'>x</a>", '<a href="http://127.0.0.1:8000/q?a=1&amp;b=2">x</a>'),
        ("<a href=/bare>x</a>", '<a href="http://127.0.0.1:8000/bare">x</a>'),
        (
            '<video poster="/p.jpg" src="/v.mp4">',
            '<video poster="http://127.0.0.1:8000/p.jpg" src="http://127.0.0.1:8000/v.mp4">',
        ),
        ('<blockquote cite="/src/">', '<blockquote cite="http://127.0.0.1:8000/src/">'),
        ('<A HREF="/up/">x</A>', '<A HREF="http://127.0.0.1:8000/up/">x</A>'),
        ('<a href="//cdn.test/x.js">', '<a href="http://cdn.test/x.js">'),
    ],
)
def test_relative_urls_are_resolved(html: str, expected: str) -> None:
    assert absolutize_urls(html, BASE) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://elsewhere.test/x" class="k">x</a>',
        '<a href="mailto:ada@example.test">mail</a> <a href="tel:+123">tel</a>',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
        '<a href="">empty</a> <a name="anchor">n</a> <input disabled>',
        "<p>Text that says href=\"/x\" and src='/y' is not a tag</p>",
        '<!-- <a href="/in-comment"> --><pre><code>&lt;a href="/escaped"&gt;</code></pre>',
        "<script>var u = \"<img src='/in-script'>\";</script>",
        "<p>a < b and <3 and <!doctype></p>",
    ],
)
def test_everything_else_is_left_byte_for_byte(html: str) -> None:
    assert absolutize_urls(html, BASE) == html


def test_srcset_candidates_are_each_resolved() -> None:
    html = '<img srcset="/a-600.png 600w,/a-1000.png 1000w, https://cdn.test/a.png 2x, b.png">'
    assert absolutize_urls(html, "http://x.test/post/") == (
        '<img srcset="http://x.test/a-600.png 600w, http://x.test/a-1000.png 1000w, '
        'https://cdn.test/a.png 2x, http://x.test/post/b.png">'
    )


def test_srcset_with_data_url_and_absolute_urls_is_kept() -> None:
    html = '<img srcset="data:image/png;base64,AA,BB 1x,  https://cdn.test/a.png   2x">'
    assert absolutize_urls(html, BASE) == html


def test_only_rewritten_attributes_change() -> None:
    html = "<p class='x'  data-a=1>Keep <b>this</b></p>\n<a  title='t'  href=\"/y\" >y</a>"
    assert absolutize_urls(html, BASE) == (
        "<p class='x'  data-a=1>Keep <b>this</b></p>\n"
        "<a  title='t'  href=\"http://127.0.0.1:8000/y\" >y</a>"
    )


def test_fragment_links_can_be_kept() -> None:
    html = '<a href="#notes">x</a><img src="a.png">'
    assert absolutize_urls(html, BASE, keep_fragments=True) == (
        f'<a href="#notes">x</a><img src="{BASE}a.png">'
    )


def test_a_url_in_a_later_duplicate_attribute_is_left_alone() -> None:
    html = '<a href="https://x.test/" href="/y">x</a>'
    assert absolutize_urls(html, BASE) == html
