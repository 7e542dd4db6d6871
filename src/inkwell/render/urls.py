"""URL checks shared by cards, sanitising and post-processing.

Browsers strip leading/trailing C0 controls and spaces from URLs and ignore tabs and
newlines anywhere in them (``java&#x09;script:``), so every check looks at the URL the
way a browser would before deciding anything.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlsplit

_STRIP = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_TAB_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")

# Query parameters that already attribute a link; Ghost leaves such links alone too.
_ATTRIBUTION_PARAMS = frozenset({"ref", "utm_source", "source"})


def browser_url(url: str) -> str:
    """The URL as a browser reads it: trimmed, without tabs and newlines."""
    return _TAB_NEWLINE.sub("", url.strip(_STRIP))


def url_scheme(url: str) -> str | None:
    """Lower-cased scheme of ``url`` as a browser sees it, None for relative URLs."""
    match = _SCHEME.match(browser_url(url))
    return match.group(1).lower() if match else None


def url_host(url: str) -> str | None:
    """Lower-cased host name of an http(s) or scheme-relative URL, else None."""
    cleaned = browser_url(url)
    scheme = url_scheme(cleaned)
    if scheme not in (None, "http", "https"):
        return None
    if scheme is None and not cleaned.startswith("//"):
        return None
    if "\\" in cleaned:
        # browsers read "\" as "/" in http URLs, urllib does not: refuse to guess
        return None
    try:
        host = urlsplit(cleaned).hostname
    except ValueError:
        return None
    return host or None


def is_http_url(url: str) -> bool:
    """True for an absolute http:// or https:// URL with a host."""
    return url_scheme(url) in ("http", "https") and url_host(url) is not None


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs (no javascript:, data:, ...)."""
    scheme = url_scheme(url)
    return scheme is None or scheme in ("http", "https", "mailto")


def iframe_src_allowed(src: str, hosts: frozenset[str]) -> bool:
    """True when ``src`` is an http(s) or scheme-relative URL on an allowed host."""
    host = url_host(src)
    return host is not None and host in hosts


@lru_cache(maxsize=64)
def site_host(site_url: str) -> str:
    """The site's host name without a leading ``www.``, as used for ``?ref=``."""
    host = url_host(site_url) or ""
    return host.removeprefix("www.")


def add_ref(url: str, site_url: str) -> str | None:
    """Return ``url`` with ``ref={site host}`` added, or None when it must stay as is.

    Only outbound http(s) links are tagged (host differs from the site's, ignoring
    ``www.``), never twice, and never when ``utm_source`` or ``source`` already
    attribute the link. Other query parameters and the fragment are preserved.
    """
    cleaned = browser_url(url)
    if not is_http_url(cleaned):
        return None
    own = site_host(site_url)
    host = (url_host(cleaned) or "").removeprefix("www.")
    if not own or host == own:
        return None
    base, hash_mark, fragment = cleaned.partition("#")
    path, question, query = base.partition("?")
    names = {name for name, _ in parse_qsl(query, keep_blank_values=True)}
    if names & _ATTRIBUTION_PARAMS:
        return None
    ref = "ref=" + quote(own, safe="")
    if not question:
        base = f"{path}?{ref}"
    elif query == "" or query.endswith("&"):
        base = f"{base}{ref}"
    else:
        base = f"{base}&{ref}"
    return base + hash_mark + fragment
