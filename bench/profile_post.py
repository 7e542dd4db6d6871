"""Profile pages in-process with cProfile, with and without the response cache.

    .venv/bin/python bench/profile_post.py [--posts 200] [--pages post,tag] [--code DIR]

Generates and imports a site into a temporary folder, builds the application the way a uvicorn
worker does (``create_app`` from INKWELL_* settings, lifespan started), then calls the ASGI app
directly (no network, no HTTP parsing) with GETs of a page, and prints the time per request,
the SQL each request runs (with its time) and the functions that cost the most.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers
import sitegen

Message = dict[str, Any]


def _scope(path: str) -> Message:
    """What uvicorn hands the app for ``GET path`` without Accept-Encoding."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "scheme": "http",
        "method": "GET",
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"wrk")],
        "state": {},
    }


async def _call(app: Any, path: str) -> int:
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(_scope(path), receive, send)
    return status


async def _profile(path: str, requests: int, top: int, label: str) -> None:
    from inkwell.app import create_app

    app = create_app()
    async with app.router.lifespan_context(app):
        for _ in range(20):  # warm: first render, cache fill, compiled templates
            if await _call(app, path) != 200:
                raise SystemExit(f"{path} did not answer 200")
        began = time.perf_counter()
        for _ in range(requests):
            await _call(app, path)
        plain = (time.perf_counter() - began) / requests
        statements = await _statements(app, path, max(1, min(requests, 20)))
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            await _call(app, path)
        profiler.disable()
    print(f"\n===== {label}: {plain * 1e6:,.0f} µs per request in-process (no profiler)")
    print(f"SQL per request: {sum(n for n, _ in statements.values()):g} statements")
    for statement, (times, seconds) in sorted(statements.items(), key=lambda kv: -kv[1][1]):
        print(f"  {times:g} x {seconds * 1e3:7.2f} ms  {statement}")
    print("cProfile (inflates small functions; coroutine call counts are resumptions):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


async def _statements(app: Any, path: str, requests: int) -> dict[str, tuple[float, float]]:
    """Per statement: how many times a request runs it and the seconds it takes, on average."""
    from sqlalchemy import event

    found: dict[str, list[float]] = {}
    started: list[float] = []

    def before(*args: Any) -> None:
        started.append(time.perf_counter())

    def after(*args: Any) -> None:
        entry = found.setdefault(" ".join(str(args[2]).split())[:100], [0.0, 0.0])
        entry[0] += 1
        entry[1] += time.perf_counter() - started.pop()

    engine = app.state.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        for _ in range(requests):
            await _call(app, path)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return {k: (n / requests, t / requests) for k, (n, t) in found.items()}


def main() -> int:
    """Generate and import a site, then profile its pages cached and uncached."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--requests", type=int, default=3000, help="cached; a tenth uncached")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--pages", default="post", help="comma list of post, home, tag, rss")
    parser.add_argument("--code", type=Path, help="a copy of src/ to profile instead of src/")
    args = parser.parse_args()
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))
    folder = Path(tempfile.mkdtemp(prefix="inkwell-profile-"))
    try:
        feed = sitegen.generate_feed(folder / "feed.xml", args.posts)
        env = servers.inkwell_env(folder, args.code, INKWELL_LOG_LEVEL="warning")
        code, _ = servers.Processes().run(
            [sys.executable, "-m", "inkwell", "import", "rss", str(feed.path)],
            env=env,
            cwd=folder,
            log=folder / "import.log",
            timeout_s=1800,
        )
        if code != 0:
            raise SystemExit((folder / "import.log").read_text())
        env.pop("PYTHONPATH", None)
        os.environ.update(env)
        os.chdir(folder)
        paths = {"post": feed.post_path, "home": "/", "tag": feed.tag_path, "rss": "/rss/"}
        for page in args.pages.split(","):
            for cache in ("true", "false"):
                os.environ["INKWELL_RESPONSE_CACHE"] = cache
                requests = args.requests if cache == "true" else max(1, args.requests // 10)
                label = f"{page} at {args.posts:,} posts, " + (
                    "cached" if cache == "true" else "response cache off"
                )
                asyncio.run(_profile(paths[page], requests, args.top, label))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
