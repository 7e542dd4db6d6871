"""HTML helpers of the feeds: Ghost-compatible word truncation, the feature-image slot."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from inkwell.feeds import truncate_html_words
from inkwell.feeds.html import insert_before_first_p
from inkwell.render import plain_text

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
    assert len(plain_text(cut).split()) <= len(plain_text(html).split())
    assert plain_text(html).replace(" ", "").startswith(plain_text(cut).replace(" ", ""))


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
