"""Property tests: nothing raises on any input, and untrusted HTML never comes out dangerous."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from inkwell.render import (
    excerpt,
    highlight_code_blocks,
    plain_text,
    postprocess_html,
    reading_time,
    render_html,
    render_markdown,
    sanitize_html,
)
from inkwell.render.html_tokens import tokenize
from inkwell.render.urls import browser_url

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of hostile and tricky HTML, glued together in random order with random text.
HOSTILE = [
    "<script>alert(1)</script>",
    "<script src=//evil.example/x.js>",
    "<SCRIPT>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    '<img srcset="javascript:alert(1) 1x">',
    '<a href="javascript:alert(1)">',
    '<a href="java&#x09;script:alert(1)">',
    '<a href="java\tscript:alert(1)">',
    '<a href="&#106;avascript:alert(1)">',
    '<a href=" vbscript:msgbox(1)">',
    '<a href="data:text/html,<script>alert(1)</script>">',
    "<a href=https://ok.example/?a=1&b=2>",
    "</a>",
    '<iframe src="evil">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="https://www.youtube.com/embed/x">',
    '<iframe srcdoc="<script>alert(1)</script>">',
    "</iframe>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style>*{background:url(javascript:x)}</style>",
    '<div style="background:url(javascript:alert(1))">',
    "<p onclick='x()' class=\"kg-card\">",
    "<h2>",
    "</h2>",
    "<h2 id=x>",
    "<!--",
    "-->",
    "<!-->",
    "--!>",
    "<!--kg-card-begin: html-->",
    "<![CDATA[",
    "]]>",
    "<?xml?>",
    "<textarea>",
    "<title>",
    "<plaintext>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button formaction=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    '<pre><code class="language-python">',
    "</code></pre>",
    "&lt;script&gt;",
    "&#0;",
    "&#x0;",
    "&",
    "<",
    ">",
    '"',
    "'",
    "=",
    "\x00",
    "\x0b",
    "\ufffe",
]
hostile_html = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=25).map(
    "".join
)
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)))
any_input = st.one_of(st.text(), hostile_html)

URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "xlink:href", "poster",
    "background", "cite", "data", "codebase", "content", "srcdoc", "style",
}  # fmt: skip
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


def _dangerous_value(name: str, value: str) -> bool:
    if name == "srcset":
        return any(DANGEROUS_SCHEME.match(browser_url(c.strip())) for c in value.split(","))
    if name in ("style", "content"):
        return "javascript:" in browser_url(value).lower()
    return bool(DANGEROUS_SCHEME.match(browser_url(value)))


def assert_safe(output: str) -> None:
    """Parse ``output`` two ways (lxml and the browser-like tokenizer) and inspect it."""
    assert "<script" not in output.lower()
    # lxml (libxml2's HTML parser)
    root = lxml_html.document_fromstring(f"<html><body>{output}</body></html>")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        assert element.tag.lower() not in ("script", "style", "object", "embed", "base", "meta")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (name, output)
            if name.lower() in URL_ATTRIBUTES:
                assert not _dangerous_value(name.lower(), value), (name, value, output)
    # the HTML5-style tokenizer used by post-processing
    for token in tokenize(output):
        if token.kind == "start":
            assert token.name not in ("script", "style", "object", "embed", "base", "meta")
            for attribute in token.attrs:
                assert not attribute.name.startswith("on")
                if attribute.name in URL_ATTRIBUTES:
                    assert not _dangerous_value(attribute.name, attribute.value)


@SETTINGS
@given(any_input)
def test_sanitize_html_output_is_safe(source: str) -> None:
    assert_safe(sanitize_html(source))


@SETTINGS
@given(any_input)
def test_untrusted_render_html_output_is_safe(source: str) -> None:
    assert_safe(render_html(source, trusted=False))


@SETTINGS
@given(any_input)
def test_untrusted_output_is_stable_under_post_processing(source: str) -> None:
    out = render_html(source, trusted=False)
    assert postprocess_html(out) == out


@SETTINGS
@given(any_input)
def test_trusted_render_html_never_raises(source: str) -> None:
    assert isinstance(render_html(source, trusted=True), str)


@SETTINGS
@given(
    st.one_of(
        st.text(),
        hostile_html,
        st.lists(
            st.sampled_from(
                [
                    "::: callout 💡 blue\n",
                    "::: bookmark https://x.example\n",
                    "::: embed ",
                    ":::\n",
                    '```python caption="',
                    "```html card\n",
                    "```\n",
                    '![a](b "c"){.wide}',
                    "{width=1",
                    "# h\n",
                    "| a |\n|---|\n",
                    "[^1]",
                    "[^1]: ",
                    "> ",
                    "- ",
                    "\n\n",
                    "<iframe src=x>",
                ]
            ),
            max_size=20,
        ).map("".join),
    )
)
def test_render_markdown_never_raises_and_heading_ids_are_unique(source: str) -> None:
    out = render_markdown(source)
    ids = [
        t.get("id")
        for t in tokenize(out)
        if t.kind == "start" and t.name in ("h1", "h2", "h3", "h4", "h5", "h6") and t.get("id")
    ]
    assert len(ids) == len(set(ids))


@SETTINGS
@given(any_input)
def test_output_is_xml_safe_text(source: str) -> None:
    # feeds embed this HTML in XML: no control characters may survive
    for out in (render_markdown(source), render_html(source, trusted=True)):
        holder = etree.fromstring(b"<x/>")
        holder.text = out  # raises ValueError on XML-incompatible chars
        assert holder.text == out


@SETTINGS
@given(any_input)
def test_plain_text_has_no_tags_from_markup_and_collapsed_spaces(source: str) -> None:
    text = plain_text(source)
    assert text == text.strip()
    assert "  " not in text


@SETTINGS
@given(any_input, st.integers(min_value=0, max_value=300))
def test_excerpt_length_and_prefix(source: str, length: int) -> None:
    text = plain_text(source)
    result = excerpt(source, length)
    assert len(result) <= length
    if len(text) <= length:
        assert result == text
    elif length > 0:
        assert result.endswith("…")
        assert text.startswith(result[:-1])


@SETTINGS
@given(any_input)
def test_reading_time_is_zero_only_for_empty(source: str) -> None:
    minutes = reading_time(source)
    assert minutes >= 0
    if plain_text(source):
        assert minutes >= 1


LANGUAGES = st.sampled_from(["python", "js", "html", "c", "rust", "sql", "bash", "nosuch", ""])


@SETTINGS
@given(any_text, LANGUAGES)
def test_highlighting_keeps_the_code_text(code: str, language: str) -> None:
    css = f' class="language-{language}"' if language else ""
    source = f"<pre><code{css}>{html.escape(code)}</code></pre>"
    out = highlight_code_blocks(source)
    inner = out.split(">", 2)[2].rsplit("</code>", 1)[0]
    expected = code.replace("\r\n", "\n").replace("\r", "\n") if out != source else code
    assert html.unescape(re.sub(r"<[^>]+>", "", inner)) == expected


@SETTINGS
@given(any_input)
def test_highlight_never_raises_and_is_idempotent(source: str) -> None:
    once = highlight_code_blocks(source)
    assert highlight_code_blocks(once) == once
