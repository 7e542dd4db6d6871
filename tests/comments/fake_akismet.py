"""A stand-in for Akismet's comment-check on 127.0.0.1 (an ephemeral port): it answers
``POST /1.1/comment-check`` with ``answer`` (Akismet says ``true`` for spam, ``false`` for
not) or with ``status`` when that is an error, and keeps every form it was sent."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import pytest

from tests.local_receiver import serving

CHECK_PATH = "/1.1/comment-check"


@dataclass
class FakeAkismet:
    """What the stand-in answers, and the forms (one value per field) it received."""

    url: str = ""
    answer: str = "false"
    status: int = 200
    delay: float = 0.0
    """Seconds to wait before answering (a service too slow to wait for)."""
    received: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def akismet() -> Iterator[FakeAkismet]:
    """A running stand-in for Akismet for the duration of a test."""
    state = FakeAkismet()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
            if self.path == CHECK_PATH:
                state.received.append({name: values[0] for name, values in form.items()})
                status, body = state.status, state.answer.encode()
                time.sleep(state.delay)
            else:
                status, body = 404, b"no such endpoint"
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    with serving(Handler) as url:
        state.url = url
        yield state


def closed_port_url() -> str:
    """The address of a port on 127.0.0.1 that nothing listens on (Akismet is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
