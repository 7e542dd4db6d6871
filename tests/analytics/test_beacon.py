"""The beacon: small, storage-free, valid JavaScript, and sending what the endpoint reads.

Its behaviour is checked by running the minified script under Node in a stand-in browser
(``beacon_harness.js``: only the objects the script touches); the real browser run is the
end-to-end test's. Without Node these tests skip, unless ``INKWELL_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from inkwell.analytics import beacon as beacon_module
from inkwell.analytics.beacon import beacon, fingerprint, script_bytes, versioned_url
from inkwell.analytics.event_input import parse_event
from tests.conftest import services_required

HARNESS = Path(__file__).resolve().parent / "beacon_harness.js"
MAX_MINIFIED = 1500
HOME = "http://127.0.0.1:8000/posts/hello/"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        reason = "Node is not installed: the beacon's JavaScript cannot be run"
        if services_required():
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def minified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("beacon") / "stats.min.js"
    path.write_bytes(beacon().body)
    return path


def run(minified: Path, tmp_path: Path, **scenario: Any) -> list[dict[str, Any]]:
    """Every request the beacon made in a scenario (see beacon_harness.js)."""
    scenario.setdefault("href", HOME)
    file = tmp_path / "scenario.json"
    file.write_text(json.dumps(scenario))
    done = subprocess.run(
        [node(), str(HARNESS), str(minified), str(file)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    sent: list[dict[str, Any]] = json.loads(done.stdout)
    return sent


def names(sent: list[dict[str, Any]]) -> list[str]:
    return [request["body"]["n"] for request in sent]


def test_minified_beacon_is_under_1500_bytes() -> None:
    assert len(beacon().body) < MAX_MINIFIED


def test_beacon_is_minified_from_its_source() -> None:
    assert b"/* Inkwell stats" not in beacon().body
    assert len(beacon().body) < len(beacon_module.SOURCE.read_bytes()) * 0.6


@pytest.mark.parametrize("word", ["cookie", "localstorage", "sessionstorage", "indexeddb"])
def test_beacon_touches_no_storage(word: str) -> None:
    assert word not in beacon().body.decode().lower()


def test_beacon_names_no_other_host() -> None:
    assert re.findall(r"https?://[\w.-]+", beacon().body.decode()) == []


def test_versioned_url_carries_the_hash() -> None:
    assert versioned_url("/js/stats.js") == f"/js/stats.js?v={beacon().version}"


def test_beacon_is_computed_once() -> None:
    assert beacon() is beacon()


def test_served_bytes_and_fingerprint_are_the_beacons() -> None:
    assert (script_bytes(), fingerprint()) == (beacon().body, beacon().version)


def test_minified_beacon_is_valid_javascript(minified: Path) -> None:
    done = subprocess.run(
        [node(), "--check", str(minified)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_page_view_is_sent_on_load(minified: Path, tmp_path: Path) -> None:
    sent = run(
        minified,
        tmp_path,
        attributes={"data-domain": "127.0.0.1"},
        referrer="https://news.ycombinator.com/",
        width=390,
    )
    assert sent == [
        {
            "via": "beacon",
            "url": "/api/event",
            "type": "string",
            "body": {
                "n": "pageview",
                "u": HOME,
                "d": "127.0.0.1",
                "r": "https://news.ycombinator.com/",
                "w": 390,
            },
        }
    ]


def test_sent_body_is_read_by_the_endpoint(minified: Path, tmp_path: Path) -> None:
    # On 127.0.0.1 too: the beacon does not skip local hosts (the tests serve there).
    [request] = run(minified, tmp_path)
    event = parse_event(
        json.dumps(request["body"]).encode(), site_host="127.0.0.1", custom_events=False
    )
    assert (event.name, event.url, event.domain, event.screen_width) == (
        "pageview",
        HOME,
        "127.0.0.1",
        1280,
    )


def test_endpoint_comes_from_the_tag(minified: Path, tmp_path: Path) -> None:
    [request] = run(minified, tmp_path, attributes={"data-api": "/a/e"})
    assert request["url"] == "/a/e"


def test_fetch_with_keepalive_when_there_is_no_send_beacon(minified: Path, tmp_path: Path) -> None:
    [request] = run(minified, tmp_path, sendBeacon=False)
    assert (request["via"], request["method"], request["keepalive"]) == ("fetch", "POST", True)


def test_push_state_to_a_new_page_is_a_view(minified: Path, tmp_path: Path) -> None:
    sent = run(minified, tmp_path, steps=[["pushState", "/about/"], ["popstate", "/posts/hello/"]])
    assert [request["body"]["u"] for request in sent] == [
        HOME,
        "http://127.0.0.1:8000/about/",
        HOME,
    ]


def test_push_state_on_the_same_page_is_not_a_view(minified: Path, tmp_path: Path) -> None:
    sent = run(minified, tmp_path, steps=[["pushState", "?tab=2"], ["pushState", "#top"]])
    assert names(sent) == ["pageview"]


def test_page_from_the_back_forward_cache_is_a_view(minified: Path, tmp_path: Path) -> None:
    sent = run(minified, tmp_path, steps=[["pageshow", False], ["pageshow", True]])
    assert names(sent) == ["pageview", "pageview"]


def test_prerendered_page_counts_once_opened(minified: Path, tmp_path: Path) -> None:
    before = run(minified, tmp_path, prerendering=True)
    after = run(minified, tmp_path, prerendering=True, steps=[["prerenderingchange"]])
    assert (names(before), names(after)) == ([], ["pageview"])


OUTBOUND_CLICK = ["click", {"attributes": {}}, {"href": "https://example.org/x", "attributes": {}}]


def test_outbound_click_is_sent_when_enabled(minified: Path, tmp_path: Path) -> None:
    sent = run(minified, tmp_path, attributes={"data-outbound": "1"}, steps=[OUTBOUND_CLICK])
    assert sent[1]["body"]["n"] == "Outbound Link: Click"
    assert sent[1]["body"]["p"] == {"url": "https://example.org/x"}


def test_outbound_click_is_not_sent_by_default(minified: Path, tmp_path: Path) -> None:
    assert names(run(minified, tmp_path, steps=[OUTBOUND_CLICK])) == ["pageview"]


def test_click_on_an_own_link_is_not_outbound(minified: Path, tmp_path: Path) -> None:
    own = ["click", {"href": "/about/", "attributes": {}}]
    sent = run(minified, tmp_path, attributes={"data-outbound": "1"}, steps=[own])
    assert names(sent) == ["pageview"]


def test_middle_click_counts_and_right_click_does_not(minified: Path, tmp_path: Path) -> None:
    link = {"href": "https://example.org/", "attributes": {}}
    steps = [["auxclick", link, None, 1], ["auxclick", link, None, 2]]
    sent = run(minified, tmp_path, attributes={"data-outbound": "1"}, steps=steps)
    assert names(sent) == ["pageview", "Outbound Link: Click"]


TAGGED_CLICK = [
    "click",
    {"attributes": {}},
    {"attributes": {"data-stats-event": "Download", "data-stats-prop-format": "pdf"}},
]


def test_tagged_element_sends_its_event_when_enabled(minified: Path, tmp_path: Path) -> None:
    sent = run(minified, tmp_path, attributes={"data-events": "1"}, steps=[TAGGED_CLICK])
    assert sent[1]["body"]["n"] == "Download"
    assert sent[1]["body"]["p"] == {"format": "pdf"}


def test_tagged_element_sends_nothing_by_default(minified: Path, tmp_path: Path) -> None:
    assert names(run(minified, tmp_path, steps=[TAGGED_CLICK])) == ["pageview"]


def test_script_api_sends_a_named_event_with_props(minified: Path, tmp_path: Path) -> None:
    sent = run(minified, tmp_path, steps=[["call", "Signup", {"props": {"plan": "free"}}]])
    assert (sent[1]["body"]["n"], sent[1]["body"]["p"]) == ("Signup", {"plan": "free"})
