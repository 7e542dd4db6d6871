"""The address policy of outbound requests (no network: only parsing and classifying)."""

from __future__ import annotations

import ipaddress

import pytest

from inkwell.core.addresses import AddressRefused, checked_address, normalise_host, refusal


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_not_refused(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


def test_an_ipv4_mapped_address_is_judged_as_its_ipv4_address() -> None:
    assert refusal(ipaddress.ip_address("::ffff:192.168.0.1")) == (
        "192.168.0.1 is a private address"
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Blog.Example.", "blog.example"), ("[::0001]", "::1"), (" 127.0.0.1 ", "127.0.0.1")],
)
def test_hosts_are_compared_in_a_canonical_form(given: str, expected: str) -> None:
    assert normalise_host(given) == expected


async def test_an_allowed_address_is_connected_to_unchecked() -> None:
    assert str(await checked_address("127.0.0.1", 80, {"127.0.0.1"})) == "127.0.0.1"


async def test_a_name_dns_cannot_hold_is_refused_without_a_lookup() -> None:
    with pytest.raises(AddressRefused, match="not a valid host name"):
        await checked_address("a b", 80, set())
