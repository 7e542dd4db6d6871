"""What a User-Agent header says: a robot or not, and the browser, OS and device class.

Robots are recognised by crawlerdetect (a maintained list of crawler signatures) and by a few
behaviours it does not list: no User-Agent at all, headless and audit browsers, and requests a
browser sends ahead of a visit (prefetch, prerender). Browsers, systems and devices come from
ua-parser, under the family names Plausible shows (``Chrome``, not ``Chrome Mobile``).

Parsing is slow the first time a string is seen and free afterwards: results are cached per
User-Agent string (readers share a few hundred of them). The string itself is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ua_parser
from crawlerdetect import CrawlerDetect  # type: ignore[import-untyped]

DESKTOP, MOBILE, TABLET = "desktop", "mobile", "tablet"
_CACHE_SIZE = 8192
MAX_USER_AGENT = 1000
"""Longer is no browser (theirs stay under 500 characters); it also bounds the caches."""

# Tools that render pages without a reader; crawlerdetect knows most, not all.
_HEADLESS = ("headless", "lighthouse", "phantomjs", "pagespeed", "ptst/", "electron/")
_BROWSER_FAMILIES = {
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Chrome Mobile WebView": "Chrome WebView",
    "Mobile Safari": "Safari",
    "Mobile Safari UI/WKWebView": "Safari",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Edge Mobile": "Edge",
    "Opera Mobile": "Opera",
    "Opera Mini": "Opera",
    "Other": "",
}
_OS_FAMILIES = {"Mac OS X": "macOS", "Chrome OS": "ChromeOS", "Other": ""}
_LINUXES = frozenset(
    {"Ubuntu", "Kubuntu", "Debian", "Fedora", "Linux Mint", "Arch Linux", "openSUSE", "Red Hat"}
    | {"CentOS", "Gentoo", "Slackware", "Mandriva", "Mageia"}
)
_DESKTOP_OS = frozenset({"Windows", "macOS", "Linux", "ChromeOS", "FreeBSD", "OpenBSD", "NetBSD"})
_MOBILE_OS = frozenset({"iOS", "Windows Phone", "BlackBerry OS", "KaiOS", "Symbian OS"})
_TABLET_DEVICES = frozenset({"iPad", "Kindle", "Generic Tablet"})
# Below these widths a page is on a phone, then on a tablet (Plausible's former breakpoints).
_MOBILE_BELOW, _TABLET_BELOW = 576, 992

_crawlers = CrawlerDetect()


@dataclass(frozen=True)
class Agent:
    """What one User-Agent string says; ``device`` empty when the string does not tell."""

    browser: str
    os: str
    device: str


def is_robot(user_agent: str, purpose: str = "") -> bool:
    """Whether a request comes from a robot or is not a visit yet.

    ``purpose`` is the request's ``Sec-Purpose``, ``Purpose`` or ``X-Moz`` header: browsers
    send ``prefetch`` (or ``prerender``) when fetching a page the reader has not opened."""
    purpose = purpose.lower()
    if "prefetch" in purpose or "prerender" in purpose:
        return True
    user_agent = user_agent.strip()
    if not user_agent or len(user_agent) > MAX_USER_AGENT:
        return True
    return _listed_robot(user_agent)


@lru_cache(maxsize=_CACHE_SIZE)
def _listed_robot(user_agent: str) -> bool:
    lowered = user_agent.lower()
    if any(token in lowered for token in _HEADLESS):
        return True
    return bool(_crawlers.is_crawler(user_agent))


def agent(user_agent: str) -> Agent:
    """The browser and OS family and the device class a User-Agent string names."""
    return _parsed_agent(user_agent[:MAX_USER_AGENT])


@lru_cache(maxsize=_CACHE_SIZE)
def _parsed_agent(user_agent: str) -> Agent:
    parsed = ua_parser.parse(user_agent)
    family = parsed.user_agent.family if parsed.user_agent else ""
    os = parsed.os.family if parsed.os else ""
    os = "Linux" if os in _LINUXES else _OS_FAMILIES.get(os, os)
    device = parsed.device.family if parsed.device else ""
    return Agent(_BROWSER_FAMILIES.get(family, family), os, _device(device, os, user_agent))


def _device(device: str, os: str, user_agent: str) -> str:
    if device in _TABLET_DEVICES:
        return TABLET
    if os == "Android":
        # Android phones say "Mobile"; Android tablets do not.
        return MOBILE if "Mobile" in user_agent else TABLET
    if os in _MOBILE_OS:
        return MOBILE
    if os in _DESKTOP_OS:
        return DESKTOP
    return ""


def device_class(agent_device: str, screen_width: int | None) -> str:
    """The device class: the User-Agent's when it tells, else guessed from the screen width."""
    if agent_device or not screen_width:  # 0: a window with no size tells nothing
        return agent_device
    if screen_width < _MOBILE_BELOW:
        return MOBILE
    return TABLET if screen_width < _TABLET_BELOW else DESKTOP
