"""The serving protocol's transport: one loop pass's writes reach the socket as one, in order."""

from __future__ import annotations

import asyncio
import gc
import select
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from inkwell.core.http_protocol import COALESCE_BELOW, PROTOCOL, CoalescingTransport


@dataclass
class Connection:
    """A server-side transport, wrapped, and the client's non-blocking socket."""

    transport: CoalescingTransport
    client: socket.socket

    def received(self) -> bytes:
        """What the client can read right now (b"" when nothing has arrived)."""
        chunks = []
        while True:
            try:
                chunk = self.client.recv(1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)

    def readable_within(self, seconds: float) -> bool:
        """Whether something arrives within ``seconds`` (waiting in the kernel, not the loop)."""
        return bool(select.select([self.client], [], [], seconds)[0])

    def read_blocking(self, size: int) -> bytes:
        """``size`` bytes, waited for in the kernel (a second at most), not in the loop."""
        data = b""
        while len(data) < size and self.readable_within(1.0):
            data += self.received()
        return data


class _Accepting(asyncio.Protocol):
    def __init__(self, made: asyncio.Future[asyncio.Transport]) -> None:
        self.made = made

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.made.set_result(transport)  # type: ignore[arg-type]


async def passes(count: int = 5) -> None:
    """Let the event loop run ``count`` passes (and the kernel deliver what was sent)."""
    for _ in range(count):
        await asyncio.sleep(0)
    await asyncio.sleep(0.02)


@pytest.fixture
async def connection() -> AsyncIterator[Connection]:
    loop = asyncio.get_running_loop()
    made: asyncio.Future[asyncio.Transport] = loop.create_future()
    server = await loop.create_server(lambda: _Accepting(made), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    client.setblocking(False)
    transport = await made
    try:
        yield Connection(CoalescingTransport(transport, loop), client)
    finally:
        client.close()
        transport.abort()
        server.close()
        await server.wait_closed()


async def test_writes_wait_for_the_end_of_the_loop_pass(connection: Connection) -> None:
    connection.transport.write(b"HTTP/1.1 202 Accepted\r\n\r\n")
    connection.transport.write(b"ok")
    assert connection.transport.get_write_buffer_size() == 27
    # No loop pass yet: a write already made would be readable within this wait.
    assert not connection.readable_within(0.02)
    assert connection.received() == b""
    await passes()
    assert connection.received() == b"HTTP/1.1 202 Accepted\r\n\r\nok"


async def test_the_pending_writes_arrive_together_in_order(connection: Connection) -> None:
    for part in (b"head ", b"body ", b"tail"):
        connection.transport.write(part)
    await passes()
    assert connection.received() == b"head body tail"
    assert connection.transport.get_write_buffer_size() == 0


async def test_a_large_write_goes_at_once_after_what_was_pending(connection: Connection) -> None:
    large = b"x" * COALESCE_BELOW
    connection.transport.write(b"head")
    connection.transport.write(large)
    assert connection.read_blocking(len(large) + 4) == b"head" + large  # no loop pass needed


async def test_closing_writes_what_is_pending_first(connection: Connection) -> None:
    connection.transport.write(b"goodbye")
    connection.transport.close()
    await passes()
    assert connection.received() == b"goodbye"
    assert connection.client.recv(10) == b""  # then the end of the stream


async def test_aborting_drops_what_is_pending(connection: Connection) -> None:
    connection.transport.write(b"never sent")
    connection.transport.abort()
    await passes()
    try:
        arrived = connection.client.recv(10)
    except ConnectionResetError:  # an abort may reset the connection
        arrived = b""
    assert arrived == b""


async def test_writes_after_the_peer_closed_are_dropped_quietly(connection: Connection) -> None:
    connection.transport.write(b"late")
    connection.transport.close()
    connection.transport.write(b"later still")  # the wrapped transport is closing: ignored
    await passes()
    assert connection.received() == b"late"


async def _app(scope: Scope, receive: Receive, send: Send) -> None:
    """A page in one piece at ``/one``, else in three chunks (a streamed response)."""
    assert scope["type"] == "http"
    if scope["path"] == "/one":
        headers = [(b"content-type", b"text/plain"), (b"content-length", b"3")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"one"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    for chunk in (b"a" * 10, b"b" * COALESCE_BELOW, b"c" * 10):
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await asyncio.sleep(0)
    await send({"type": "http.response.body", "body": b""})


@pytest.fixture
async def served() -> AsyncIterator[int]:
    """uvicorn serving ``_app`` with the protocol ``inkwell serve`` uses; its port."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    config = uvicorn.Config(_app, http=PROTOCOL, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[listening]))
    while not server.started:  # noqa: ASYNC110 (uvicorn's Server tells by a flag only)
        await asyncio.sleep(0.01)
    try:
        yield listening.getsockname()[1]
    finally:
        server.should_exit = True
        await task
        listening.close()


async def _exchange(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    answer = await reader.read()  # the last request asks the server to close
    writer.close()
    await writer.wait_closed()
    return answer


async def test_pipelined_requests_are_answered_whole_and_in_order(served: int) -> None:
    one = b"GET /one HTTP/1.1\r\nhost: x\r\n\r\n"
    last = b"GET /one HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
    answer = await _exchange(served, one * 3 + last)
    assert answer.count(b"HTTP/1.1 200 OK") == 4
    assert answer.endswith(b"\r\n\r\none")
    assert answer.count(b"\r\n\r\none") == 4


async def test_a_streamed_response_arrives_whole(served: int) -> None:
    request = b"GET /stream HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
    answer = await _exchange(served, request)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in head
    chunks = body.split(b"\r\n")
    assert b"".join(chunks[1::2]) == b"a" * 10 + b"b" * COALESCE_BELOW + b"c" * 10


async def test_serving_sets_the_start_up_objects_aside_from_collection(served: int) -> None:
    try:
        await _exchange(served, b"GET /one HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the rest of this test process collects as usual
