"""plain_text, excerpt and reading_time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import html5lib
import pytest
from lxml import etree

from inkwell.content.demo import demo_posts
from inkwell.render import RenderOptions, excerpt, plain_text, reading_time, render_markdown
from inkwell.render.cards import CARD_CHROME_CLASSES

FIXTURES = Path(__file__).parent / "fixtures"
FEED_REFERENCE = Path(__file__).parent.parent / "feeds" / "ghost_reference"
GHOST_BODY = (FIXTURES / "ghost_post_body.html").read_text()


def test_plain_text_strips_tags_and_decodes_entities() -> None:
    assert plain_text("<p>Fish &amp; <em>chips</em> &lt;3 &#x1f4a1;</p>") == "Fish & chips <3 💡"


def test_plain_text_separates_blocks_but_not_inline_tags() -> None:
    assert plain_text("<p>one</p><p>two<br>three</p><p>w<b>or</b>d</p>") == "one two three word"


def test_plain_text_collapses_whitespace() -> None:
    assert plain_text("  <p>a \n\t b</p>\n\n c  ") == "a b c"


def test_plain_text_drops_script_style_and_comments() -> None:
    html = "<script>var x = '<p>no</p>';</script><style>p{}</style><!-- hidden -->yes"
    assert plain_text(html) == "yes"


def test_plain_text_keeps_textarea_text() -> None:
    assert plain_text("<textarea>typed</textarea>") == "typed"


def test_plain_text_of_nothing() -> None:
    assert plain_text("") == ""


def test_short_text_is_its_own_excerpt() -> None:
    assert excerpt("<p>Short and sweet.</p>") == "Short and sweet."


def test_excerpt_exactly_at_length_is_not_cut() -> None:
    assert excerpt("<p>abcde</p>", 5) == "abcde"


def test_excerpt_cuts_at_a_word_boundary_with_ellipsis() -> None:
    assert excerpt("<p>The quick brown fox jumps</p>", 16) == "The quick brown…"


def test_excerpt_does_not_end_in_a_partial_word() -> None:
    assert excerpt("<p>The quick brown fox jumps</p>", 14) == "The quick…"


def test_excerpt_trims_trailing_punctuation() -> None:
    assert excerpt("<p>First, second, third</p>", 14) == "First, second…"


def test_excerpt_cuts_a_single_long_word() -> None:
    assert excerpt("<p>" + "x" * 50 + "</p>", 10) == "x" * 9 + "…"


def test_excerpt_default_length_is_200() -> None:
    result = excerpt(GHOST_BODY)
    assert len(result) <= 200
    assert result.endswith("took it from…")


def test_excerpt_tiny_lengths() -> None:
    assert excerpt("<p>hello world</p>", 1) == "…"
    assert excerpt("<p>hello world</p>", 0) == ""


def test_reading_time_empty_is_zero() -> None:
    assert reading_time("") == 0
    assert reading_time("<p> </p><!-- x -->") == 0


def test_reading_time_is_at_least_one_minute() -> None:
    assert reading_time("<p>Hi</p>") == 1


def test_reading_time_at_275_words_a_minute() -> None:
    words = " ".join(["word"] * 275 * 4)
    assert reading_time(f"<p>{words}</p>") == 4


def test_reading_time_rounds_to_nearest_minute() -> None:
    assert reading_time("<p>" + "w " * 412 + "</p>") == 1  # 1.498 min
    assert reading_time("<p>" + "w " * 413 + "</p>") == 2  # 1.502 min


def test_images_add_time_decreasingly() -> None:
    # 12+11+10+9+8+7+6+5+4+3 = 75 s for the first ten, then 3 s each: 10 more -> 105 s
    assert reading_time("<img>" * 20) == 2
    assert reading_time("<img>" * 2) == 1


def test_cjk_characters_count_as_words() -> None:
    assert reading_time("<p>" + "字" * 1100 + "</p>") == 4


def test_reading_time_of_ghost_post() -> None:
    # about 300 words and one image
    assert reading_time(GHOST_BODY) == 1


def test_plain_text_drops_template_content() -> None:
    assert plain_text("<p>a</p><template><p>not shown</p></template><p>b</p>") == "a b"


def test_plain_text_skips_card_chrome() -> None:
    html = (
        '<figure class="kg-card kg-bookmark-card"><div class="kg-bookmark-title">Title</div>'
        '<div class="kg-bookmark-metadata"><span class="kg-bookmark-author">Ada</span></div>'
        '</figure><div class="kg-audio-player"><span>0:00</span></div><p>after</p>'
    )
    assert plain_text(html) == "Title after"


def test_plain_text_ignores_markup_in_attributes() -> None:
    assert plain_text('<img alt="a <b>bold</b> claim" src="x.png"><p>text</p>') == "text"


def test_entities_are_decoded_per_text_run() -> None:
    # "&am" + "p;" on both sides of a tag is not "&amp;": a browser shows it as written
    assert plain_text("&am<b></b>p;") == "&amp;"


# --- the tokenizer's text against a real HTML5 tree builder -------------------------------

_HIDDEN = {"script", "style", "template", "noscript", "iframe", "title", "noembed", "noframes"}

TRICKY = [
    "<p title=\"a <b> c\" data-x='</p>'>one</p><p>two",
    "<!-->x<!--->y<!-- a -- b --!>z<!DOCTYPE html><?xml?></3 w>v",
    "a < b &lt; c &amp d &notit; &not=e &#x1F4A1; &#128512 &bogus;",
    "<textarea>&lt;b&gt; <i>kept</i></textarea><xmp>&amp; <b></xmp>",
    "<script>if (a</b) '<p>'</script><style>p{}</style><noscript><p>n</p></noscript>end",
    "<ul><li>one<li>two</ul><table><tr><td>cell<td>next</table>",
    '<template><p>inert</p></template><div class="kg-bookmark-metadata"><p>meta</p></div>after',
    "<p>w<em>or</em>d <br/> line<img alt='picture words'>next</p>",
    "<select><option>pick</option></select><pre>\n  code</pre>",
]


def corpus() -> list[str]:
    html = [(FIXTURES / "ghost_post_body.html").read_text(encoding="utf-8"), *TRICKY]
    options = RenderOptions(site_url="http://127.0.0.1:8000")
    html += [render_markdown(data.source, options) for data in demo_posts("Ada")]
    rss = etree.fromstring((FEED_REFERENCE / "rss.xml").read_bytes())
    namespaces = {"content": "http://purl.org/rss/1.0/modules/content/"}
    html += [e.text or "" for e in rss.iterfind(".//content:encoded", namespaces)]
    return html


def tree_text(html: str) -> str:
    """The text a browser's DOM holds, minus what plain_text leaves out on purpose."""
    root = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    parts: list[str] = []

    def walk(element: Any) -> None:
        if isinstance(element.tag, str):
            classes = set((element.get("class") or "").split())
            if element.tag in _HIDDEN or classes & CARD_CHROME_CLASSES:
                return
            parts.append(element.text or "")
            for child in element:
                walk(child)
                parts.append(child.tail or "")

    parts.append(root.text or "")
    for child in root:
        walk(child)
        parts.append(child.tail or "")
    return "".join("".join(parts).split())


@pytest.mark.parametrize("html", corpus())
def test_plain_text_reads_what_an_html5_parser_reads(html: str) -> None:
    assert "".join(plain_text(html).split()) == tree_text(html)
