"""How fast the Content API answers, beside the post page: `python bench/content_api.py`.

The measured call is what a static front-end makes for its home page: ``GET
/ghost/api/content/posts/?key=K&include=tags,authors&limit=15`` (15 posts with their tags and
authors). It generates a blog (``sitegen.py``, ``--posts`` posts, 200 by default), imports it,
makes an integration with ``inkwell integration create --json`` (its Content API key is the
``key``), then measures, with wrk as ``run.py`` does (warm-up, quiet machine, retries when
disturbed), in the same run: the post page and the Content API browse on ``inkwell serve
--workers 2`` with its response cache, then both again with ``INKWELL_RESPONSE_CACHE=false``; and
each server's resident memory after its load. Prints a table and writes
``bench/results/content-api.json``.

``run.py`` (``make bench``) measures the same browse in its own table, as the ``content_api``
row beside ``post`` (see ``servers.content_api_path``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpu
import run
import servers
import sitegen
from servers import Processes

RESULTS = Path(__file__).resolve().parent / "results" / "content-api.json"


def parse_args(argv: list[str] | None) -> tuple[int, run.Options]:
    """(posts, how to measure) from the command line."""
    parser = argparse.ArgumentParser(description="Benchmark the Content API beside the post page.")
    parser.add_argument("--posts", type=int, default=200, help="posts in the generated site")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--quiet-wait", type=float, default=cpu.QUIET_WAIT_S, help="most seconds to wait for quiet"
    )
    parser.add_argument(
        "--attempts", type=int, default=run.MAX_ATTEMPTS, help="runs of a disturbed row, at most"
    )
    args = parser.parse_args(argv)
    # On a machine shared with other work, waiting for quiet may be pointless: the figures are
    # then marked as disturbed ("other" cores) rather than delayed.
    cpu.QUIET_WAIT_S = args.quiet_wait
    run.MAX_ATTEMPTS = max(1, args.attempts)
    if args.posts < sitegen.SAMPLE_POST:
        parser.error(f"--posts must be at least {sitegen.SAMPLE_POST}")
    warmup = min(3.0, args.duration)
    return args.posts, run.Options(
        (args.posts,), args.duration, warmup, args.connections, args.keep
    )


def ensure_wrk() -> None:
    """wrk from Debian's packages when absent (nginx is not needed here)."""
    if shutil.which("wrk"):
        return
    if not shutil.which("apt-get"):
        raise run.BenchError("wrk is needed: apt-get install wrk")
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "wrk"]):
        subprocess.run(command, check=True, env=env, timeout=900)


def measure(posts: int, folder: Path, processes: Processes, options: run.Options) -> dict[str, Any]:
    """Generate and import the site, then measure both pages with and without the cache."""
    feed = sitegen.generate_feed(folder / "feed.xml", posts)
    site = folder / "site"
    site.mkdir()
    env = servers.inkwell_env(site, options.code, INKWELL_LOG_LEVEL="warning")
    run._say(f"importing {posts:,} posts")
    code, import_s = processes.run(
        [sys.executable, "-m", "inkwell", "import", "rss", str(feed.path)],
        env=env,
        cwd=site,
        log=site / "import.log",
        timeout_s=run.IMPORT_TIMEOUT_S,
    )
    if code != 0:
        raise run.BenchError(f"import failed ({code}): {run._tail(site / 'import.log')}")
    api = servers.content_api_path(env, site)
    if api is None:
        raise run.BenchError("this Inkwell has no Content API (no `inkwell integration` command)")
    paths = {"post": feed.post_path, "content_api": api}
    result: dict[str, Any] = {"posts": posts, "import_s": import_s, "rows": [], "servers": {}}
    result["paths"] = {
        "post": paths["post"],
        "content_api": servers.CONTENT_API_BROWSE.format(key="KEY"),
    }
    for cached in (True, False):
        name = "inkwell-cached" if cached else "inkwell-uncached"
        suffix = "" if cached else " (no response cache)"

        def start(cached: bool = cached, name: str = name) -> servers.Server:
            return servers.start_inkwell(
                processes,
                site / "inkwell.db",
                folder / name,
                workers=run.WORKERS,
                response_cache=cached,
                ready_path=paths["post"],
                code=options.code,
            )

        with run._serving(processes, result, name, start) as server:
            for page_id, path in paths.items():
                row_id = page_id if cached else f"{page_id}-nocache"
                label = f"{page_id.replace('_', ' ')}{suffix or ' (cached)'}"
                row = run._measure(server, row_id, label, path, options)
                row["path"] = result["paths"][page_id]  # the key stays out of the results
                result["rows"].append(row)
    return result


def print_result(result: dict[str, Any]) -> None:
    """The rows and each server's memory."""
    print(f"\n== Content API beside the post page, {result['posts']:,} posts ==")
    header = f"{'row':<36} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'bytes':>7}"
    print(header + f" {'err':>4} {'cpu µs':>7} {'other':>5}")
    print("-" * (len(header) + 19))
    for row in result["rows"]:
        wrk, used = row.get("wrk") or {}, row.get("cpu") or {}
        if not wrk:
            print(f"{row['label']:<36} failed: {row.get('error', '?')}")
            continue
        print(
            f"{row['label']:<36} {wrk['requests_per_s']:>8,.0f} {wrk['p50_ms']:>7.2f} "
            f"{wrk['p90_ms']:>7.2f} {wrk['p99_ms']:>7.2f} {row['bytes']:>7} {wrk['errors']:>4} "
            f"{used.get('server_us_per_request', 0):>7,.0f} {used.get('other_cores', 0):>5.2f}"
        )
    print("\nresident memory after load (MiB): total of master + workers, largest worker")
    for name, server in result["servers"].items():
        total, worker = server["memory"]["total_mib"], server["memory"]["max_worker_mib"]
        print(f"  {name:<18} total {total:6.1f}  max worker {worker:6.1f}")


def main(argv: list[str] | None = None) -> int:
    """Measure, print, write bench/results/content-api.json."""
    posts, options = parse_args(argv)
    ensure_wrk()
    signal.signal(signal.SIGTERM, run._on_sigterm)
    processes = Processes()
    root = Path(tempfile.mkdtemp(prefix="inkwell-bench-api-"))
    try:
        options = dataclasses.replace(options, code=run.snapshot_src(root / "code"))
        result = {"meta": run._meta(options), "result": measure(posts, root, processes, options)}
        print_result(result["result"])
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n")
        print(f"\nwritten to {RESULTS} at {time.strftime('%H:%M:%S')}")
    finally:
        processes.stop_all()
        if options.keep:
            print(f"bench: kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except run.BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(1)
