"""How fast the editor is: its first paint, and the round trip of its live preview.

One command: ``.venv/bin/python bench/admin_editor.py [--runs 10] [--previews 50]``.

It starts ``inkwell serve`` with the demo content on a fresh SQLite file in a temporary folder
(on a free port of 127.0.0.1, in its own process group, killed at the end), makes an
administrator with ``inkwell user create``, signs in with the system Chromium, then measures,
each with a baseline from the same run:

- **first contentful paint** (``performance.getEntriesByName('first-contentful-paint')``) of
  ``/admin/posts/new``, against the demo's card-tour post page, each in a fresh page, ``--runs``
  times;
- **preview round trip**: ``POST /admin/api/preview`` of a typical post (the card tour's
  Markdown: every card kind, code blocks), ``--previews`` times, against a ``GET`` of that post's
  public page (served from the response cache).

Prints median and p95 (milliseconds) and writes ``bench/results/admin-editor.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CARD_TOUR = ROOT / "src" / "inkwell" / "content" / "demo_posts" / "01-cards-tour.md"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
EMAIL, PASSWORD = "bench@example.com", "bench-password-long-enough"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _inkwell(env: dict[str, str], folder: Path, *args: str) -> None:
    command = [sys.executable, "-m", "inkwell", *args]
    subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True, timeout=120)


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A demo site with an administrator, served until the block ends; yields its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.update(
        INKWELL_DATABASE_URL=f"sqlite:///{folder / 'inkwell.db'}",
        INKWELL_MEDIA_DIR=str(folder / "media"),
        INKWELL_OUTBOX_DIR=str(folder / "outbox"),
        INKWELL_SITE_URL=base,
        INKWELL_PORT=str(port),
        INKWELL_DEMO_CONTENT="true",
        INKWELL_LOG_LEVEL="warning",
    )
    _inkwell(env, folder, "migrate")
    _inkwell(env, folder, "user", "create", "--email", EMAIL, "--name", "Bench",
             "--role", "administrator", "--password", PASSWORD)  # fmt: skip
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "inkwell", "serve"],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, killed as one
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"inkwell serve exited with {process.returncode}")
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("inkwell serve did not answer within 60 s") from None
                time.sleep(0.25)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def typical_post() -> str:
    """The card tour's Markdown without its front matter."""
    text = CARD_TOUR.read_text(encoding="utf-8")
    return text.split("---", 2)[2].lstrip() if text.startswith("---") else text


def summary(samples: list[float]) -> dict[str, float]:
    """Median, p95, min and max of ``samples`` (milliseconds), and how many."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "min_ms": round(ordered[0], 2),
        "max_ms": round(ordered[-1], 2),
    }


def first_paints(context: Any, url: str, runs: int) -> list[float]:
    """First contentful paint of ``url`` in ``runs`` fresh pages (the first one warms up)."""
    paints = []
    for attempt in range(runs + 1):
        page = context.new_page()
        page.goto(url, wait_until="load")
        value = page.evaluate(
            """() => new Promise(resolve => {
                const found = () => performance.getEntriesByName('first-contentful-paint');
                if (found().length) return resolve(found()[0].startTime);
                new PerformanceObserver(() => resolve(found()[0].startTime))
                    .observe({type: 'paint', buffered: true});
            })"""
        )
        page.close()
        if attempt:
            paints.append(float(value))
    return paints


def measure(base: str, runs: int, previews: int) -> dict[str, Any]:
    """Sign in, then every figure of the report."""
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + "/admin/signin")
            page.get_by_label("Email", exact=True).fill(EMAIL)
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(base + "/admin/")
            token = page.locator("meta[name=csrf-token]").get_attribute("content")
            post_url = page.evaluate("() => fetch('/sitemap-posts.xml').then(r => r.text())")
            page.close()
            tour = next(u for u in re.findall(r"<loc>([^<]+)</loc>", post_url) if "card" in u)
            results["fcp_editor"] = summary(first_paints(context, base + "/admin/posts/new", runs))
            public = browser.new_context(viewport={"width": 1280, "height": 900})
            results["fcp_public_post"] = summary(first_paints(public, tour, runs))
            public.close()
            cookies = {c["name"]: c["value"] for c in context.cookies()}
        finally:
            browser.close()
    source = typical_post()
    headers = {"X-CSRF-Token": str(token), "Accept": "application/json"}
    with httpx.Client(base_url=base, cookies=cookies, timeout=30) as admin:
        times = []
        for attempt in range(previews + 3):
            started = time.perf_counter()
            answer = admin.post("/admin/api/preview", json={"source": source}, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            answer.raise_for_status()
            if attempt >= 3:  # warm-up requests are not counted
                times.append(elapsed)
        results["preview_round_trip"] = summary(times)
        results["preview_html_bytes"] = len(answer.json()["html"])
    with httpx.Client(timeout=30) as reader:
        times = []
        for attempt in range(previews + 3):
            started = time.perf_counter()
            reader.get(tour).raise_for_status()
            if attempt >= 3:
                times.append((time.perf_counter() - started) * 1000)
        results["public_post_get"] = summary(times)
    results["typical_post_chars"] = len(source)
    return results


ROWS = (
    ("fcp_editor", "first contentful paint: /admin/posts/new"),
    ("fcp_public_post", "first contentful paint: public post (baseline)"),
    ("preview_round_trip", "POST /admin/api/preview (card tour)"),
    ("public_post_get", "GET public post page, cached (baseline)"),
)


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="page loads per paint figure")
    parser.add_argument("--previews", type=int, default=50, help="requests per round-trip figure")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="inkwell-bench-editor-") as folder,
        serving(Path(folder)) as base,
    ):
        results = measure(base, args.runs, args.previews)
    print(f"typical post: {results['typical_post_chars']} characters of Markdown, "
          f"{results['preview_html_bytes']} bytes of preview HTML")  # fmt: skip
    print(f"{'measure':<52} {'n':>4} {'median ms':>10} {'p95 ms':>8}")
    for key, label in ROWS:
        row = results[key]
        print(f"{label:<52} {row['n']:>4} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "admin-editor.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
