"""Inkwell's benchmark: `make bench`, or `python bench/run.py [--quick] [--sizes 200,10000]`.

For each site size: generate a feed, import it (timed), build the static site (timed), then
measure one server at a time with wrk: Inkwell with its response cache, Inkwell without it,
nginx serving the post page's bytes as a file, and a bare ASGI app returning them under uvicorn.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpu
import report
import servers
import sitegen
from servers import Processes, Server
from wrk import WrkError, run_wrk

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
SRC = Path(__file__).resolve().parent.parent / "src"
IMPORT_TIMEOUT_S = 1800.0
BUILD_TIMEOUT_S = 3600.0
WORKERS = 2
# Runs of a row while other work disturbed the machine, before keeping the least disturbed.
MAX_ATTEMPTS = 3


class BenchError(RuntimeError):
    """The benchmark cannot go on (a tool is missing, an import failed...)."""


@dataclass(frozen=True)
class Options:
    """How to measure."""

    sizes: tuple[int, ...]
    duration_s: float
    warmup_s: float
    connections: int
    keep: bool
    # The copy of src/ every Inkwell process runs (set once the run's folder exists).
    code: Path | None = None
    threads: int = 2


def parse_args(argv: list[str] | None) -> Options:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(description="Benchmark Inkwell against nginx and bare ASGI.")
    parser.add_argument("--sizes", default="200,10000", help="site sizes in posts (comma list)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--warmup", type=float, default=None, help="seconds of warm-up per run")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections")
    parser.add_argument("--quick", action="store_true", help="200 posts, 3 s runs: a try-out")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes = tuple(sorted({int(s) for s in args.sizes.split(",") if s.strip()}))
    duration = args.duration
    if args.quick:
        sizes, duration = (200,), 3.0
    if not sizes or min(sizes) < sitegen.SAMPLE_POST:
        parser.error(f"every size must be at least {sitegen.SAMPLE_POST} posts")
    warmup = args.warmup if args.warmup is not None else min(3.0, duration)
    return Options(sizes, duration, warmup, args.connections, args.keep)


def ensure_tools() -> None:
    """wrk and nginx from Debian's packages when absent."""
    if shutil.which("wrk") and Path(servers.NGINX).exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError("wrk and nginx are needed: apt-get install wrk nginx")
    print("bench: installing wrk and nginx with apt-get", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "wrk", "nginx"]):
        subprocess.run(command, check=True, env=env, timeout=900)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # so that the finally blocks stop the servers


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the report and write bench/results/latest.json."""
    options = parse_args(argv)
    ensure_tools()
    signal.signal(signal.SIGTERM, _on_sigterm)
    processes = Processes()
    root = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    root.chmod(0o755)  # nginx's workers (nobody) read their file below it
    try:
        options = dataclasses.replace(options, code=snapshot_src(root / "code"))
        results: dict[str, Any] = {"meta": _meta(options), "sizes": {}}
        for index, size in enumerate(options.sizes):
            results["sizes"][str(size)] = bench_size(
                size, root / f"s{size}", processes, options, first=index == 0
            )
        report.report(results, RESULTS)
        kept = RESULTS.with_name(
            f"run-{time.strftime('%Y%m%d-%H%M%S')}-{results['meta']['commit'][:8]}.json"
        )
        shutil.copyfile(RESULTS, kept)
    except (KeyboardInterrupt, SystemExit):
        print("bench: interrupted: stopping every server", file=sys.stderr)
        raise
    finally:
        processes.stop_all()
        if options.keep:
            print(f"bench: kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def bench_size(
    size: int, folder: Path, processes: Processes, options: Options, *, first: bool
) -> dict[str, Any]:
    """Generate, import, build and measure a site of ``size`` posts."""
    folder.mkdir(parents=True)
    _say(f"== {size:,} posts: generating the feed")
    feed = sitegen.generate_feed(folder / "feed.xml", size)
    site = folder / "site"
    site.mkdir()
    env = servers.inkwell_env(site, options.code, INKWELL_LOG_LEVEL="warning")
    python = sys.executable
    _say(f"importing {feed.size_bytes / 1_048_576:.1f} MiB of feed")
    cpu.wait_quiet(None, _say)
    before = cpu.snapshot(None)
    code, import_s = processes.run(
        [python, "-m", "inkwell", "import", "rss", str(feed.path)],
        env=env,
        cwd=site,
        log=site / "import.log",
        timeout_s=IMPORT_TIMEOUT_S,
    )
    if code != 0:
        raise BenchError(f"import failed ({code}): {_tail(site / 'import.log')}")
    import_cpu = cpu.usage(before, cpu.snapshot(None))
    _say(f"imported in {import_s:.1f} s; building the static site")
    out = folder / "out"
    cpu.wait_quiet(None, _say)
    before = cpu.snapshot(None)
    build_exit, build_s = processes.run(
        [python, "-m", "inkwell", "build", str(out)],
        env=env,
        cwd=site,
        log=site / "build.log",
        timeout_s=BUILD_TIMEOUT_S,
    )
    build_cpu = cpu.usage(before, cpu.snapshot(None))
    _say(f"built in {build_s:.1f} s (exit {build_exit}): {_tail(site / 'build.log', 300)}")
    shutil.rmtree(out, ignore_errors=True)
    paths = {"home": "/", "post": feed.post_path, "tag": feed.tag_path, "rss": "/rss/"}
    # The Content API browse (15 posts, tags, authors) with a new integration's key.
    content_api = servers.content_api_path(env, site)
    if content_api is not None:
        paths["content_api"] = content_api
    result: dict[str, Any] = {
        "posts": size,
        "feed_bytes": feed.size_bytes,
        "database_bytes": (site / "inkwell.db").stat().st_size,
        "import_s": import_s,
        "build_s": build_s,
        "build_exit": build_exit,
        # "wrk_cores" is the CPU of the import/build process here (our only child meanwhile).
        "import_cpu": import_cpu,
        "build_cpu": build_cpu,
        "build_output": _tail(site / "build.log", 2000),
        "paths": paths,
        "rows": [],
        "servers": {},
    }
    _measure_all(result, site / "inkwell.db", folder, processes, options, first=first)
    if content_api is not None:  # the key stays out of the results
        hidden = servers.CONTENT_API_BROWSE.format(key="KEY")
        paths["content_api"] = hidden
        for row in result["rows"]:
            row["path"] = hidden if row["path"] == content_api else row["path"]
    return result


def snapshot_src(folder: Path) -> Path:
    """Copy src/ so that every process of the run measures the same code.

    Others may edit the working tree while a run goes on (20 minutes); the copy, first on
    PYTHONPATH, wins over the editable install that points at the working tree.
    """
    shutil.copytree(SRC, folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # Byte-compiled like an installed package (PYTHONDONTWRITEBYTECODE would skip it otherwise).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True, timeout=300)
    probe = subprocess.run(
        [sys.executable, "-c", "import inkwell; print(inkwell.__file__)"],
        env=servers.clean_env(PYTHONPATH=str(folder)),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    if not Path(probe.stdout.strip()).is_relative_to(folder):
        raise BenchError(f"the copy of src/ is not what runs: {probe.stdout.strip()}")
    return folder


def code_fingerprint(folder: Path) -> str:
    """A hash of every file of a copy of src/."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _measure_all(
    result: dict[str, Any],
    database: Path,
    folder: Path,
    processes: Processes,
    options: Options,
    *,
    first: bool,
) -> None:
    paths: dict[str, str] = result["paths"]
    rows: list[dict[str, Any]] = result["rows"]
    body = folder / "post.html"

    def inkwell(name: str, cache: bool, log_level: str = "warning") -> Server:
        return servers.start_inkwell(
            processes,
            database,
            folder / name,
            workers=WORKERS,
            response_cache=cache,
            log_level=log_level,
            ready_path=paths["post"],
            code=options.code,
        )

    with _serving(processes, result, "inkwell-cached", lambda: inkwell("cached", True)) as server:
        status, _, page = servers.fetch(server.port, paths["post"])
        if status != 200:
            raise BenchError(f"the post page {paths['post']} answered {status}")
        body.write_bytes(page)
        for page_id, path in paths.items():
            rows.append(_measure(server, page_id, f"{page_id} (cached)", path, options))
        gzip = ("Accept-Encoding: gzip",)
        rows.append(
            _measure(server, "post-gzip", "post (cached, gzip)", paths["post"], options, gzip)
        )
    with _serving(
        processes, result, "inkwell-uncached", lambda: inkwell("nocache", False)
    ) as server:
        for page_id, path in paths.items():
            label = f"{page_id} (no response cache)"
            rows.append(_measure(server, f"{page_id}-nocache", label, path, options))
    with _serving(
        processes,
        result,
        "nginx",
        lambda: servers.start_nginx(processes, body, folder / "nginx", workers=WORKERS),
    ) as server:
        rows.append(_measure(server, "nginx-post", "nginx: post bytes", "/post.html", options))
    with _serving(
        processes,
        result,
        "bare-asgi",
        lambda: servers.start_bare(processes, body, folder / "bare", workers=WORKERS),
    ) as server:
        rows.append(_measure(server, "bare-post", "bare ASGI: post bytes", "/", options))
    if first:  # does the access log matter? the same cached post page with INKWELL_LOG_LEVEL=info
        with _serving(
            processes, result, "inkwell-loginfo", lambda: inkwell("loginfo", True, "info")
        ) as server:
            label = "post (cached, log level info)"
            rows.append(_measure(server, "post-loginfo", label, paths["post"], options))


@contextmanager
def _serving(
    processes: Processes, result: dict[str, Any], name: str, start: Callable[[], Server]
) -> Iterator[Server]:
    """Start a server, yield it, then record its memory (after the load) and stop it."""
    _say(f"starting {name}")
    server = start()
    try:
        yield server
    finally:
        try:
            result["servers"][name] = {
                "memory": servers.memory(server.process.pid),
                "port": server.port,
            }
        finally:
            processes.stop(server.process)


def _measure(
    server: Server,
    row_id: str,
    label: str,
    path: str,
    options: Options,
    headers: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A warm-up run, then the measured wrk run, of ``path`` on ``server``."""
    wanted = dict(h.split(": ", 1) for h in headers)
    status, response_headers, page = servers.fetch(server.port, path, wanted)
    if status != 200:
        raise BenchError(f"{server.name} answered {status} for {path}")
    row: dict[str, Any] = {
        "id": row_id,
        "label": label,
        "server": server.name,
        "path": path,
        "headers": list(headers),
        "bytes": len(page),
        "content_encoding": response_headers.get("content-encoding", "identity"),
        "wrk": None,
    }
    try:
        row.update(_least_disturbed_run(server, server.url(path), label, options, headers))
    except WrkError as exc:
        row["error"] = str(exc)
        _say(f"  {label}: wrk failed: {exc}")
    return row


def _least_disturbed_run(
    server: Server, url: str, label: str, options: Options, headers: tuple[str, ...]
) -> dict[str, Any]:
    """Warm up then measure, again (up to MAX_ATTEMPTS) while other work disturbs the machine."""
    load = functools.partial(
        run_wrk, url, connections=options.connections, threads=options.threads, headers=headers
    )

    def attempt() -> dict[str, Any]:
        load(duration_s=options.warmup_s)
        before = cpu.snapshot(server.process.pid)
        measured = load(duration_s=options.duration_s)
        used = cpu.usage(before, cpu.snapshot(server.process.pid), measured.requests)
        _say(
            f"  {label:<30} {measured.requests_per_s:>8,.0f} req/s  p50 {measured.p50_ms:6.2f} ms"
            f"  p99 {measured.p99_ms:7.2f} ms  errors {measured.errors}  "
            f"{used['server_us_per_request']:,.0f} µs CPU/request  "
            f"{used['other_cores']:.2f} cores busy elsewhere"
        )
        return {"wrk": measured.as_dict(), "cpu": used}

    return least_disturbed(server, attempt)


def least_disturbed(server: Server, attempt: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Wait for a quiet machine and call ``attempt`` (a warm-up and one measurement, returning
    its figures with their ``cpu`` usage); again, up to MAX_ATTEMPTS, while other work disturbed
    it. The least disturbed figures, with ``attempts`` and ``disturbed``."""
    best: dict[str, Any] = {}
    for tries in range(1, MAX_ATTEMPTS + 1):
        cpu.wait_quiet(server.process.pid, _say)
        figures = attempt()
        if not best or figures["cpu"]["other_cores"] < best["cpu"]["other_cores"]:
            best = figures
        if figures["cpu"]["other_cores"] < cpu.QUIET_CORES:
            break
        if tries < MAX_ATTEMPTS:
            _say("  disturbed by other work on the machine: measuring again")
    best["attempts"] = tries
    best["disturbed"] = best["cpu"]["other_cores"] >= cpu.QUIET_CORES
    return best


def _meta(options: Options) -> dict[str, Any]:
    def output(command: list[str]) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        lines = (done.stdout + done.stderr).strip().splitlines()
        return lines[0] if lines else ""

    import uvicorn

    return {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": output(["git", "-C", str(SRC), "rev-parse", "HEAD"]),
        "src_changed_since_commit": bool(
            output(["git", "-C", str(SRC), "status", "--porcelain", "--", "."])
        ),
        "src_fingerprint": code_fingerprint(options.code) if options.code else "",
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "uvicorn": uvicorn.__version__,
        "nginx": output([servers.NGINX, "-v"]),
        "wrk": output(["wrk", "--version"]),
        "workers": WORKERS,
        "load_average_at_start": os.getloadavg(),
        "options": {
            "sizes": list(options.sizes),
            "duration_s": options.duration_s,
            "warmup_s": options.warmup_s,
            "connections": options.connections,
            "threads": options.threads,
        },
    }


def _tail(path: Path, limit: int = 1500) -> str:
    try:
        return path.read_text(errors="replace").strip()[-limit:]
    except OSError:
        return "(no output)"


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(1)
