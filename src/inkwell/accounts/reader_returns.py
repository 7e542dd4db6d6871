"""Where a reader goes after signing in: only this site, or a site allowed to embed comments.

``return_to`` arrives in a URL anyone can craft, so it is never followed as given: a path of
this site passes (``accounts.web.safe_next``'s rules), an absolute URL passes only when its
origin is this site's or one of the comment settings' allowed origins; anything else becomes
``/``. The same rule picks the origin a popup may ``postMessage`` its result to.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

from inkwell.accounts.web import safe_next

HANDOFF_FRAGMENT = "inkwell-reader"
MAX_URL = 2000


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-cased ("" when it has none)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origin(origin: str | None, *, site_url: str, allowed: Collection[str]) -> str:
    """``origin`` when it is this site's or an allowed one (normalised), else ""."""
    if not origin:
        return ""
    found = origin_of(origin)
    if not found or origin.strip().rstrip("/").lower() != found:
        return ""
    return found if found == origin_of(site_url) or found in allowed else ""


def safe_return(target: str | None, *, site_url: str, allowed: Collection[str]) -> str:
    """``target`` when it is safe to send the reader to, else ``/``."""
    if not target or len(target) > MAX_URL or any(ord(c) < 0x21 for c in target):
        return "/"
    if target.startswith("/"):
        return safe_next(target, "/")
    if allowed_origin(origin_of(target), site_url=site_url, allowed=allowed):
        return target.partition("#")[0]
    return "/"


def is_elsewhere(target: str, site_url: str) -> bool:
    """True when ``target`` (already safe) is on another site than this one."""
    return not target.startswith("/") and origin_of(target) != origin_of(site_url)


def with_handoff(target: str, token: str) -> str:
    """``target`` carrying the reader token in its fragment (never sent to any server)."""
    return f"{target.partition('#')[0]}#{HANDOFF_FRAGMENT}={token}"
