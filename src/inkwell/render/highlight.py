"""Server-side syntax highlighting of Ghost code blocks with Pygments.

Stored HTML keeps Ghost's plain ``<pre><code class="language-X">`` markup; highlighting
happens when a page is rendered. A highlighted block looks like::

    <pre class="highlight"><code class="language-python"><span class="k">def</span> …</code></pre>

The ``highlight`` class on ``<pre>`` is what :func:`pygments_css` scopes its rules to
(``scope=".highlight"``), and it marks the block as done so it is never highlighted twice.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from functools import lru_cache

from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Token

from inkwell.render.html_tokens import Token as HtmlToken
from inkwell.render.html_tokens import rewrite_tag, tokenize

HIGHLIGHT_CLASS = "highlight"
_PRE = re.compile("<pre", re.IGNORECASE)
_FORMATTER = HtmlFormatter(nowrap=True)


@lru_cache(maxsize=256)
def _lexer(language: str) -> Lexer | None:
    try:
        # keep the text exactly: no stripping of leading/trailing newlines, none added
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ValueError:  # pygments.util.ClassNotFound
        return None


def _highlight(code: str, lexer: Lexer) -> str:
    # Pygments turns CR/CRLF into LF and ends every line, the last one too, with LF
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    out = str(pygments_highlight(code, lexer, _FORMATTER))
    if not code.endswith("\n") and out.endswith("\n"):
        out = out[:-1]
    return out


def _classes(token: HtmlToken) -> list[str]:
    return (token.get("class") or "").split()


def _language(token: HtmlToken) -> str | None:
    for name in _classes(token):
        if name.startswith("language-") and len(name) > len("language-"):
            return name[len("language-") :]
    return None


def _highlight_block(src: str, tokens: list[HtmlToken], index: int) -> tuple[str, int] | None:
    """Highlight the ``<pre>`` at ``tokens[index]``; return (html, next index) or None."""
    pre = tokens[index]
    if HIGHLIGHT_CLASS in _classes(pre):
        return None
    j = index + 1
    if (
        j < len(tokens)
        and tokens[j].kind == "text"
        and not src[tokens[j].start : tokens[j].end].strip()
    ):
        j += 1  # whitespace between <pre> and <code>
    if j >= len(tokens) or tokens[j].kind != "start" or tokens[j].name != "code":
        return None
    language = _language(tokens[j])
    lexer = _lexer(language.lower()) if language else None
    if lexer is None:
        return None
    k = j + 1
    code = ""
    if k < len(tokens) and tokens[k].kind == "text":
        code = html_lib.unescape(src[tokens[k].start : tokens[k].end])
        k += 1
    # anything but plain text inside <code> (e.g. spans from an earlier run): leave it
    if k >= len(tokens) or tokens[k].kind != "end" or tokens[k].name != "code":
        return None
    classes = " ".join([*_classes(pre), HIGHLIGHT_CLASS])
    parts = [
        rewrite_tag(src, pre, {"class": classes}),
        src[pre.end : tokens[j].end],  # whitespace and the <code> tag, untouched
        _highlight(code, lexer),
        src[tokens[k].start : tokens[k].end],
    ]
    return "".join(parts), k + 1


def highlight_code_blocks(html: str) -> str:
    """Highlight every ``<pre><code class="language-X">`` block with Pygments.

    The ``language-X`` class stays on ``<code>``; ``<pre>`` gains ``class="highlight"``;
    tokens become ``<span class="k">``-style spans (Pygments' short class names). Blocks
    with no language, an unknown language, or markup inside ``<code>`` are left alone.
    """
    if not _PRE.search(html):
        return html
    tokens = tokenize(html)
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "start" and token.name == "pre":
            done = _highlight_block(html, tokens, index)
            if done is not None:
                out.append(done[0])
                index = done[1]
                continue
        out.append(html[token.start : token.end])
        index += 1
    return "".join(out)


_PROPERTIES = (
    # (style key, CSS property, value when set, reset value for the dark block)
    ("color", "color", "#{}", "inherit"),
    ("bgcolor", "background-color", "#{}", "transparent"),
    ("bold", "font-weight", "bold", "normal"),
    ("italic", "font-style", "italic", "normal"),
    ("underline", "text-decoration", "underline", "none"),
    ("border", "border", "1px solid #{}", "none"),
)


def _declarations(
    style: Mapping[str, object], reset_from: Mapping[str, object] | None
) -> list[str]:
    """CSS declarations for one token style; ``reset_from`` undoes the light style's."""
    declarations = []
    for key, prop, template, reset in _PROPERTIES:
        value = style.get(key)
        if value:
            declarations.append(f"{prop}: {template.format(value)}")
        elif reset_from is not None and reset_from.get(key):
            declarations.append(f"{prop}: {reset}")
    return declarations


def _rules(style_name: str, scope: str, reset_style: str | None) -> list[str]:
    style = get_style_by_name(style_name)
    reset = get_style_by_name(reset_style) if reset_style else None
    base = style.style_for_token(Token)
    base_reset = reset.style_for_token(Token) if reset else None
    block = [f"background: {style.background_color}"]
    block += [d for d in _declarations(base, base_reset) if d.startswith("color")]
    rules = [f"{scope} {{ {'; '.join(block)} }}"]
    for ttype, short in STANDARD_TYPES.items():
        if not short:
            continue
        declarations = _declarations(
            style.style_for_token(ttype), reset.style_for_token(ttype) if reset else None
        )
        if declarations:
            rules.append(f"{scope} .{short} {{ {'; '.join(declarations)} }}")
    return rules


def pygments_css(
    light_style: str = "default", dark_style: str = "monokai", scope: str = ".highlight"
) -> str:
    """CSS for highlighted blocks: ``light_style`` by default, ``dark_style`` in dark mode.

    The dark rules sit inside ``@media (prefers-color-scheme: dark)`` and also undo any
    light-only property (a bold keyword stays bold only if the dark style says so).
    ``scope`` must select the element :func:`highlight_code_blocks` marks, ``<pre
    class="highlight">``. Unknown style names raise ``pygments.util.ClassNotFound``.
    """
    light = _rules(light_style, scope, None)
    dark = _rules(dark_style, scope, light_style)
    lines = [*light, "@media (prefers-color-scheme: dark) {"]
    lines += [f"  {rule}" for rule in dark]
    lines.append("}")
    return "\n".join(lines) + "\n"
