"""Which network addresses an outbound request may reach, checked after DNS resolution.

Loopback, private, link-local, multicast, reserved and unspecified addresses (IPv4 and IPv6,
IPv4-mapped IPv6 too) are refused unless the host is allowed by INKWELL_FETCH_ALLOWED_HOSTS.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Collection

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# What a host name in a URL can be once httpx has IDNA-encoded it.
_HOST_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?")


class AddressRefused(Exception):
    """A host that may not be connected to; the message says why (one line)."""


async def checked_address(host: str, port: int, allowed_hosts: Collection[str]) -> IPAddress:
    """The address to connect to for ``host``, after checking every address it resolves to.

    ``allowed_hosts`` holds normalised hosts (see ``normalise_host``) that skip the check.
    """
    addresses = await resolve(host, port)
    if normalise_host(host) not in allowed_hosts:
        for address in addresses:
            reason = refusal(address)
            if reason is not None:
                # A name with one private address among public ones is refused too.
                hint = f"INKWELL_FETCH_ALLOWED_HOSTS can allow {host}"
                raise AddressRefused(f"refused: {reason} ({hint})")
    return addresses[0]


def refusal(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched from (loopback, private...), or None when public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    kinds = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-public", not address.is_global),
    )
    for kind, applies in kinds:
        if applies:
            article = "an" if kind[0] in "aeiou" else "a"
            return f"{address} is {article} {kind} address"
    return None


def normalise_host(host: str) -> str:
    """A host as compared with INKWELL_FETCH_ALLOWED_HOSTS: lower case, no brackets or final
    dot, addresses in their canonical form (``::0001`` is ``::1``)."""
    host = host.strip().lower().strip("[]").rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


async def resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses of ``host`` (itself when it is one); AddressRefused when there are none."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    if not _HOST_NAME.fullmatch(host):
        # Not a name DNS could answer for ("%5boops" from a broken URL): no lookup at all.
        raise AddressRefused(f"{host} is not a valid host name")
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise AddressRefused(f"cannot resolve the host name {host}") from None
    # sockaddr[0] may carry an IPv6 zone ("fe80::1%eth0"): ip_address keeps it.
    addresses = [ipaddress.ip_address(str(sockaddr[0])) for *_, sockaddr in found]
    if not addresses:
        raise AddressRefused(f"cannot resolve the host name {host}")
    return addresses
