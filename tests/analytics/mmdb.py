"""A tiny MaxMind DB file for tests: the format's writer is not a dependency, and a few IPv4
networks need only a search tree, a data section and the metadata (MaxMind DB spec 2.0)."""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_METADATA_MARKER = b"\xab\xcd\xefMaxMind.com"
_RECORD_BYTES = 3  # record_size 24


@dataclass(frozen=True)
class Unsigned:
    """An unsigned integer of the width the metadata's readers insist on."""

    value: int
    type: int  # 5: uint16, 6: uint32, 9: uint64


def _control(kind: int, size: int) -> bytes:
    assert size < 29, "the helper writes short values only"
    if kind <= 7:
        return bytes([(kind << 5) | size])
    return bytes([size, kind - 7])  # an extended type


def _encode(value: Any) -> bytes:
    if isinstance(value, str):
        raw = value.encode()
        return _control(2, len(raw)) + raw
    if isinstance(value, Unsigned):
        raw = value.value.to_bytes((value.value.bit_length() + 7) // 8, "big")
        return _control(value.type, len(raw)) + raw
    if isinstance(value, dict):
        items = b"".join(_encode(key) + _encode(item) for key, item in value.items())
        return _control(7, len(value)) + items
    if isinstance(value, list):
        return _control(11, len(value)) + b"".join(_encode(item) for item in value)
    raise TypeError(f"cannot encode {value!r}")


def write_mmdb(path: Path, networks: dict[str, dict[str, Any]]) -> Path:
    """An IPv4 database mapping each network (``"81.2.69.0/24"``) to its record."""
    root: list[Any] = [None, None]  # a slot: None (no data), a node, or ("data", offset)
    data = bytearray()
    for cidr, record in networks.items():
        network = ipaddress.IPv4Network(cidr)
        offset, bits, node = len(data), int(network.network_address), root
        data += _encode(record)
        for depth in range(network.prefixlen):
            bit = (bits >> (31 - depth)) & 1
            if depth == network.prefixlen - 1:
                node[bit] = ("data", offset)
            else:
                if not isinstance(node[bit], list):
                    node[bit] = [None, None]
                node = node[bit]
    nodes, queue = [], [root]
    while queue:
        node = queue.pop(0)
        nodes.append(node)
        queue += [child for child in node if isinstance(child, list)]
    number = {id(node): index for index, node in enumerate(nodes)}
    count = len(nodes)

    def pointer(slot: Any) -> bytes:
        value = count if slot is None else number.get(id(slot), 0)
        if isinstance(slot, tuple):
            value = count + 16 + slot[1]
        return value.to_bytes(_RECORD_BYTES, "big")

    tree = b"".join(pointer(left) + pointer(right) for left, right in nodes)
    metadata = {
        "node_count": Unsigned(count, 6),
        "record_size": Unsigned(24, 5),
        "ip_version": Unsigned(4, 5),
        "database_type": "Inkwell-Test-Country",
        "languages": ["en"],
        "binary_format_major_version": Unsigned(2, 5),
        "binary_format_minor_version": Unsigned(0, 5),
        "build_epoch": Unsigned(int(time.time()), 9),
        "description": {"en": "Inkwell test networks"},
    }
    path.write_bytes(tree + bytes(16) + bytes(data) + _METADATA_MARKER + _encode(metadata))
    return path
