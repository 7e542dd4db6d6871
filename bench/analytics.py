"""Analytics ingestion beside the page benchmark: ``python bench/analytics.py [--quick]``.

Generates a blog (``sitegen.py``) and, on SQLite and then on PostgreSQL (a scratch database made
and dropped with the CI role; skipped, saying why, when the server is unreachable), imports it
and starts ``inkwell serve --workers 2`` with ``INKWELL_TRUSTED_PROXIES=127.0.0.1`` (so the
simulated readers' ``X-Forwarded-For`` addresses are believed). Then, with wrk as ``run.py``
measures (quiet machine, warm-up, retries when disturbed), each load ``-t1 -c32``:

1. the baseline: the cached post page alone;
2. ingestion alone: page views in Plausible's Events API format posted to ``/api/event``
   (``eventgen.py``): events accepted per second (202 without ``X-Inkwell-Dropped``) and
   persisted per second (``analytics_events`` rows counted before and once the writer has
   drained, over the time from the load's start to the last row), dropped events by reason;
3. both at once, two wrk processes: the page's p99 next to the baseline's (target: raised by no
   more than 20 %) and the ingestion rate alongside (target: >= 5,000 events persisted per s);
4. both at once again, the events paced at ``--events-rate`` (5,000 a second by default, the
   target rate; 0 leaves this phase out): the page's p99 while a given rate comes in, rather
   than while the event load takes every cycle the server can give it.

Prints a table per database, each server's resident memory after its load and the targets with
PASS/MISS, and writes ``bench/results/analytics.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import analytics_report
import content_api
import cpu
import databases
import eventgen
import run
import servers
import sitegen
from analytics_phases import (
    DEFAULT_FLUSH_MS,
    EVENT_PATH,
    TABLE,
    Plan,
    both,
    ingest,
    paced_page_alone,
)
from servers import Processes, Server

RESULTS = Path(__file__).resolve().parent / "results" / "analytics.json"


def parse_args(argv: list[str] | None) -> Plan:
    """The plan from the command line."""
    parser = argparse.ArgumentParser(description="Benchmark analytics ingestion beside pages.")
    parser.add_argument("--posts", type=int, default=200, help="posts in the generated site")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32, help="connections per wrk load")
    parser.add_argument("--threads", type=int, default=1, help="threads per wrk load")
    parser.add_argument("--databases", default="sqlite,postgresql", help="engines (comma list)")
    parser.add_argument(
        "--events-rate",
        type=float,
        default=analytics_report.MIN_PERSISTED_PER_S,
        help="events/s of the paced phase (0: no paced phase)",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("INKWELL_TEST_POSTGRES_URL", databases.POSTGRES_ADMIN_URL),
        help="a PostgreSQL URL of a role that may create databases",
    )
    for name in ("flush-ms", "batch-size", "buffer"):
        parser.add_argument(
            f"--{name}", type=int, help=f"INKWELL_ANALYTICS_{name.upper().replace('-', '_')}"
        )
    parser.add_argument("--quick", action="store_true", help="100 posts, 3 s runs: a smoke run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--quiet-wait", type=float, help="most seconds to wait for quiet")
    parser.add_argument("--attempts", type=int, help="runs of a disturbed row, at most")
    args = parser.parse_args(argv)
    engines = tuple(e.strip() for e in args.databases.split(",") if e.strip())
    if not engines or set(engines) - {"sqlite", "postgresql"}:
        parser.error("--databases takes sqlite and/or postgresql")
    posts, duration = args.posts, args.duration
    if args.quick:  # a try-out of the script: do not wait long for a machine others share
        posts, duration = sitegen.SAMPLE_POST, 3.0
        args.quiet_wait = 5.0 if args.quiet_wait is None else args.quiet_wait
        args.attempts = 1 if args.attempts is None else args.attempts
    if posts < sitegen.SAMPLE_POST:
        parser.error(f"--posts must be at least {sitegen.SAMPLE_POST}")
    if args.events_rate < 0 or args.threads < 1 or args.connections < args.threads:
        parser.error("--events-rate >= 0, --threads >= 1 and --connections >= --threads")
    cpu.QUIET_WAIT_S = cpu.QUIET_WAIT_S if args.quiet_wait is None else args.quiet_wait
    run.MAX_ATTEMPTS = max(1, args.attempts or run.MAX_ATTEMPTS)
    options = run.Options(
        (posts,), duration, min(3.0, duration / 3), args.connections, args.keep, None, args.threads
    )
    env = {"INKWELL_TRUSTED_PROXIES": servers.HOST}
    for name in ("flush_ms", "batch_size", "buffer"):
        if getattr(args, name) is not None:
            env[f"INKWELL_ANALYTICS_{name.upper()}"] = str(getattr(args, name))
    flush_ms = args.flush_ms or DEFAULT_FLUSH_MS
    return Plan(posts, options, engines, args.postgres, env, flush_ms, args.events_rate)


def main(argv: list[str] | None = None) -> int:
    """Measure on each database, print, write bench/results/analytics.json."""
    plan = parse_args(argv)
    content_api.ensure_wrk()
    signal.signal(signal.SIGTERM, run._on_sigterm)
    processes = Processes()
    root = Path(tempfile.mkdtemp(prefix="inkwell-bench-analytics-"))
    try:
        options = dataclasses.replace(plan.options, code=run.snapshot_src(root / "code"))
        plan = dataclasses.replace(plan, options=options)
        feed = sitegen.generate_feed(root / "feed.xml", plan.posts)
        scripts = _scripts(root, plan)
        results: dict[str, Any] = {"meta": run._meta(options), "plan": _described(plan)}
        results["databases"] = {
            engine: on_engine(engine, root / engine, feed, scripts, processes, plan)
            for engine in plan.engines
        }
        results["targets"] = analytics_report.targets(results["databases"])
        analytics_report.print_results(results)
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwritten to {RESULTS} at {time.strftime('%H:%M:%S')}")
    finally:
        processes.stop_all()
        if plan.options.keep:
            print(f"bench: kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def _scripts(folder: Path, plan: Plan) -> dict[str, Path]:
    """The wrk scripts: events "flat" (as fast as answered) and "paced" (``plan.events_rate``),
    and the page paced at that rate ("page-paced")."""
    scripts = {"flat": eventgen.write_script(folder / "events.lua", plan.posts, EVENT_PATH)}
    if plan.events_rate:
        per_thread = plan.events_rate / plan.options.threads
        paced = folder / "events-paced.lua"
        scripts["paced"] = eventgen.write_script(paced, plan.posts, EVENT_PATH, per_thread)
        page = folder / "page-paced.lua"
        scripts["page-paced"] = eventgen.write_paced_page_script(page, per_thread)
    return scripts


def _described(plan: Plan) -> dict[str, Any]:
    return {
        "posts": plan.posts,
        "events_rate": plan.events_rate,
        "engines": list(plan.engines),
        "server_env": plan.server_env,
        "flush_ms": plan.flush_ms,
        "settle_s": plan.settle_s,
        "event_bodies": eventgen.BODIES,
        "agents": len(set(eventgen.AGENTS)),
    }


def on_engine(
    engine: str,
    folder: Path,
    feed: sitegen.Feed,
    scripts: dict[str, Path],
    processes: Processes,
    plan: Plan,
) -> dict[str, Any]:
    """Import the site into ``engine``'s database and measure it (PostgreSQL: a scratch one)."""
    folder.mkdir(parents=True)
    if engine == "sqlite":
        return measure_engine(engine, folder, feed, scripts, processes, plan, None)
    try:
        databases.check_postgres(plan.postgres_admin_url)
    except databases.PostgresUnreachable as exc:
        reason = f"PostgreSQL unreachable at {databases.shown_url(plan.postgres_admin_url)}: {exc}"
        run._say(f"skipping PostgreSQL: {reason.splitlines()[0]}")
        return {"engine": engine, "skipped": reason}
    with databases.postgres_database(plan.postgres_admin_url) as url:
        return measure_engine(engine, folder, feed, scripts, processes, plan, url)


def measure_engine(
    engine: str,
    folder: Path,
    feed: sitegen.Feed,
    scripts: dict[str, Path],
    processes: Processes,
    plan: Plan,
    database_url: str | None,
) -> dict[str, Any]:
    """Every phase on one server over one database."""
    site = folder / "site"
    site.mkdir()
    run._say(f"== {engine}: importing {plan.posts:,} posts")
    env = servers.inkwell_env(site, plan.options.code, database_url=database_url)
    code, import_s = processes.run(
        [sys.executable, "-m", "inkwell", "import", "rss", str(feed.path)],
        env=env,
        cwd=site,
        log=site / "import.log",
        timeout_s=run.IMPORT_TIMEOUT_S,
    )
    if code != 0:
        raise run.BenchError(f"import failed ({code}): {run._tail(site / 'import.log')}")
    result: dict[str, Any] = {"engine": engine, "posts": plan.posts, "import_s": import_s}
    result["database"] = databases.shown_url(database_url) if database_url else "an SQLite file"
    result.update(page=feed.post_path, rows=[], servers={})

    def start() -> Server:
        return servers.start_inkwell(
            processes,
            site / "inkwell.db",
            folder / "server",
            workers=run.WORKERS,
            response_cache=True,
            ready_path=feed.post_path,
            code=plan.options.code,
            database_url=database_url,
            extra_env=plan.server_env,
        )

    with run._serving(processes, result, f"inkwell-{engine}", start) as server:
        try_endpoint(server, plan.posts)
        url = database_url or f"sqlite:///{server.folder / 'inkwell.db'}"
        with databases.RowCounter(url, TABLE) as counter:
            label = "post page alone (baseline)"
            result["rows"].append(run._measure(server, "page", label, feed.post_path, plan.options))
            result["rows"].append(ingest(server, counter, scripts["flat"], plan))
            page_url = server.url(feed.post_path)
            result["rows"].extend(both(server, counter, scripts["flat"], page_url, plan, "flat"))
            if "paced" in scripts:
                paced, page_paced = scripts["paced"], scripts["page-paced"]
                result["rows"].extend(both(server, counter, paced, page_url, plan, "paced"))
                result["rows"].append(paced_page_alone(server, page_paced, page_url, plan))
                result["rows"].extend(
                    both(server, counter, paced, page_url, plan, "readers", page_paced)
                )
    return result


def try_endpoint(server: Server, posts: int) -> None:
    """Post one event; a BenchError unless it is accepted (202, not dropped)."""
    body, headers = eventgen.probe(posts)
    status, answer, text = servers.fetch(server.port, EVENT_PATH, headers, method="POST", body=body)
    dropped = answer.get("x-inkwell-dropped")
    if status != 202 or dropped:
        why = f"dropped: {dropped}" if dropped else text.decode(errors="replace")[:300]
        raise run.BenchError(f"{EVENT_PATH} answered {status} to a page view ({why})")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except run.BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(1)
