"""What an event says about a visit, worked out once when it arrives.

From the page address: the path and the UTM tags. From the referrer: the referring host (none
for direct visits, links within this site and non-web referrers) and the source, which is the
page's ``utm_source``, else Ghost's ``?ref=``, else the referrer's name. From the User-Agent:
browser, OS and device class (see :mod:`inkwell.analytics.agents`). From the client address,
only when a GeoIP database is configured: the country. Every value fits its column.

The User-Agent and the address are read here and never kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import parse_qsl, unquote, urlsplit

from inkwell.analytics import agents
from inkwell.analytics.event_input import bare_host
from inkwell.analytics.geoip import GeoIP, GeoIPError
from inkwell.analytics.sources import source_name
from inkwell.analytics.types import Derived, IncomingEvent

__all__ = ["Derived", "GeoIP", "GeoIPError", "describe", "is_bot"]

# Column sizes in analytics.models.AnalyticsEvent.
PATH_SIZE, HOST_SIZE, TAG_SIZE, AGENT_SIZE, DEVICE_SIZE = 500, 255, 100, 50, 20
# Control characters never belong in a label (and PostgreSQL refuses NUL in text).
_CONTROLS = dict.fromkeys([*range(32), 127])


def is_bot(user_agent: str, purpose: str = "") -> bool:
    """Whether to ignore a request: a robot, a headless browser, no User-Agent, or a prefetch.

    ``purpose`` is the ``Sec-Purpose`` (or ``Purpose``, ``X-Moz``) header, empty when absent."""
    return agents.is_robot(user_agent, purpose)


def describe(
    event: IncomingEvent,
    *,
    user_agent: str,
    site_url: str,
    geoip: GeoIP | None = None,
    address: str = "",
) -> Derived:
    """Everything the dashboard breaks an event down by (see the module's docstring)."""
    page = urlsplit(event.url)
    query = _first_values(page.query)
    referrer = _referrer_host(event.referrer, _own_host(site_url), page.netloc)
    agent = agents.agent(user_agent.strip())
    return Derived(
        path=_path(page.path, page.fragment if event.hash_mode else ""),
        referrer=_fit(referrer, HOST_SIZE),
        source=_fit(_source(query, referrer), TAG_SIZE),
        utm_medium=_fit(query.get("utm_medium", ""), TAG_SIZE),
        utm_campaign=_fit(query.get("utm_campaign", ""), TAG_SIZE),
        utm_content=_fit(query.get("utm_content", ""), TAG_SIZE),
        utm_term=_fit(query.get("utm_term", ""), TAG_SIZE),
        browser=_fit(agent.browser, AGENT_SIZE),
        os=_fit(agent.os, AGENT_SIZE),
        device=_fit(agents.device_class(agent.device, event.screen_width), DEVICE_SIZE),
        country=geoip.country(address) if geoip is not None and address else "",
    )


def _fit(text: str, size: int) -> str:
    """``text`` without control characters, trimmed, cut to a column's size."""
    if not text.isprintable():  # rare: skip the copy for the usual text
        text = text.translate(_CONTROLS)
    return text.strip()[:size]


@lru_cache(maxsize=16)
def _own_host(site_url: str) -> str:
    return bare_host(urlsplit(site_url).hostname or "")


def _path(path: str, fragment: str) -> str:
    page = unquote(path, errors="replace") or "/"
    if fragment:
        page = f"{page}#{unquote(fragment, errors='replace')}"
    return _fit(page, PATH_SIZE) or "/"


_NO_QUERY: Mapping[str, str] = MappingProxyType({})


@lru_cache(maxsize=4096)
def _first_values(query: str) -> Mapping[str, str]:
    """The query's parameters, the first value of each (a repeated tag is a copy-paste slip).

    Cached (tagged links repeat), so read-only."""
    if not query:
        return _NO_QUERY
    values: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=False):
        values.setdefault(key, value)
    return MappingProxyType(values)


@lru_cache(maxsize=4096)
def _referrer_host(referrer: str, own_host: str, page_netloc: str) -> str:
    """The referring host, unless it is this site (by its address or the page's own host)."""
    if not referrer:
        return ""
    try:
        parts = urlsplit(referrer)
        host = bare_host(parts.hostname or "")
        page_host = bare_host(urlsplit(f"//{page_netloc}").hostname or "")
    except ValueError:  # a malformed referrer is no referrer
        return ""
    if parts.scheme.lower() not in ("http", "https") or host in (own_host, page_host):
        return ""
    return host


def _source(query: Mapping[str, str], referrer: str) -> str:
    tagged = query.get("utm_source") or query.get("ref")
    if tagged:
        # ``?ref=news.ycombinator.com`` reads as that referrer's name; other tags stay as written.
        host = bare_host(tagged)
        name = source_name(host)
        return name if name != host else tagged
    return source_name(referrer) if referrer else ""
