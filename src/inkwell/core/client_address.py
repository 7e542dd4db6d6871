"""The client's address: the connection's, or the one a trusted proxy says it forwarded for.

``INKWELL_TRUSTED_PROXIES`` lists the proxies (addresses or CIDR ranges) in front of Inkwell.
When the connecting peer is one of them, ``X-Forwarded-For`` is read from the right (each proxy
appends the address it received from), skipping trusted hops: the first untrusted hop is the
client. Anything left of it was written by the client and is not believed. With no trusted
proxy (the default), the header is ignored entirely. Comments, analytics and rate limits all
ask this one module.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def entries(text: str | Iterable[str]) -> list[str]:
    """The non-empty, stripped entries of a comma-separated list (or of a list of strings)."""
    items = text.split(",") if isinstance(text, str) else text
    return [item.strip() for item in items if item.strip()]


def parse_network(entry: str) -> Network | None:
    """``entry`` (an address or a CIDR range) as a network, or None when malformed."""
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        return None


def malformed(text: str | Iterable[str]) -> list[str]:
    """The entries of ``text`` that are neither an address nor a CIDR range."""
    return [entry for entry in entries(text) if parse_network(entry) is None]


def parse_address(text: str) -> IPAddress | None:
    """An address as a hop of X-Forwarded-For may write it (``[v6]:port`` and ``v4:port`` too)."""
    value = text.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@dataclass(frozen=True)
class TrustedProxies:
    """The proxies whose ``X-Forwarded-For`` is believed."""

    networks: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, text: str | Iterable[str]) -> TrustedProxies:
        """From a comma-separated list (or a list) of addresses and CIDR ranges; malformed
        entries are skipped (the settings refuse them at start)."""
        networks = (parse_network(entry) for entry in entries(text))
        return cls(tuple(network for network in networks if network is not None))

    def trusts(self, address: str | IPAddress | None) -> bool:
        """True when ``address`` is one of the trusted proxies."""
        if not self.networks or address is None:
            return False
        if isinstance(address, str):
            return _trusts_text(self, address)
        return any(address.version == net.version and address in net for net in self.networks)


@lru_cache(maxsize=1024)
def _trusts_text(trusted: TrustedProxies, text: str) -> bool:
    """``trusted.trusts`` of an address still as text (the connecting peers: a few proxies)."""
    parsed = parse_address(text)
    return parsed is not None and trusted.trusts(parsed)


def client_address(request_or_scope: Any, trusted: TrustedProxies) -> str:
    """The client's address for a Starlette request or an ASGI scope ("" when unknown)."""
    scope = getattr(request_or_scope, "scope", request_or_scope)
    client = scope.get("client")
    peer = str(client[0]) if client else ""
    if not trusted.trusts(peer):
        return peer
    forwarded = [
        value for name, value in scope.get("headers", ()) if name.lower() == b"x-forwarded-for"
    ]
    return forwarded_client(peer, b",".join(forwarded).decode("latin-1"), trusted)


@lru_cache(maxsize=8192)
def forwarded_client(peer: str, forwarded_for: str, trusted: TrustedProxies) -> str:
    """The client behind the trusted proxy ``peer``, read from its ``X-Forwarded-For`` hops
    (the headers joined with commas). Cached: the same readers come back through the same
    proxies, and parsing addresses costs more than the rest of a beacon's handling."""
    nearest = peer
    for hop in reversed(forwarded_for.split(",") if forwarded_for else ()):
        address = parse_address(hop)
        if address is None:
            # Garbage where an address should be: the hop that wrote it is the last we know.
            return nearest
        if not trusted.trusts(address):
            return str(address)
        nearest = str(address)
    # Every hop is a trusted proxy: the farthest of them is as close to the client as we get.
    return nearest
