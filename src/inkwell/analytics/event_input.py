"""An Events API body, read and checked: what ``POST /api/event`` accepts.

Two spellings arrive. Scripts written against Plausible's Events API send ``name``, ``url``,
``domain``, ``referrer``, ``props`` (``revenue`` is ignored here); Plausible's trackers, and
Inkwell's own beacon, send the short keys ``n``, ``u``, ``d``, ``r``, ``p``, ``w`` (screen
width), ``i`` (interactive), ``h`` (hash routing) and, for ``engagement`` events, ``sd``
(scroll depth) and ``e`` (milliseconds on the page). The trackers post JSON as ``text/plain``
(a "simple" request needs no CORS preflight), so only the bytes matter, never the content type.

Every refusal is an :class:`EventError` naming the field and saying what is wrong, answered
with a 400 by the endpoint. Nothing here touches the database.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from inkwell.analytics.models import PAGEVIEW
from inkwell.analytics.types import EventError, IncomingEvent

MAX_BODY = 8192
MAX_NAME = 120
MAX_URL = 2000
MAX_REFERRER = 2000
MAX_PROPS = 30
MAX_PROP_KEY = 300
MAX_PROP_VALUE = 2000
MAX_SCREEN_WIDTH = 100_000
MAX_ENGAGEMENT_MS = 30 * 24 * 3600 * 1000  # a month: more is an old tracker's bug, not a reading

OUTBOUND = "Outbound Link: Click"
"""Let through whatever ``custom_events`` says: the endpoint checks ``outbound_links``."""
ENGAGEMENT = "engagement"
"""Plausible's tracker sends one when a reader leaves a page; it is not a custom event."""
_BUILT_IN = frozenset({PAGEVIEW, OUTBOUND, ENGAGEMENT})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Body = Mapping[str, Any]


def parse_event(
    body: bytes, *, site_host: str, custom_events: bool, max_bytes: int = MAX_BODY
) -> IncomingEvent:
    """Read one event from a request body, or raise :class:`EventError` saying why not.

    ``site_host`` is this site's host name (no port); the event's ``domain`` (or one of a
    comma-separated list, as Plausible allows) must be it. Names other than ``pageview``,
    ``Outbound Link: Click`` and ``engagement`` need ``custom_events``."""
    data = _json_object(body, max_bytes)
    name = _name(data, custom_events)
    url = _url(data)
    props = _props(_pick(data, "p", "props", "m", "meta"))
    depth, engaged = _engagement(data) if name == ENGAGEMENT else (None, None)
    return IncomingEvent(
        name=name,
        url=url,
        domain=_domain(_pick(data, "d", "domain"), url, site_host),
        referrer=_referrer(_pick(data, "r", "referrer")),
        props=props or None,
        screen_width=_whole(_pick(data, "w", "screen_width"), "screen_width", MAX_SCREEN_WIDTH),
        interactive=_interactive(_pick(data, "i", "interactive")),
        hash_mode=_pick(data, "h", "hashMode") in (1, True),
        scroll_depth=depth,
        engagement_ms=engaged,
    )


def _pick(data: Body, short: str, *long: str) -> Any:
    """The first of the spellings present (not null), as Plausible reads them: short first."""
    for key in (short, *long):
        value = data.get(key)
        if value is not None:
            return value
    return None


def _refuse_constant(constant: str) -> float:
    raise ValueError(f"{constant} is not JSON")


def _json_object(body: bytes, max_bytes: int) -> dict[str, Any]:
    if len(body) > max_bytes:
        raise EventError("body", f"is larger than {max_bytes} bytes")
    if not body.strip():
        raise EventError("body", "is empty: send a JSON object")
    try:
        text = body.decode("utf-8")  # strict: json.loads alone would let surrogates through
        data = json.loads(text, parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise EventError("body", "is not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise EventError("body", "is not valid JSON") from None
    if not isinstance(data, dict):
        raise EventError("body", "must be a JSON object")
    if "\\u" in text and not _encodable(data):
        # A lone \ud800 escape decodes to a string no database driver can write.
        raise EventError("body", "holds an unpaired \\u surrogate escape")
    return data


def _encodable(data: dict[str, Any]) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _name(data: Body, custom_events: bool) -> str:
    value = _pick(data, "n", "name")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # Plausible accepts numbers (a 404 page sends its status)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise EventError("name", "is required")
    if not isinstance(value, str):
        raise EventError("name", "must be a string")
    if len(value) > MAX_NAME:
        raise EventError("name", f"must be at most {MAX_NAME} characters")
    if _CONTROL.search(value):
        raise EventError("name", "must not contain control characters")
    if value not in _BUILT_IN and not custom_events:
        raise EventError("name", f"custom events are not enabled on this site (got {value!r})")
    return value


def _url(data: Body) -> str:
    value = _pick(data, "u", "url")
    if value is None or value == "":
        raise EventError("url", "is required")
    if not isinstance(value, str):
        raise EventError("url", "must be a string")
    if len(value) > MAX_URL:
        raise EventError("url", f"must be at most {MAX_URL} characters")
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 literal
        raise EventError("url", "is not a valid address") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise EventError("url", "must be an absolute http(s) address")
    return value.strip()


def bare_host(host: str) -> str:
    """A host name as events compare them: trimmed, lower-case, without ``www.``."""
    host = host.strip().lower().rstrip(".")
    return host.removeprefix("www.")


def _domain(value: Any, url: str, site_host: str) -> str:
    own = bare_host(site_host)
    if value is None:
        # As in Plausible: no domain given means the page's own host.
        value = urlsplit(url).hostname or ""
    if not isinstance(value, str):
        raise EventError("domain", "must be a string")
    if not value.strip():
        raise EventError("domain", "is required")
    if own not in {bare_host(item) for item in value.split(",")}:
        raise EventError("domain", f"must be this site's domain, {own!r}")
    return own


def _referrer(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EventError("referrer", "must be a string")
    return value.strip()[:MAX_REFERRER]  # cut, as Plausible does: a long referrer is no fault


def _props(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        # The legacy tracker sends ``m`` as a JSON string.
        try:
            value = json.loads(value, parse_constant=_refuse_constant)
        except (ValueError, RecursionError):
            raise EventError("props", "must be an object") from None
    if not isinstance(value, dict):
        raise EventError("props", "must be an object")
    props = {key: text for key, raw in value.items() if (text := _prop_value(key, raw))}
    if len(props) > MAX_PROPS:
        raise EventError("props", f"must have at most {MAX_PROPS} keys")
    return props


def _prop_value(key: str, raw: Any) -> str:
    """One property as text; empty (then dropped, as Plausible does) for null or blank."""
    if isinstance(raw, (dict, list)):
        raise EventError("props", f"{key[:40]!r} must be text, a number or a boolean, not nested")
    if not key.strip() or raw is None:
        return ""
    if len(key) > MAX_PROP_KEY:
        raise EventError("props", f"keys must be at most {MAX_PROP_KEY} characters")
    text = ("true" if raw else "false") if isinstance(raw, bool) else str(raw)
    if "\x00" in key or "\x00" in text:  # PostgreSQL refuses NUL in text
        raise EventError("props", f"{key[:40]!r} must not contain NUL characters")
    if len(text) > MAX_PROP_VALUE:
        raise EventError("props", f"{key[:40]!r} must be at most {MAX_PROP_VALUE} characters")
    return text if text.strip() else ""


def _whole(value: Any, field: str, largest: int) -> int | None:
    """A whole number from 0 to ``largest`` (``12.0`` too), or None when absent."""
    if value is None:
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= largest:
        raise EventError(field, f"must be a whole number from 0 to {largest}")
    return value


def _interactive(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, bool):
        raise EventError("interactive", "must be true or false")
    return value


def _engagement(data: Body) -> tuple[int | None, int | None]:
    """An engagement event's scroll depth (capped at 100, as Plausible does: the tracker may
    overshoot) and time on the page; it must carry one of them."""
    depth = _whole(data.get("sd"), "sd", 10**9)
    engaged = _whole(data.get("e"), "e", MAX_ENGAGEMENT_MS)
    if depth is None and engaged is None:
        raise EventError("e", "an engagement event needs 'sd' (scroll depth) or 'e' (time)")
    return (None if depth is None else min(depth, 100)), engaged
