"""The iframe allow-list, applied to token streams by post-processing and sanitising."""

from __future__ import annotations

from inkwell.render.html_tokens import Token
from inkwell.render.urls import iframe_src_allowed


def iframe_allowed(token: Token, hosts: frozenset[str]) -> bool:
    """True for an iframe whose ``src`` is on an allowed host and that has no ``srcdoc``."""
    src = token.get("src")
    return src is not None and token.attr("srcdoc") is None and iframe_src_allowed(src, hosts)


def skip_iframe(tokens: list[Token], index: int) -> int:
    """Index of the first token after the iframe starting at ``tokens[index]``.

    The iframe's content and its end tag go with it. An iframe that is never closed
    swallows the rest of the document, in browsers and here alike.
    """
    index += 1
    if index < len(tokens) and tokens[index].raw_text:
        index += 1
    if index < len(tokens) and tokens[index].kind == "end" and tokens[index].name == "iframe":
        index += 1
    return index
