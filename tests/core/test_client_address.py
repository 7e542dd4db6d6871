"""The client's address: the peer's, or the last untrusted X-Forwarded-For hop behind a proxy."""

from __future__ import annotations

from typing import Any

import pytest

from inkwell.core.client_address import TrustedProxies, client_address, malformed


def scope(peer: str | None, *forwarded: str) -> dict[str, Any]:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return {"type": "http", "client": (peer, 1234) if peer else None, "headers": headers}


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert client_address(scope("203.0.113.9", "198.51.100.1"), TrustedProxies()) == "203.0.113.9"


def test_an_untrusted_peer_cannot_claim_another_address() -> None:
    trusted = TrustedProxies.parse("10.0.0.1")
    assert client_address(scope("203.0.113.9", "198.51.100.1"), trusted) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_is_the_last_hop() -> None:
    trusted = TrustedProxies.parse("127.0.0.1")
    assert client_address(scope("127.0.0.1", "198.51.100.7"), trusted) == "198.51.100.7"


def test_hops_a_client_wrote_itself_are_not_believed() -> None:
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    trusted = TrustedProxies.parse("127.0.0.1")
    given = scope("127.0.0.1", "1.2.3.4, 198.51.100.7")
    assert client_address(given, trusted) == "198.51.100.7"


def test_trusted_hops_are_walked_from_the_right_across_ranges() -> None:
    trusted = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8")
    given = scope("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.1.2.3", "10.9.9.9")
    assert client_address(given, trusted) == "198.51.100.7"


def test_when_every_hop_is_trusted_the_farthest_is_the_client() -> None:
    trusted = TrustedProxies.parse("10.0.0.0/8")
    assert client_address(scope("10.0.0.1", "10.0.0.5, 10.0.0.6"), trusted) == "10.0.0.5"


def test_a_garbage_hop_stops_the_walk_at_the_proxy_that_wrote_it() -> None:
    trusted = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8")
    given = scope("127.0.0.1", "1.2.3.4, not-an-ip, 10.0.0.9")
    assert client_address(given, trusted) == "10.0.0.9"


def test_a_trusted_proxy_without_the_header_is_the_client() -> None:
    assert client_address(scope("127.0.0.1"), TrustedProxies.parse("127.0.0.1")) == "127.0.0.1"


@pytest.mark.parametrize(
    ("hop", "expected"),
    [
        ("2001:db8::1", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("198.51.100.7:5555", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
    ],
)
def test_hops_with_ports_and_ipv6_are_understood(hop: str, expected: str) -> None:
    trusted = TrustedProxies.parse("::1")
    assert client_address(scope("::1", hop), trusted) == expected


def test_an_ipv4_mapped_peer_is_matched_against_ipv4_ranges() -> None:
    trusted = TrustedProxies.parse("127.0.0.0/8")
    assert client_address(scope("::ffff:127.0.0.1", "198.51.100.7"), trusted) == "198.51.100.7"


def test_malformed_entries_are_skipped_and_reported() -> None:
    assert malformed("10.0.0.1, nope, 10.0.0.0/33, ,::1") == ["nope", "10.0.0.0/33"]
    assert len(TrustedProxies.parse("10.0.0.1, nope").networks) == 1


def test_a_request_object_works_as_well_as_a_scope() -> None:
    from starlette.requests import Request

    request = Request(scope("127.0.0.1", "198.51.100.7"))
    assert client_address(request, TrustedProxies.parse("127.0.0.1")) == "198.51.100.7"


def test_no_peer_at_all_is_an_empty_address() -> None:
    assert client_address(scope(None), TrustedProxies()) == ""


def test_the_setting_refuses_a_malformed_entry_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from inkwell.settings import SettingsError, load_settings

    monkeypatch.setenv("INKWELL_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, proxy.local")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value) == (
        "invalid setting INKWELL_TRUSTED_PROXIES: "
        "'proxy.local' is not an IP address or a CIDR range"
    )


def test_the_setting_is_empty_by_default_and_split_on_commas(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from inkwell.settings import Settings, load_settings

    assert Settings(_env_file=None).trusted_proxies == ()  # type: ignore[call-arg]
    monkeypatch.setenv("INKWELL_TRUSTED_PROXIES", " 127.0.0.1 ,10.0.0.0/8,")
    assert load_settings().trusted_proxies == ("127.0.0.1", "10.0.0.0/8")
