"""The HTTP protocol ``inkwell serve`` gives uvicorn: its own (httptools), writing each response
in one piece.

uvicorn writes a response's head when the application sends ``http.response.start`` and its
body when it sends ``http.response.body``: two ``send`` system calls, two TCP segments and two
wake-ups of the client for every response, though nearly all of them (a cached page, a 202 to
a beacon) are complete after one pass of the event loop. The transport here holds what is
written during one pass and hands it to the socket in one write at the end of it, so a small
response costs one system call. Large writes go through at once (nothing is copied), and the
order of bytes on the connection is never changed.

The protocol also sets the process's start-up objects aside from garbage collection when its
first connection arrives (``gc.freeze``): the application, its templates and caches are
built by then and live as long as the process, and a full collection that scans them all
stalls every request in flight for tens of milliseconds (up to 160 ms measured).
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

COALESCE_BELOW = 64 * 1024
"""Writes held for the end of the loop's pass, together at most this many bytes."""


class CoalescingTransport:
    """A transport that gathers the writes of one event-loop pass into one.

    Everything but writing, closing and the buffer size is the wrapped transport's own."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._scheduled = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Queue ``data`` behind what is pending; written at the end of this loop pass (or now,
        when the pending bytes would pass ``COALESCE_BELOW``)."""
        if not data:
            return
        if self._pending_size + len(data) >= COALESCE_BELOW:
            self.flush()
            self._transport.write(data)
            return
        self._pending.append(bytes(data))
        self._pending_size += len(data)
        if not self._scheduled:
            self._scheduled = True
            self._loop.call_soon(self._flush_soon)

    def writelines(self, chunks: Any) -> None:
        """Write every chunk, in order."""
        for chunk in chunks:
            self.write(chunk)

    def flush(self) -> None:
        """Hand the pending bytes to the socket now."""
        if not self._pending:
            return
        data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        if not self._transport.is_closing():
            self._transport.write(data)

    def _flush_soon(self) -> None:
        self._scheduled = False
        self.flush()

    def get_write_buffer_size(self) -> int:
        """The wrapped transport's buffer and what is pending here."""
        return self._transport.get_write_buffer_size() + self._pending_size

    def write_eof(self) -> None:
        """Write what is pending, then close the writing side."""
        self.flush()
        self._transport.write_eof()

    def close(self) -> None:
        """Write what is pending, then close (as a transport does: buffered bytes go first)."""
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        """Close at once, dropping what is pending."""
        self._pending.clear()
        self._pending_size = 0
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class CoalescingHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol over a :class:`CoalescingTransport`."""

    _frozen = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Wrap the connection's transport before uvicorn sees it (and, on the process's first
        connection, freeze the start-up objects: see the module's docstring)."""
        if not CoalescingHttpToolsProtocol._frozen:
            CoalescingHttpToolsProtocol._frozen = True
            gc.freeze()
        wrapped = CoalescingTransport(transport, self.loop)
        super().connection_made(wrapped)  # type: ignore[arg-type]


PROTOCOL = f"{__name__}:{CoalescingHttpToolsProtocol.__name__}"
"""The import string uvicorn's ``http`` option takes (workers are fresh processes)."""
