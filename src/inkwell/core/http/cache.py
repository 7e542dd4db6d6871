"""An in-process store of whole responses, bounded by a memory budget (least recently used go).

Each entry carries tags; ``drop_tags`` forgets every entry carrying one of them.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from inkwell.core.http.compression import compress
from inkwell.core.invalidation import EVERYTHING


@dataclass
class CachedResponse:
    """A complete response, with its compressed variants made on first demand."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag_base: str
    compressible: bool
    variants: dict[str, bytes] = field(default_factory=dict)
    # Per encoding: the complete header list and body to send, built on first use.
    ready: dict[str, tuple[list[tuple[bytes, bytes]], bytes]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, status: int, headers: list[tuple[bytes, bytes]], body: bytes, compressible: bool
    ) -> CachedResponse:
        """Fingerprint ``body`` for a strong ETag."""
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        return cls(status, headers, body, digest, compressible)

    def etag(self, encoding: str) -> str:
        """A strong ETag per representation: compressed bytes differ from the identity ones."""
        if encoding == "identity":
            return f'"{self.etag_base}"'
        return f'"{self.etag_base}-{encoding}"'

    def body_for(self, encoding: str) -> bytes:
        """The body in ``encoding``, compressed now and kept for next time."""
        if encoding == "identity" or not self.compressible:
            return self.body
        found = self.variants.get(encoding)
        if found is None:
            found = self.variants[encoding] = compress(self.body, encoding)
        return found

    def prepared(self, encoding: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
        """Headers and body of this response in ``encoding``, ready to send as they are."""
        found = self.ready.get(encoding)
        if found is not None:
            return found
        body = self.body_for(encoding)
        found = self.ready[encoding] = (self.headers_for(encoding, len(body)), body)
        return found

    def headers_for(self, encoding: str, length: int) -> list[tuple[bytes, bytes]]:
        """The response headers for a body of ``length`` bytes in ``encoding``."""
        if not self.compressible:
            encoding = "identity"
        headers = list(self.headers)
        if self.compressible:
            headers.append((b"vary", b"Accept-Encoding"))
        if self.status == 200:
            headers.append((b"etag", self.etag(encoding).encode()))
        if encoding != "identity":
            headers.append((b"content-encoding", encoding.encode()))
        headers.append((b"content-length", str(length).encode()))
        return headers

    @property
    def size(self) -> int:
        """Bytes held, for the memory budget."""
        headers = sum(len(k) + len(v) for k, v in self.headers)
        return len(self.body) + sum(map(len, self.variants.values())) + headers + 200


class ResponseCache:
    """Least-recently-used responses by key, never holding more than ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self._entries: OrderedDict[str, CachedResponse] = OrderedDict()
        self._sizes: dict[str, int] = {}
        self._tags: dict[str, frozenset[str]] = {}
        self._keys_by_tag: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> CachedResponse | None:
        """The entry for ``key``, now the most recently used."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: CachedResponse, tags: Iterable[str] = ()) -> None:
        """Store ``entry`` tagged with ``tags``; older entries go until the budget holds.

        An entry bigger than the whole budget is not kept.
        """
        self.discard(key)
        if entry.size > self.budget:
            return
        self._entries[key] = entry
        self._sizes[key] = entry.size
        found = self._tags[key] = frozenset(tags)
        for tag in found:
            self._keys_by_tag.setdefault(tag, set()).add(key)
        self.used += entry.size
        self._evict()

    def resize(self, key: str) -> None:
        """Account for a variant added to an entry since it was stored."""
        entry = self._entries.get(key)
        if entry is None:
            return
        self.used += entry.size - self._sizes[key]
        self._sizes[key] = entry.size
        self._evict()

    def discard(self, key: str) -> None:
        """Forget ``key``."""
        if self._entries.pop(key, None) is not None:
            self._forget(key)

    def tags_of(self, key: str) -> frozenset[str]:
        """The tags ``key`` was stored with (none when it is not stored)."""
        return self._tags.get(key, frozenset())

    def drop_tags(self, tags: Iterable[str]) -> None:
        """Forget every entry carrying one of ``tags`` (all of them for ``EVERYTHING``)."""
        tags = set(tags)
        if EVERYTHING in tags:
            self.clear()
            return
        for tag in tags:
            for key in list(self._keys_by_tag.get(tag, ())):
                self.discard(key)

    def clear(self) -> None:
        """Forget everything."""
        self._entries.clear()
        self._sizes.clear()
        self._tags.clear()
        self._keys_by_tag.clear()
        self.used = 0

    def _forget(self, key: str) -> None:
        self.used -= self._sizes.pop(key)
        for tag in self._tags.pop(key, ()):
            keys = self._keys_by_tag.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._keys_by_tag[tag]

    def _evict(self) -> None:
        while self.used > self.budget and self._entries:
            key, _ = self._entries.popitem(last=False)
            self._forget(key)
