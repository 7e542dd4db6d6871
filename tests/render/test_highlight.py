"""Server-side highlighting of code blocks and the matching CSS."""

from __future__ import annotations

import html
import re

from inkwell.render import highlight_code_blocks, pygments_css, render_markdown


def test_python_block_is_highlighted() -> None:
    out = highlight_code_blocks(
        '<pre><code class="language-python">def f():\n    return 1\n</code></pre>'
    )
    assert out == (
        '<pre class="highlight"><code class="language-python"><span class="k">def</span>'
        '<span class="w"> </span><span class="nf">f</span><span class="p">():</span>\n'
        '    <span class="k">return</span> <span class="mi">1</span>\n</code></pre>'
    )


def test_code_text_is_unchanged_by_highlighting() -> None:
    code = "if a < b && c > \"d\":\n\n  x = '&amp;'\n"
    source = f'<pre><code class="language-python">{html.escape(code)}</code></pre>'
    out = highlight_code_blocks(source)
    inner = out.split('<code class="language-python">', 1)[1].rsplit("</code>", 1)[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", inner)) == code


def test_language_class_and_other_attributes_stay() -> None:
    out = highlight_code_blocks(
        '<pre data-x="1" class="wide"><code class="language-js extra">x</code></pre>'
    )
    assert out.startswith('<pre data-x="1" class="wide highlight"><code class="language-js extra">')


def test_unknown_language_is_left_alone() -> None:
    source = '<pre><code class="language-nosuchlang">a &lt; b</code></pre>'
    assert highlight_code_blocks(source) == source


def test_block_without_language_is_left_alone() -> None:
    source = "<pre><code>a &lt; b</code></pre>"
    assert highlight_code_blocks(source) == source


def test_inline_code_is_left_alone() -> None:
    source = '<p><code class="language-python">x = 1</code></p>'
    assert highlight_code_blocks(source) == source


def test_highlighting_twice_changes_nothing() -> None:
    once = highlight_code_blocks('<pre><code class="language-python">x = 1</code></pre>')
    assert highlight_code_blocks(once) == once


def test_block_with_markup_inside_is_left_alone() -> None:
    source = '<pre><code class="language-python"><span class="k">def</span></code></pre>'
    assert highlight_code_blocks(source) == source


def test_code_card_figure_is_highlighted_inside() -> None:
    html_in = render_markdown('```python caption="c"\nx = 1\n```')
    out = highlight_code_blocks(html_in)
    assert out.startswith(
        '<figure class="kg-card kg-code-card"><pre class="highlight"><code class="language-python">'
        '<span class="n">x</span>'
    )
    assert out.endswith("</code></pre><figcaption>c</figcaption></figure>\n")


def test_empty_block_is_fine() -> None:
    assert highlight_code_blocks('<pre><code class="language-python"></code></pre>') == (
        '<pre class="highlight"><code class="language-python"></code></pre>'
    )


def test_html_without_pre_is_returned_as_is() -> None:
    assert highlight_code_blocks("<p>x</p>") == "<p>x</p>"


def test_css_has_light_rules_and_dark_media_query() -> None:
    css = pygments_css()
    light, dark = css.split("@media (prefers-color-scheme: dark) {")
    assert ".highlight { background: #f8f8f8 }" in light
    assert ".highlight .k { color: #008000; font-weight: bold }" in light
    assert ".highlight { background: #272822; color: #f8f8f2 }" in dark
    assert dark.rstrip().endswith("}")


def test_dark_rules_undo_light_only_properties() -> None:
    dark = pygments_css().split("@media (prefers-color-scheme: dark) {")[1]
    # the default style makes keywords bold, monokai does not
    assert ".highlight .k { color: #66d9ef; font-weight: normal }" in dark


def test_css_scope_and_styles_are_configurable() -> None:
    css = pygments_css("friendly", "native", scope="pre.code")
    assert css.startswith("pre.code { background: ")
    assert "pre.code .k {" in css
    assert ".highlight" not in css
