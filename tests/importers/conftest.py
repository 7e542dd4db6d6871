"""Fixtures for the importer tests: a real local HTTP server for feeds and images."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.settings import Settings
from tests.factories import make_post


@dataclass
class Route:
    """What the test server answers for one path."""

    body: bytes
    content_type: str = "application/octet-stream"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LocalServer:
    """A threaded HTTP server on 127.0.0.1 (ephemeral port) answering from ``routes``."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base + path


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """Serve ``server.routes`` over real HTTP for the duration of a test."""
    routes: dict[str, Route] = {}
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits[self.path] = hits.get(self.path, 0) + 1
            route = routes.get(self.path, Route(b"not found", "text/plain", 404))
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # A short poll interval: shutdown() waits for the next poll.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield LocalServer(base=f"http://{host!s}:{port}", routes=routes, hits=hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared settings, allowed to fetch from ``http_server`` (which is on 127.0.0.1)."""
    return settings.model_copy(update={"fetch_allowed_hosts": ("127.0.0.1",)})


# Comment imports (Disqus, Isso, Remark42): the blog whose old comments come along.


@dataclass(frozen=True)
class Blog:
    """The posts of the test blog the comment fixtures' old addresses point at, by slug."""

    posts: dict[str, str]  # slug -> post id


@pytest.fixture
async def blog(session: AsyncSession) -> Blog:
    """Four posts and an About page; the old address of one post redirects to it."""
    when = datetime(2024, 3, 10, 8, 0, tzinfo=UTC)
    made = {
        "tuning-sqlite": await make_post(
            session,
            title="Tuning SQLite for small servers",
            slug="tuning-sqlite",
            published_at=when,
        ),
        "rust-lifetimes": await make_post(
            session,
            title="A week with Rust lifetimes",
            slug="rust-lifetimes",
            published_at=datetime(2024, 5, 2, 9, 0, tzinfo=UTC),
        ),
        "moving-blogs": await make_post(
            session,
            title="Moving house, moving blogs",
            slug="moving-blogs",
            published_at=datetime(2024, 1, 15, 9, 0, tzinfo=UTC),
        ),
        "cafe-notes": await make_post(
            session,
            title="Café notes",
            slug="cafe-notes",
            published_at=datetime(2024, 6, 12, 7, 0, tzinfo=UTC),
        ),
        "about": await make_post(session, title="About", slug="about", type="page"),
    }
    await content.add_redirect(session, "/2019/moving-day.html", made["moving-blogs"].id)
    await session.commit()
    return Blog({slug: post.id for slug, post in made.items()})
