"""Where a visit came from, by name: the referring hosts most blogs see, as Plausible names them.

Anything not listed (a Mastodon instance, a friend's blog) is shown as its host.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NAMES = {
    "bing.com": "Bing",
    "duckduckgo.com": "DuckDuckGo",
    "search.brave.com": "Brave",
    "ecosia.org": "Ecosia",
    "search.yahoo.com": "Yahoo!",
    "yandex.ru": "Yandex",
    "yandex.com": "Yandex",
    "baidu.com": "Baidu",
    "kagi.com": "Kagi",
    "news.ycombinator.com": "Hacker News",
    "lobste.rs": "Lobsters",
    "reddit.com": "Reddit",
    "t.co": "Twitter",
    "twitter.com": "Twitter",
    "x.com": "Twitter",
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "linkedin.com": "LinkedIn",
    "lnkd.in": "LinkedIn",
    "github.com": "GitHub",
    "youtube.com": "YouTube",
    "bsky.app": "Bluesky",
    "threads.net": "Threads",
    "medium.com": "Medium",
    "substack.com": "Substack",
    "news.google.com": "Google News",
    "chatgpt.com": "ChatGPT",
    "perplexity.ai": "Perplexity",
}
# google.com, google.de, google.co.uk, www.google.com.br ... (but not news.google.com, above)
_GOOGLE = re.compile(r"(?:[a-z0-9-]+\.)*google\.(?:com?\.)?[a-z]{2,3}")


@lru_cache(maxsize=4096)
def source_name(host: str) -> str:
    """A friendly name for a referring host (``Hacker News``), or the host itself.

    ``host`` is lower-case without ``www.``; a subdomain of a listed host has its name
    (``old.reddit.com`` is Reddit)."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = _NAMES.get(".".join(labels[start:]))
        if name:
            return name
    if _GOOGLE.fullmatch(host):
        return "Google"
    return host
