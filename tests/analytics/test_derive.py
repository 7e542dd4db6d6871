"""What an event says: page, referrer, source and UTM tags, browser, OS, device, robots."""

from __future__ import annotations

import pytest

from inkwell.analytics.derive import describe, is_bot
from inkwell.analytics.types import Derived, IncomingEvent

SITE = "https://blog.example:8443/"
HOST = "blog.example"
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.6 Mobile/15E148 Safari/604.1"
)
PIXEL = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
GALAXY_TAB = (
    "Mozilla/5.0 (Linux; Android 13; SM-X706B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Safari/537.36"
)
MAC_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15"
)
UBUNTU_FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
HEADLESS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/124.0.0.0 Safari/537.36"
)
LIGHTHOUSE = (
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse"
)


def derive(
    url: str = "https://blog.example/posts/hello/",
    *,
    referrer: str = "",
    user_agent: str = CHROME_WINDOWS,
    screen_width: int | None = None,
    hash_mode: bool = False,
) -> Derived:
    event = IncomingEvent(
        name="pageview",
        url=url,
        domain=HOST,
        referrer=referrer,
        screen_width=screen_width,
        hash_mode=hash_mode,
    )
    return describe(event, user_agent=user_agent, site_url=SITE)


def test_a_direct_visit_is_described() -> None:
    assert derive() == Derived(
        path="/posts/hello/", browser="Chrome", os="Windows", device="desktop"
    )


def test_path_drops_query_and_fragment() -> None:
    assert derive("https://blog.example/a/b?utm_source=x&page=2#comments").path == "/a/b"


def test_path_is_percent_decoded() -> None:
    assert derive("https://blog.example/caf%C3%A9/na%C3%AFve%20post").path == "/café/naïve post"


def test_path_with_broken_escapes_is_kept_readable() -> None:
    assert derive("https://blog.example/%E2%28%A1").path == "/\ufffd(\ufffd"


def test_path_drops_control_characters() -> None:
    assert derive("https://blog.example/a%00b%0Ac").path == "/abc"


def test_empty_path_is_root() -> None:
    assert derive("https://blog.example").path == "/"


def test_path_is_cut_to_its_column() -> None:
    assert len(derive("https://blog.example/" + "a" * 900).path) == 500


def test_hash_mode_keeps_the_fragment() -> None:
    assert derive("https://blog.example/app#/settings", hash_mode=True).path == "/app#/settings"


def test_referrer_is_the_bare_lower_case_host() -> None:
    derived = derive(referrer="https://WWW.Example.ORG:8080/some/page?q=1")
    assert (derived.referrer, derived.source) == ("example.org", "example.org")


def test_own_site_referrer_is_not_a_referrer() -> None:
    derived = derive(referrer="https://www.blog.example/other-post/")
    assert (derived.referrer, derived.source) == ("", "")


def test_referrer_from_the_pages_own_host_is_not_a_referrer() -> None:
    # The page was reached under another name of this site (an alias): still internal.
    derived = derive("https://alias.example/posts/", referrer="https://alias.example/")
    assert derived.referrer == ""


@pytest.mark.parametrize(
    "referrer",
    ["android-app://com.google.android.gm/", "file:///home/me/page.html", "about:blank", "x"],
)
def test_non_web_referrer_is_no_referrer(referrer: str) -> None:
    assert derive(referrer=referrer).referrer == ""


def test_malformed_referrer_is_no_referrer() -> None:
    assert derive(referrer="https://[::1/").referrer == ""


@pytest.mark.parametrize(
    ("referrer", "source"),
    [
        ("https://www.google.com/", "Google"),
        ("https://www.google.co.uk/", "Google"),
        ("https://www.bing.com/search?q=inkwell", "Bing"),
        ("https://duckduckgo.com/", "DuckDuckGo"),
        ("https://news.ycombinator.com/item?id=1", "Hacker News"),
        ("https://old.reddit.com/r/python/", "Reddit"),
        ("https://t.co/abc", "Twitter"),
        ("https://x.com/someone", "Twitter"),
        ("https://l.facebook.com/l.php", "Facebook"),
        ("https://www.linkedin.com/feed/", "LinkedIn"),
        ("https://github.com/owner/repo", "GitHub"),
        ("https://mastodon.social/@someone", "mastodon.social"),
        ("https://friend.example.net/blogroll", "friend.example.net"),
    ],
)
def test_well_known_referrers_have_names(referrer: str, source: str) -> None:
    assert derive(referrer=referrer).source == source


def test_utm_tags_are_read_from_the_page_address() -> None:
    derived = derive(
        "https://blog.example/p/?utm_source=newsletter&utm_medium=email&utm_campaign=may"
        "&utm_content=top+link&utm_term=python%20blog"
    )
    assert (
        derived.source,
        derived.utm_medium,
        derived.utm_campaign,
        derived.utm_content,
        derived.utm_term,
    ) == ("newsletter", "email", "may", "top link", "python blog")


def test_utm_source_comes_before_ref() -> None:
    derived = derive("https://blog.example/p/?ref=ghost&utm_source=newsletter")
    assert derived.source == "newsletter"


def test_ref_comes_before_the_referrer() -> None:
    derived = derive("https://blog.example/p/?ref=weekly-digest", referrer="https://t.co/x")
    assert (derived.source, derived.referrer) == ("weekly-digest", "t.co")


def test_ref_naming_a_known_host_reads_as_its_name() -> None:
    assert derive("https://blog.example/p/?ref=news.ycombinator.com").source == "Hacker News"


def test_ref_with_dots_that_is_no_known_host_stays_as_written() -> None:
    assert derive("https://blog.example/p/?ref=Digest.v2").source == "Digest.v2"


def test_empty_utm_source_falls_back_to_the_referrer() -> None:
    assert derive("https://blog.example/p/?utm_source=", referrer="https://t.co/").source == (
        "Twitter"
    )


def test_first_of_repeated_tags_counts() -> None:
    assert derive("https://blog.example/?utm_campaign=a&utm_campaign=b").utm_campaign == "a"


def test_tags_are_cut_to_their_columns() -> None:
    derived = derive("https://blog.example/?utm_source=" + "s" * 300 + "&utm_term=" + "t" * 300)
    assert (len(derived.source), len(derived.utm_term)) == (100, 100)


def test_referrer_host_is_cut_to_its_column() -> None:
    host = ".".join(["a" * 60] * 5) + ".example"
    assert len(derive(referrer=f"https://{host}/").referrer) == 255


@pytest.mark.parametrize(
    ("user_agent", "browser", "os", "device"),
    [
        (CHROME_WINDOWS, "Chrome", "Windows", "desktop"),
        (MAC_SAFARI, "Safari", "macOS", "desktop"),
        (UBUNTU_FIREFOX, "Firefox", "Linux", "desktop"),
        (IPHONE, "Safari", "iOS", "mobile"),
        (PIXEL, "Chrome", "Android", "mobile"),
        (IPAD, "Safari", "iOS", "tablet"),
        (GALAXY_TAB, "Chrome", "Android", "tablet"),
    ],
)
def test_browser_os_and_device_come_from_the_user_agent(
    user_agent: str, browser: str, os: str, device: str
) -> None:
    derived = derive(user_agent=user_agent)
    assert (derived.browser, derived.os, derived.device) == (browser, os, device)


def test_user_agent_device_wins_over_screen_width() -> None:
    assert derive(user_agent=CHROME_WINDOWS, screen_width=400).device == "desktop"


@pytest.mark.parametrize(("width", "device"), [(390, "mobile"), (820, "tablet"), (1440, "desktop")])
def test_screen_width_tells_the_device_when_the_user_agent_does_not(
    width: int, device: str
) -> None:
    assert derive(user_agent="SomeReader/1.0", screen_width=width).device == device


def test_unknown_agent_without_width_has_no_device() -> None:
    derived = derive(user_agent="SomeReader/1.0")
    assert (derived.browser, derived.os, derived.device) == ("", "", "")


def test_country_is_empty_without_a_geoip_database() -> None:
    event = IncomingEvent(name="pageview", url="https://blog.example/", domain=HOST)
    derived = describe(event, user_agent=IPHONE, site_url=SITE, address="81.2.69.160")
    assert derived.country == ""


@pytest.mark.parametrize(
    "user_agent",
    [GOOGLEBOT, HEADLESS, LIGHTHOUSE, "curl/8.5.0", "python-requests/2.32.0", "", "   "],
    ids=["googlebot", "headless-chrome", "lighthouse", "curl", "python-requests", "empty", "blank"],
)
def test_robots_are_bots(user_agent: str) -> None:
    assert is_bot(user_agent) is True


def test_overlong_user_agent_is_a_bot() -> None:
    assert is_bot(CHROME_WINDOWS + " x" * 600) is True


def test_overlong_user_agent_is_still_described() -> None:
    assert derive(user_agent=CHROME_WINDOWS + " x" * 600).browser == "Chrome"


@pytest.mark.parametrize("user_agent", [CHROME_WINDOWS, IPHONE, PIXEL, IPAD, MAC_SAFARI])
def test_browsers_are_not_bots(user_agent: str) -> None:
    assert is_bot(user_agent) is False


@pytest.mark.parametrize("purpose", ["prefetch", "prefetch;prerender", "Prefetch", "prerender"])
def test_prefetch_requests_are_not_visits(purpose: str) -> None:
    assert is_bot(CHROME_WINDOWS, purpose) is True


def test_other_purpose_is_a_visit() -> None:
    assert is_bot(CHROME_WINDOWS, "") is False
