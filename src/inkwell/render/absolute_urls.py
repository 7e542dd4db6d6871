"""Relative URLs in HTML made absolute, rewriting only the tags that had one.

Feeds need absolute URLs (a reader has no page to resolve them against), and so does HTML
imported from another site's feed. Both go through here.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from inkwell.render.html_tokens import render_tokens, rewrite_tag, tokenize

__all__ = ["URL_ATTRIBUTES", "absolutize_urls"]

# Attributes that hold one URL; ``srcset`` holds a list of them.
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "background"})

_SRCSET_SEP = re.compile(r"[\s,]*")
_SRCSET_URL = re.compile(r"\S+")
_SRCSET_DESCRIPTOR = re.compile(r"[^,]*")


def _absolute(url: str, base_url: str, keep_fragments: bool) -> str:
    stripped = url.strip()
    if not stripped or (keep_fragments and stripped.startswith("#")):
        return url
    return urljoin(base_url, stripped)


def _absolute_srcset(value: str, base_url: str) -> str:
    # srcset is "url [descriptor], url [descriptor], ...". As in the HTML spec, a URL is a run
    # of non-space characters whose trailing commas end the candidate (so "data:a,b" survives).
    candidates: list[str] = []
    changed = False
    pos = 0
    while True:
        separator = _SRCSET_SEP.match(value, pos)
        assert separator is not None  # [\s,]* always matches
        pos = separator.end()
        url_match = _SRCSET_URL.match(value, pos)
        if url_match is None:
            break
        url, pos = url_match.group(), url_match.end()
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            descriptor_match = _SRCSET_DESCRIPTOR.match(value, pos)
            assert descriptor_match is not None  # [^,]* always matches
            descriptor, pos = descriptor_match.group().strip(), descriptor_match.end()
        absolute = _absolute(url, base_url, keep_fragments=False)
        changed = changed or absolute != url
        candidates.append(f"{absolute} {descriptor}" if descriptor else absolute)
    # Keep the author's formatting when nothing needed rewriting.
    return ", ".join(candidates) if changed else value


def absolutize_urls(html: str, base_url: str, *, keep_fragments: bool = False) -> str:
    """Make every relative URL in ``html`` absolute against ``base_url``.

    Rewrites ``href``, ``src``, ``srcset`` (each candidate), ``poster``, ``cite``, ``action``
    and ``background`` attributes; absolute URLs and other schemes (``mailto:``, ``data:``)
    are left alone. Only the rewritten attributes change; the rest of the HTML, the other
    attributes of a rewritten tag included, is kept byte for byte. With ``keep_fragments``,
    ``#fragment`` links stay as they are (HTML moving to a new page keeps its in-page links);
    otherwise they resolve like a browser would on the page at ``base_url``.
    """
    if "=" not in html:
        return html  # no attribute at all
    tokens = tokenize(html)
    replaced: dict[int, str] = {}
    for index, token in enumerate(tokens):
        if token.kind != "start":
            continue
        changes: dict[str, str] = {}
        seen: set[str] = set()
        for attribute in token.attrs:
            if attribute.name in seen:
                continue  # a later duplicate: browsers use the first
            seen.add(attribute.name)
            if attribute.name == "srcset":
                new = _absolute_srcset(attribute.value, base_url)
            elif attribute.name in URL_ATTRIBUTES:
                new = _absolute(attribute.value, base_url, keep_fragments)
            else:
                continue
            if new != attribute.value:
                changes[attribute.name] = new
        if changes:
            replaced[index] = rewrite_tag(html, token, changes)
    return render_tokens(html, tokens, replaced) if replaced else html
