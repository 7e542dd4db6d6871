"""Reading an Events API body: both spellings Plausible's clients send, and every refusal."""

from __future__ import annotations

import json
from typing import Any

import pytest

from inkwell.analytics.event_input import MAX_BODY, parse_event
from inkwell.analytics.types import EventError, IncomingEvent

HOST = "blog.example"
PAGE = "https://blog.example/posts/hello/?utm_source=news"


def body(**fields: Any) -> bytes:
    return json.dumps(fields).encode()


def parse(raw: bytes, *, custom_events: bool = False, max_bytes: int = MAX_BODY) -> IncomingEvent:
    return parse_event(raw, site_host=HOST, custom_events=custom_events, max_bytes=max_bytes)


def refusal(raw: bytes, *, custom_events: bool = False) -> EventError:
    with pytest.raises(EventError) as caught:
        parse(raw, custom_events=custom_events)
    return caught.value


def pageview(**extra: Any) -> bytes:
    return body(n="pageview", u=PAGE, d=HOST, **extra)


def test_tracker_short_keys_are_read() -> None:
    event = parse(
        body(n="pageview", u=PAGE, d=HOST, r="https://news.ycombinator.com/", w=1280, v=30)
    )
    assert event == IncomingEvent(
        name="pageview",
        url=PAGE,
        domain=HOST,
        referrer="https://news.ycombinator.com/",
        screen_width=1280,
    )


def test_events_api_long_keys_are_read() -> None:
    event = parse(
        body(
            name="Signup",
            url=PAGE,
            domain=HOST,
            referrer="https://example.org/",
            props={"plan": "free"},
            screen_width=390,
            interactive=False,
        ),
        custom_events=True,
    )
    assert event == IncomingEvent(
        name="Signup",
        url=PAGE,
        domain=HOST,
        referrer="https://example.org/",
        props={"plan": "free"},
        screen_width=390,
        interactive=False,
    )


def test_short_key_wins_over_long_key() -> None:
    event = parse(body(n="pageview", name="Other", u=PAGE, url="https://x.example/", d=HOST))
    assert (event.name, event.url) == ("pageview", PAGE)


def test_text_plain_body_from_the_tracker_is_just_bytes() -> None:
    # Plausible's tracker posts JSON.stringify(payload) as text/plain: the bytes are the same.
    raw = b'{"n":"pageview","u":"' + PAGE.encode() + b'","d":"blog.example","r":null}'
    assert parse(raw).referrer == ""


def test_revenue_is_ignored() -> None:
    event = parse(
        body(name="Purchase", url=PAGE, domain=HOST, revenue={"amount": 9, "currency": "EUR"}),
        custom_events=True,
    )
    assert event.props is None


def test_missing_domain_means_the_pages_host() -> None:
    assert parse(body(n="pageview", u=PAGE)).domain == HOST


def test_domain_in_a_comma_separated_list_is_accepted() -> None:
    assert parse(body(n="pageview", u=PAGE, d="other.example, blog.example")).domain == HOST


def test_domain_is_compared_without_www_and_case() -> None:
    assert parse(body(n="pageview", u=PAGE, d="WWW.Blog.Example")).domain == HOST


def test_hash_mode_is_kept() -> None:
    assert parse(pageview(h=1)).hash_mode is True


def test_numeric_name_is_text() -> None:
    assert parse(body(n=404, u=PAGE, d=HOST), custom_events=True).name == "404"


def test_outbound_click_passes_without_custom_events() -> None:
    event = parse(body(n="Outbound Link: Click", u=PAGE, d=HOST, p={"url": "https://x.org/"}))
    assert event.props == {"url": "https://x.org/"}


def test_custom_event_passes_when_enabled() -> None:
    assert parse(body(n="Download", u=PAGE, d=HOST), custom_events=True).name == "Download"


def test_engagement_event_carries_scroll_depth_and_time() -> None:
    event = parse(body(n="engagement", u=PAGE, d=HOST, sd=140, e=5300))
    assert (event.scroll_depth, event.engagement_ms) == (100, 5300)


def test_props_values_become_text() -> None:
    event = parse(pageview(p={"n": 3, "ratio": 1.5, "ok": True, "no": False, "s": "x"}))
    assert event.props == {"n": "3", "ratio": "1.5", "ok": "true", "no": "false", "s": "x"}


def test_null_and_blank_props_are_dropped() -> None:
    assert parse(pageview(p={"a": None, "b": "  ", "": "x", "c": "kept"})).props == {"c": "kept"}


def test_legacy_meta_json_string_is_read() -> None:
    assert parse(pageview(m=json.dumps({"author": "ada"}))).props == {"author": "ada"}


def test_thirty_props_are_accepted() -> None:
    props = {f"k{i}": "v" for i in range(30)}
    assert parse(pageview(p=props)).props == props


def test_paired_surrogate_escapes_are_one_character() -> None:
    raw = b'{"n": "pageview", "u": "https://blog.example/", "p": {"mood": "\\ud83d\\ude00"}}'
    assert parse(raw).props == {"mood": "\U0001f600"}


def test_name_in_another_script_is_accepted() -> None:
    event = parse(body(n="Téléchargement\u00a0PDF", u=PAGE, d=HOST), custom_events=True)
    assert event.name == "Téléchargement\u00a0PDF"


def test_integral_float_width_is_accepted() -> None:
    assert parse(pageview(w=412.0)).screen_width == 412


BAD_BODIES = [
    pytest.param(b"", "body", "is empty: send a JSON object", id="empty"),
    pytest.param(b"n=pageview", "body", "is not valid JSON", id="not-json"),
    pytest.param(b"\xff\xfe{", "body", "is not UTF-8 text", id="not-utf8"),
    pytest.param(
        b'{"n": "pageview", "u": "https://blog.example/\xed\xa0\x80"}',
        "body",
        "is not UTF-8 text",
        id="encoded-surrogate",
    ),
    pytest.param(
        b'{"n": "pageview", "u": "https://blog.example/\\ud800"}',
        "body",
        "holds an unpaired \\u surrogate escape",
        id="lone-surrogate-escape",
    ),
    pytest.param(b"[" * 5000, "body", "is not valid JSON", id="nested-too-deep"),
    pytest.param(b'{"n": NaN}', "body", "is not valid JSON", id="nan"),
    pytest.param(b'["pageview"]', "body", "must be a JSON object", id="array"),
    pytest.param(b'"pageview"', "body", "must be a JSON object", id="string"),
    pytest.param(body(u=PAGE, d=HOST), "name", "is required", id="no-name"),
    pytest.param(body(n=" ", u=PAGE, d=HOST), "name", "is required", id="blank-name"),
    pytest.param(body(n=True, u=PAGE, d=HOST), "name", "must be a string", id="bool-name"),
    pytest.param(
        body(n="x" * 121, u=PAGE, d=HOST), "name", "must be at most 120 characters", id="long"
    ),
    pytest.param(
        body(n="Sign\x00up", u=PAGE, d=HOST),
        "name",
        "must not contain control characters",
        id="name-nul",
    ),
    pytest.param(body(n="pageview", d=HOST), "url", "is required", id="no-url"),
    pytest.param(body(n="pageview", u=3, d=HOST), "url", "must be a string", id="url-number"),
    pytest.param(
        body(n="pageview", u="javascript:alert(1)", d=HOST),
        "url",
        "must be an absolute http(s) address",
        id="url-javascript",
    ),
    pytest.param(
        body(n="pageview", u="/posts/hello/", d=HOST),
        "url",
        "must be an absolute http(s) address",
        id="url-relative",
    ),
    pytest.param(
        body(n="pageview", u="https://[::1/x", d=HOST),
        "url",
        "is not a valid address",
        id="url-malformed",
    ),
    pytest.param(
        body(n="pageview", u="https://blog.example/" + "a" * 2000, d=HOST),
        "url",
        "must be at most 2000 characters",
        id="url-long",
    ),
    pytest.param(
        body(n="pageview", u=PAGE, d="other.example"),
        "domain",
        "must be this site's domain, 'blog.example'",
        id="other-domain",
    ),
    pytest.param(body(n="pageview", u=PAGE, d=" "), "domain", "is required", id="blank-domain"),
    pytest.param(body(n="pageview", u=PAGE, d=["x"]), "domain", "must be a string", id="list"),
    pytest.param(pageview(r=5), "referrer", "must be a string", id="referrer-number"),
    pytest.param(pageview(p=["a"]), "props", "must be an object", id="props-list"),
    pytest.param(pageview(p="not json"), "props", "must be an object", id="props-bad-string"),
    pytest.param(
        pageview(p={"a": {"b": 1}}),
        "props",
        "'a' must be text, a number or a boolean, not nested",
        id="props-nested",
    ),
    pytest.param(
        pageview(p={"a": [1]}),
        "props",
        "'a' must be text, a number or a boolean, not nested",
        id="props-list-value",
    ),
    pytest.param(
        pageview(p={f"k{i}": "v" for i in range(31)}),
        "props",
        "must have at most 30 keys",
        id="props-too-many",
    ),
    pytest.param(
        pageview(p={"k" * 301: "v"}),
        "props",
        "keys must be at most 300 characters",
        id="props-long-key",
    ),
    pytest.param(
        pageview(p={"k": "v" * 2001}),
        "props",
        "'k' must be at most 2000 characters",
        id="props-long-value",
    ),
    pytest.param(
        pageview(p={"k": "a\x00b"}),
        "props",
        "'k' must not contain NUL characters",
        id="props-nul",
    ),
    pytest.param(
        pageview(w=-1), "screen_width", "must be a whole number from 0 to 100000", id="w-negative"
    ),
    pytest.param(
        pageview(w=100_001), "screen_width", "must be a whole number from 0 to 100000", id="w-big"
    ),
    pytest.param(
        pageview(w="1280"), "screen_width", "must be a whole number from 0 to 100000", id="w-text"
    ),
    pytest.param(
        pageview(w=12.5), "screen_width", "must be a whole number from 0 to 100000", id="w-frac"
    ),
    pytest.param(
        pageview(w=True), "screen_width", "must be a whole number from 0 to 100000", id="w-bool"
    ),
    pytest.param(pageview(i="yes"), "interactive", "must be true or false", id="interactive"),
    pytest.param(
        body(n="engagement", u=PAGE, d=HOST),
        "e",
        "an engagement event needs 'sd' (scroll depth) or 'e' (time)",
        id="engagement-empty",
    ),
    pytest.param(
        body(n="engagement", u=PAGE, d=HOST, e=-5),
        "e",
        "must be a whole number from 0 to 2592000000",
        id="engagement-negative",
    ),
]


@pytest.mark.parametrize(("raw", "field", "message"), BAD_BODIES)
def test_bad_event_is_refused_with_a_precise_message(raw: bytes, field: str, message: str) -> None:
    error = refusal(raw, custom_events=True)
    assert (error.field, error.message) == (field, message)


def test_custom_event_is_refused_when_not_enabled() -> None:
    error = refusal(body(n="Download", u=PAGE, d=HOST))
    assert (error.field, error.message) == (
        "name",
        "custom events are not enabled on this site (got 'Download')",
    )


def test_body_over_the_limit_is_refused_before_reading() -> None:
    raw = pageview(p={"k": "v" * 900})
    with pytest.raises(EventError) as caught:
        parse(raw, max_bytes=512)
    assert (caught.value.field, caught.value.message) == ("body", "is larger than 512 bytes")


def test_error_reads_as_field_and_message() -> None:
    assert str(refusal(body(u=PAGE, d=HOST))) == "name: is required"
