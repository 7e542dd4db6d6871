"""An in-process store of whole responses, bounded by a memory budget (least recently used go)."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

from inkwell.core.http.compression import compress


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

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> CachedResponse | None:
        """The entry for ``key``, now the most recently used."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: CachedResponse) -> None:
        """Store ``entry``; older entries go until the budget holds (a too-big one is skipped)."""
        self.discard(key)
        if entry.size > self.budget:
            return
        self._entries[key] = entry
        self._sizes[key] = entry.size
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
            self.used -= self._sizes.pop(key)

    def clear(self) -> None:
        """Forget everything."""
        self._entries.clear()
        self._sizes.clear()
        self.used = 0

    def _evict(self) -> None:
        while self.used > self.budget and self._entries:
            key, _ = self._entries.popitem(last=False)
            self.used -= self._sizes.pop(key)
