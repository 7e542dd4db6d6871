"""The offset-keeping tokenizer behind post-processing, sanitising and highlighting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inkwell.render.html_tokens import (
    clean_chars,
    element_spans,
    escape_attr,
    iter_tokens,
    render_tokens,
    rewrite_tag,
    tokenize,
    unescape_attr,
)


def kinds(src: str) -> list[tuple[str, str]]:
    return [(t.kind, src[t.start : t.end]) for t in tokenize(src)]


def test_tokens_cover_the_whole_source_in_order() -> None:
    src = '<p class="a">x &amp; y</p><!--c--><br/>tail'
    tokens = tokenize(src)
    assert "".join(src[t.start : t.end] for t in tokens) == src
    assert [t.kind for t in tokens] == ["start", "text", "end", "comment", "start", "text"]


def test_quoted_attribute_value_may_contain_greater_than() -> None:
    src = "<a title=\"a > b\" href='x>y'>link</a>"
    start = tokenize(src)[0]
    assert start.get("title") == "a > b"
    assert start.get("href") == "x>y"
    assert src[start.start : start.end] == "<a title=\"a > b\" href='x>y'>"


def test_names_are_lowercased_and_first_duplicate_wins() -> None:
    start = tokenize('<IMG SRC="a.png" src="b.png">')[0]
    assert start.name == "img"
    assert start.get("src") == "a.png"


def test_attribute_without_value_is_empty_string() -> None:
    start = tokenize("<iframe allowfullscreen src=x></iframe>")[0]
    assert start.get("allowfullscreen") == ""
    assert start.get("src") == "x"


def test_self_closing_flag() -> None:
    assert tokenize("<br/>")[0].self_closing
    assert not tokenize("<img src=x/>")[0].self_closing  # "/" belongs to the value
    assert tokenize("<img src=x/>")[0].get("src") == "x/"


def test_comment_forms() -> None:
    assert kinds("<!-->x") == [("comment", "<!-->"), ("text", "x")]
    assert kinds("<!--->x") == [("comment", "<!--->"), ("text", "x")]
    assert kinds("<!-- a --!>x") == [("comment", "<!-- a --!>"), ("text", "x")]
    assert kinds("<!-- open") == [("comment", "<!-- open")]


def test_bogus_comments_and_lone_angle_brackets() -> None:
    assert kinds("<!DOCTYPE html>") == [("bogus", "<!DOCTYPE html>")]
    assert kinds("<?xml x?>a") == [("bogus", "<?xml x?>"), ("text", "a")]
    assert kinds("a < b </>c") == [("text", "a < b "), ("bogus", "</>"), ("text", "c")]
    assert kinds("</3 x>y") == [("bogus", "</3 x>"), ("text", "y")]


def test_raw_text_elements_hide_markup() -> None:
    src = "<script>if (a<b) '<iframe>'</script><p>"
    tokens = tokenize(src)
    assert [t.kind for t in tokens] == ["start", "text", "end", "start"]
    assert tokens[1].raw_text and tokens[1].name == "script"
    assert src[tokens[1].start : tokens[1].end] == "if (a<b) '<iframe>'"


def test_raw_text_end_tag_needs_a_delimiter() -> None:
    tokens = tokenize("<style></styles></style >x")
    assert tokens[1].kind == "text" and tokens[1].raw_text
    assert tokens[2].kind == "end" and tokens[2].name == "style"


def test_eof_inside_a_tag_is_junk() -> None:
    assert kinds('ok<a href="x') == [("text", "ok"), ("bogus", '<a href="x')]


def test_unescape_attr_decodes_like_a_browser() -> None:
    assert unescape_attr("a&amp;b&#x41;&#66;&quot;") == 'a&bAB"'
    # a legacy entity followed by "=" is part of a query string, not a reference
    assert unescape_attr("?a=1&not=2&copy=3") == "?a=1&not=2&copy=3"
    assert unescape_attr("&copy 2024") == "© 2024"
    assert unescape_attr("&unknown;") == "&unknown;"


def test_escape_attr() -> None:
    assert escape_attr('a&"b<>') == "a&amp;&quot;b&lt;&gt;"


def test_rewrite_tag_keeps_untouched_attributes_verbatim() -> None:
    src = "<img SRC='a.png'  alt=x>"
    token = tokenize(src)[0]
    assert (
        rewrite_tag(src, token, {"loading": "lazy"}) == "<img SRC='a.png'  alt=x loading=\"lazy\">"
    )


def test_rewrite_tag_replaces_in_place_and_drops_duplicates() -> None:
    src = '<a href="x" title=t href="y">'
    token = tokenize(src)[0]
    assert rewrite_tag(src, token, {"href": "z&"}) == '<a href="z&amp;" title=t>'


def test_rewrite_tag_removes_attributes() -> None:
    src = '<span style="" class="k"/>'
    token = tokenize(src)[0]
    assert rewrite_tag(src, token, remove=frozenset({"style"})) == '<span class="k"/>'


def test_clean_chars_drops_controls_and_surrogates() -> None:
    assert clean_chars("a\x00b\x01c\x0cd\ud800e\ufffff\tg\n") == "abc def\tg\n"


def test_rewrite_tag_keeps_the_spelling_of_a_replaced_name() -> None:
    src = '<A HREF="/up/">'
    assert rewrite_tag(src, tokenize(src)[0], {"href": "/x"}) == '<A HREF="/x">'


@given(st.text(alphabet=st.sampled_from(list("<>/!-=\"' abp&;\nsriptl"))))
def test_iter_tokens_gives_the_tokens_of_tokenize(src: str) -> None:
    assert list(iter_tokens(src)) == tokenize(src)
    assert render_tokens(src, tokenize(src), {}) == src


def test_render_tokens_replaces_only_the_given_tokens() -> None:
    src = "<p class=x>a</p>"
    assert render_tokens(src, tokenize(src), {1: "b"}) == "<p class=x>b</p>"


def test_classes_and_void_elements() -> None:
    tokens = tokenize('<p class="a  b" hidden><br><x-icon /><div/>')
    assert tokens[0].classes() == {"a", "b"}
    assert [t.is_void for t in tokens] == [False, True, True, True]


def test_element_spans_pair_start_and_end_tags() -> None:
    tokens = tokenize("<ul><li>a<li>b</ul><img><p>open")
    spans = {(tokens[s].name, e) for s, e in element_spans(tokens)}
    assert spans == {("ul", 5), ("li", 5), ("img", 6), ("p", len(tokens))}


def test_element_spans_ignore_a_stray_end_tag() -> None:
    tokens = tokenize("<p>a</span>b</p>")
    assert element_spans(tokens) == [(0, 4)]
