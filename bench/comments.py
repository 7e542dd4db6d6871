"""Comments under load: ``python bench/comments.py [--posts 200] [--comments 200]``.

Generates a blog (``sitegen.py``) and imports it, then imports ``--comments`` original comments
(``commentgen.py``, threaded) onto the sample post with ``inkwell import disqus``, and turns on
immediate posting (moderation ``none``, no minimum time, hourly limits at their maximum) so that
every accepted comment is stored and shown. Then, with wrk as ``run.py`` measures (warm-up, quiet
machine, retries when disturbed), on ``inkwell serve --workers 2``:

- the baseline: a post page without comments, cached, on the same server;
- the post page with the comments, cached, and again with ``INKWELL_RESPONSE_CACHE=false``;
- ``GET /api/comments`` for that post (what the widget fetches; never cached);
- posting: ``POST /api/comments`` with a new comment per request (a Lua script makes each one
  different, so duplicate detection lets them through) on a third post, reported as requests/s
  and as comments stored per second (counted in the database before and after the run).

Prints a table, each server's resident memory after its load, and writes
``bench/results/comments.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import commentgen
import content_api
import cpu
import databases
import run
import servers
import sitegen
from servers import Processes, Server
from wrk import WrkError, run_wrk

RESULTS = Path(__file__).resolve().parent / "results" / "comments.json"
# A comment's permalink anchor (``#comment-ID``): one per comment shown on the page.
COMMENT_ANCHOR = re.compile(rb'id="comment-[0-9a-f]+"')
# Comments stored as soon as they are accepted, limits out of the way: the run measures the
# write path itself (validation, rules, the insert, the cache drop), not the rules' refusals.
BENCH_COMMENT_SETTINGS = {
    "moderation": "none",
    "min_submit_seconds": 0,
    "per_address_per_hour": 10_000,
    "per_identity_per_hour": 10_000,
}
CONFIGURE = (
    "import json, sys\n"
    "from inkwell.comments import service\n"
    "from inkwell.core.cli import run_in_session\n"
    "from inkwell.settings import settings_or_exit\n"
    "wanted = json.loads(sys.argv[1])\n"
    "run_in_session(settings_or_exit(), lambda s: service.update_settings(s, wanted))\n"
)
POST_SCRIPT = """-- One new comment per request: the thread's number and a counter make each unique.
counter = 0
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"url": "%(path)s", "name": "Bench reader %%d", ' ..
    '"body": "Run %(run)s, thread %%d, comment %%d: the cache drop is the interesting part."}',
    id, id, counter)
  return wrk.format("POST", "/api/comments", {["Content-Type"] = "application/json"}, body)
end
"""


def parse_args(argv: list[str] | None) -> tuple[int, int, run.Options]:
    """(posts, comments, how to measure) from the command line."""
    parser = argparse.ArgumentParser(description="Benchmark comment pages and comment posting.")
    parser.add_argument("--posts", type=int, default=200, help="posts in the generated site")
    parser.add_argument("--comments", type=int, default=200, help="comments on the sample post")
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
    cpu.QUIET_WAIT_S = args.quiet_wait
    run.MAX_ATTEMPTS = max(1, args.attempts)
    if args.posts < sitegen.SAMPLE_POST + 2:
        parser.error(f"--posts must be at least {sitegen.SAMPLE_POST + 2}")
    if args.comments < 1:
        parser.error("--comments must be at least 1")
    warmup = min(3.0, args.duration)
    options = run.Options((args.posts,), args.duration, warmup, args.connections, args.keep)
    return args.posts, args.comments, options


def prepare(posts: int, comments: int, folder: Path, processes: Processes, options: run.Options):
    """Import the site and the comments, configure posting; (site folder, env, paths)."""
    feed = sitegen.generate_feed(folder / "feed.xml", posts)
    site = folder / "site"
    site.mkdir()
    env = servers.inkwell_env(site, options.code, INKWELL_LOG_LEVEL="warning")
    export = commentgen.generate_export(
        folder / "disqus.xml", sitegen.SITE_URL + feed.post_path, comments
    )
    steps = {
        f"importing {posts:,} posts": ["import", "rss", str(feed.path)],
        f"importing {comments:,} comments": ["import", "disqus", str(export)],
    }
    for message, arguments in steps.items():
        run._say(message)
        code, _ = processes.run(
            [sys.executable, "-m", "inkwell", *arguments],
            env=env,
            cwd=site,
            log=site / "import.log",
            timeout_s=run.IMPORT_TIMEOUT_S,
        )
        if code != 0:
            raise run.BenchError(f"{message} failed ({code}): {run._tail(site / 'import.log')}")
    done = subprocess.run(
        [sys.executable, "-c", CONFIGURE, json.dumps(BENCH_COMMENT_SETTINGS)],
        env=env,
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise run.BenchError(f"could not configure comments: {done.stderr.strip()[-300:]}")
    paths = {
        "quiet": sitegen.make_post(sitegen.SAMPLE_POST + 1).path,
        "commented": feed.post_path,
        "api": f"/api/comments?url={feed.post_path}&limit=200",
        "posting": sitegen.make_post(sitegen.SAMPLE_POST + 2).path,
    }
    return site, paths


def stored_comments(database: Path) -> int:
    """How many comments the server's database holds now."""
    return databases.count_sqlite_rows(database, "comments")


def settled_count(database: Path) -> int:
    """The comment count once the server has finished the requests wrk left in flight."""
    return databases.settled_count(lambda: stored_comments(database))[0]


def measure_posting(
    server: Server, folder: Path, path: str, options: run.Options
) -> dict[str, Any]:
    """POST new comments under ``path`` with wrk: requests/s, latency, comments stored per s."""
    row: dict[str, Any] = {"id": "posting", "label": "POST /api/comments", "path": path}

    def load(label: str, duration_s: float) -> Any:
        script = folder / f"post-{label}.lua"
        script.write_text(POST_SCRIPT % {"path": path, "run": label})
        return run_wrk(
            server.url("/api/comments"),
            duration_s=duration_s,
            connections=options.connections,
            script=script,
        )

    try:
        cpu.wait_quiet(server.process.pid, run._say)
        load("warmup", options.warmup_s)
        database = server.folder / "inkwell.db"
        before_count, before = settled_count(database), cpu.snapshot(server.process.pid)
        measured = load("measured", options.duration_s)
        used = cpu.usage(before, cpu.snapshot(server.process.pid), measured.requests)
        stored = settled_count(database) - before_count
    except WrkError as exc:
        row["error"] = str(exc)
        run._say(f"  posting: wrk failed: {exc}")
        return row
    row.update(
        wrk=measured.as_dict(),
        cpu=used,
        stored=stored,
        stored_per_s=stored / measured.duration_s if measured.duration_s else 0.0,
        bytes=0,
    )
    run._say(
        f"  POST /api/comments {measured.requests_per_s:>8,.0f} req/s, "
        f"{row['stored_per_s']:,.0f} comments stored/s, errors {measured.errors}"
    )
    return row


def measure(posts: int, comments: int, folder: Path, processes: Processes, options: run.Options):
    """Every row: the baseline and the commented post page, the API read, posting."""
    site, paths = prepare(posts, comments, folder, processes, options)
    result: dict[str, Any] = {"posts": posts, "comments": comments, "paths": paths, "rows": []}
    result["servers"] = {}
    for cached in (True, False):
        name = "inkwell-cached" if cached else "inkwell-uncached"

        def start(cached: bool = cached, name: str = name) -> Server:
            return servers.start_inkwell(
                processes,
                site / "inkwell.db",
                folder / name,
                workers=run.WORKERS,
                response_cache=cached,
                ready_path=paths["commented"],
                code=options.code,
            )

        with run._serving(processes, result, name, start) as server:
            _, _, page = servers.fetch(server.port, paths["commented"])
            result["comments_on_page"] = len(COMMENT_ANCHOR.findall(page))
            wanted = (
                [("quiet", "post, no comments (cached): baseline"), ("commented", "")]
                if cached
                else [("commented", "")]
            )
            for key, label in wanted:
                label = label or f"post, {comments} comments ({'cached' if cached else 'no cache'})"
                row_id = key if cached else f"{key}-nocache"
                result["rows"].append(run._measure(server, row_id, label, paths[key], options))
            if cached:
                label = f"GET /api/comments ({min(comments, 200)} comments)"
                result["rows"].append(run._measure(server, "api", label, paths["api"], options))
                result["rows"].append(measure_posting(server, folder, paths["posting"], options))
    return result


def print_result(result: dict[str, Any]) -> None:
    """The rows, the baseline ratio and each server's memory."""
    print(
        f"\n== Comments: {result['posts']:,} posts, {result['comments']:,} comments on the "
        f"sample post ({result.get('comments_on_page', 0)} shown in its page) =="
    )
    baseline = next((r for r in result["rows"] if r["id"] == "quiet" and r.get("wrk")), None)
    header = f"{'row':<40} {'req/s':>8} {'/base':>6} {'p50 ms':>7} {'p99 ms':>8} {'bytes':>7}"
    print(header + f" {'err':>5} {'cpu µs':>7} {'other':>5}")
    print("-" * (len(header) + 20))
    for row in result["rows"]:
        wrk, used = row.get("wrk") or {}, row.get("cpu") or {}
        if not wrk:
            print(f"{row['label']:<40} failed: {row.get('error', '?')}")
            continue
        ratio = wrk["requests_per_s"] / baseline["wrk"]["requests_per_s"] if baseline else 0.0
        print(
            f"{row['label']:<40} {wrk['requests_per_s']:>8,.0f} {ratio:>6.0%} "
            f"{wrk['p50_ms']:>7.2f} {wrk['p99_ms']:>8.2f} {row['bytes']:>7} {wrk['errors']:>5} "
            f"{used.get('server_us_per_request', 0):>7,.0f} {used.get('other_cores', 0):>5.2f}"
        )
        if row["id"] == "posting":
            print(f"{'  comments stored per second':<40} {row['stored_per_s']:>8,.0f}")
    print("\nresident memory after load (MiB): total of master + workers, largest worker")
    for name, server in result["servers"].items():
        total, worker = server["memory"]["total_mib"], server["memory"]["max_worker_mib"]
        print(f"  {name:<18} total {total:6.1f}  max worker {worker:6.1f}")


def main(argv: list[str] | None = None) -> int:
    """Measure, print, write bench/results/comments.json."""
    posts, comments, options = parse_args(argv)
    content_api.ensure_wrk()
    signal.signal(signal.SIGTERM, run._on_sigterm)
    processes = Processes()
    root = Path(tempfile.mkdtemp(prefix="inkwell-bench-comments-"))
    try:
        options = dataclasses.replace(options, code=run.snapshot_src(root / "code"))
        measured = measure(posts, comments, root, processes, options)
        result = {"meta": run._meta(options), "result": measured}
        print_result(measured)
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
