"""HTML helpers: Ghost-compatible word truncation, absolute URLs, byte-preserving tokens."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from inkwell.feeds import absolutize_urls, truncate_html_words
from inkwell.feeds.html import html_to_text, insert_before_first_p
from inkwell.feeds.tokens import EndTag, StartTag, Text, iter_elements, render_tokens, tokenize

from .support import NS, REFERENCE

BASE = "http://127.0.0.1:8000/blog/2026/03/post/"


# --- truncate_html_words -----------------------------------------------------------------------


def ghost_items() -> list[tuple[str, str]]:
    channel = etree.fromstring((REFERENCE / "rss.xml").read_bytes()).find("channel")
    assert channel is not None
    return [
        (item.findtext("content:encoded", namespaces=NS) or "", item.findtext("description") or "")
        for item in channel.iterfind("item")
    ]


@pytest.mark.parametrize("index", [0, 2, 3])  # item 1 has a custom excerpt
def test_reproduces_ghosts_fifty_word_descriptions(index: int) -> None:
    content, description = ghost_items()[index]
    assert truncate_html_words(content, 50) == description


def test_closes_open_tags_innermost_first() -> None:
    html = "<div><p>one <strong>two <em>three four</em></strong> five</p></div>"
    assert (
        truncate_html_words(html, 3) == "<div><p>one <strong>two <em>three</em></strong></p></div>"
    )


def test_stops_after_the_punctuation_that_ended_the_last_word() -> None:
    assert truncate_html_words("<p>Hello, world. Again</p>", 1) == "<p>Hello,</p>"
    assert truncate_html_words("<p>Hello world. Again</p>", 2) == "<p>Hello world.</p>"


def test_word_rules_follow_ghost() -> None:
    # Hyphens and apostrophes split words; tag boundaries end words; letters of any script.
    assert truncate_html_words("<p>one-line don't</p>", 2) == "<p>one-line</p>"
    assert truncate_html_words("<p>don't stop</p>", 2) == "<p>don't</p>"
    assert truncate_html_words("<p>ab<b>cd</b>ef gh</p>", 2) == "<p>ab<b>cd</b></p>"
    assert truncate_html_words("<p>Ünïcødé 日本語 שלום x</p>", 3) == "<p>Ünïcødé 日本語 שלום</p>"
    assert truncate_html_words("<p>v1.2.3 ok</p>", 2) == "<p>v1.2.</p>"


def test_never_splits_character_references() -> None:
    html = "<p>Fish &amp; chips &quot;today&quot; &#x1f4a1; &eacute;t&eacute; later</p>"
    # "&amp;" and "&quot;" are punctuation, not words; "&eacute;" is a letter.
    assert truncate_html_words(html, 3) == ("<p>Fish &amp; chips &quot;today&quot;</p>")
    assert truncate_html_words(html, 4) == (
        "<p>Fish &amp; chips &quot;today&quot; &#x1f4a1; &eacute;t&eacute;</p>"
    )


def test_void_and_self_closing_elements_are_not_closed() -> None:
    html = '<p>one<br>two <img src="a.png" alt="x > y"> three <x-icon/> four</p>'
    assert truncate_html_words(html, 3) == ('<p>one<br>two <img src="a.png" alt="x > y"> three</p>')


def test_comments_and_script_bodies_are_kept_whole_and_count_nothing() -> None:
    html = "<!--kg-card-begin: html--><p>a <script>if (x<y) { b c d }</script> e f</p>"
    assert truncate_html_words(html, 2) == (
        "<!--kg-card-begin: html--><p>a <script>if (x<y) { b c d }</script> e</p>"
    )


def test_short_html_comes_back_whole_and_trimmed() -> None:
    assert truncate_html_words("  <p>just three words</p>\n", 50) == "<p>just three words</p>"
    assert truncate_html_words("<p>unclosed <em>tags", 50) == "<p>unclosed <em>tags</em></p>"


def test_zero_words_and_empty_input() -> None:
    assert truncate_html_words("<p>anything</p>", 0) == ""
    assert truncate_html_words("", 50) == ""


def test_stray_and_omitted_end_tags() -> None:
    assert truncate_html_words("<ul><li>a<li>b c</ul><p>d", 2) == "<ul><li>a<li>b</li></li></ul>"
    assert truncate_html_words("<p>a</span> b c</p>", 2) == "<p>a</span> b</p>"


def count_words(html: str) -> int:
    text = re.sub(r"<[^>]*>", " ", html)
    return len(re.findall(r"[^\W\d_]+|[0-9]+|[^\W_]+", text))


# Random nested markup: words, entities and inline/block elements.
WORDS = st.sampled_from(["alpha", "béta", "42", "x-y", "it's", "&amp;", "&quot;q&quot;", "日本"])
HTML = st.recursive(
    st.lists(WORDS, min_size=1, max_size=8).map(" ".join),
    lambda inner: st.tuples(
        st.sampled_from(["p", "em", "strong", "li", "div", "a"]), st.lists(inner, max_size=4)
    ).map(lambda t: f"<{t[0]}>{' '.join(t[1])}</{t[0]}>"),
    max_leaves=20,
)


@given(HTML, st.integers(min_value=1, max_value=40))
def test_truncation_is_well_formed_and_stable(html: str, words: int) -> None:
    cut = truncate_html_words(html, words)
    # Well-formed (every element closed) and no broken character reference.
    etree.fromstring(f"<root>{cut}</root>".encode())
    assert truncate_html_words(cut, words) == cut
    # Never more words than asked for, and a prefix of the original text.
    assert len(html_to_text(cut).split()) <= len(html_to_text(html).split())
    assert html_to_text(html).replace(" ", "").startswith(html_to_text(cut).replace(" ", ""))


# --- absolutize_urls ---------------------------------------------------------------------------


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


def test_only_rewritten_tags_change() -> None:
    html = '<p class=\'x\'  data-a=1>Keep <b>this</b></p>\n<a  title="t"  href="/y" >y</a>'
    assert absolutize_urls(html, BASE) == (
        "<p class='x'  data-a=1>Keep <b>this</b></p>\n"
        '<a title="t" href="http://127.0.0.1:8000/y">y</a>'
    )


# --- tokenizer and small helpers ---------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("<>/!-=\"' abp&;\n"))))
def test_tokens_concatenate_back_to_the_input(html: str) -> None:
    assert render_tokens(tokenize(html)) == html


@given(st.text())
def test_tokens_concatenate_back_for_any_text(html: str) -> None:
    assert render_tokens(tokenize(html)) == html


def test_tokenizer_recognises_tags_attributes_and_text() -> None:
    tokens = tokenize('<p class="a b" hidden>x &amp; y</p><br/>')
    assert [type(t).__name__ for t in tokens] == ["StartTag", "Text", "EndTag", "StartTag"]
    start = tokens[0]
    assert isinstance(start, StartTag)
    assert start.classes() == {"a", "b"}
    assert start.get("hidden") == ""
    assert start.get("missing") is None
    assert isinstance(tokens[1], Text) and tokens[1].raw == "x &amp; y"
    assert isinstance(tokens[2], EndTag) and tokens[2].name == "p"
    assert isinstance(tokens[3], StartTag) and tokens[3].self_closing


def test_html_to_text() -> None:
    html = "<h2>Title</h2><p>Fish &amp; <em>chips</em>.</p><script>x()</script><p>Next\n line</p>"
    assert html_to_text(html) == "Title Fish & chips. Next line"


def test_insert_before_first_p() -> None:
    assert insert_before_first_p("<h1>T</h1><pre>x</pre><P>a</P>", "<hr>") == (
        "<h1>T</h1><pre>x</pre><hr><P>a</P>"
    )
    assert insert_before_first_p("<!-- <p> --><param><p>a</p>", "<hr>") == (
        "<!-- <p> --><param><hr><p>a</p>"
    )
    assert insert_before_first_p("<div>no paragraph</div>", "<hr>") == (
        "<hr><div>no paragraph</div>"
    )


def test_iter_elements_pairs_start_and_end_tags() -> None:
    tokens = tokenize("<ul><li>a<li>b</ul><img><p>open")
    spans = {(tokens[s].name, e) for s, e in iter_elements(tokens)}  # type: ignore[union-attr]
    assert spans == {("ul", 5), ("li", 5), ("img", 6), ("p", len(tokens))}
