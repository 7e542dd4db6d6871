"""Print the results as tables with the targets (PASS/MISS), and write them as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Results = dict[str, Any]
Row = dict[str, Any]

BIG_SITE = 10_000
PAGES = ("home", "post", "tag", "rss")


def rows_by_id(size: Results) -> dict[str, Row]:
    """The measured rows of one site size, by id."""
    return {row["id"]: row for row in size["rows"]}


def rps(row: Row | None) -> float | None:
    """Requests per second of a row, or None when it was not measured."""
    return None if row is None or row.get("wrk") is None else float(row["wrk"]["requests_per_s"])


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def _fmt(value: float | None, spec: str, suffix: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{suffix}"


def print_size(size: Results) -> None:
    """The table of one site size: every row, its ratios to nginx and to the bare ASGI app."""
    rows = rows_by_id(size)
    nginx, bare = rps(rows.get("nginx-post")), rps(rows.get("bare-post"))
    print(f"\n== {size['posts']:,} posts ==")
    print(
        f"import {size['import_s']:.1f} s, build {size['build_s']:.1f} s "
        f"(exit {size['build_exit']}), feed {size['feed_bytes'] / 1_048_576:.1f} MiB, "
        f"database {size['database_bytes'] / 1_048_576:.1f} MiB; cores busy elsewhere meanwhile: "
        f"{size['import_cpu']['other_cores']:.2f} (import), {size['build_cpu']['other_cores']:.2f} "
        "(build)"
    )
    header = (
        f"{'row':<32} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'bytes':>6} {'err':>4} "
        f"{'/nginx':>6} {'/bare':>6} {'cpu µs':>7} {'other':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in size["rows"]:
        wrk, cpu = row.get("wrk") or {}, row.get("cpu") or {}
        value = rps(row)
        print(
            f"{row['label']:<32} {_fmt(value, ',.0f'):>8} {_fmt(wrk.get('p50_ms'), '.2f'):>7} "
            f"{_fmt(wrk.get('p99_ms'), '.2f'):>7} {row.get('bytes', 0):>6} "
            f"{wrk.get('errors', '-'):>4} {_fmt(_ratio(value, nginx), '.0%'):>6} "
            f"{_fmt(_ratio(value, bare), '.0%'):>6} "
            f"{_fmt(cpu.get('server_us_per_request'), ',.0f'):>7} "
            f"{_fmt(cpu.get('other_cores'), '.2f'):>5}{' !' if row.get('disturbed') else ''}"
        )
    print(
        "cpu µs: CPU time (user + system) the server's processes used per request; other: "
        "cores busy with neither the server nor wrk during the run (noise from elsewhere; "
        "'!' marks a row still disturbed after its retries)"
    )
    print_memory(size["servers"])


def print_memory(servers: dict[str, Any]) -> None:
    """Each server's resident memory after its load (``servers``: name -> {"memory": ...})."""
    print("\nresident memory after load (MiB): total of master + workers, largest worker")
    for name, server in servers.items():
        memory = server["memory"]
        roles = ", ".join(f"{p['role']} {p['rss_mib']:.0f}" for p in memory["processes"])
        print(
            f"  {name:<18} total {memory['total_mib']:6.1f}  "
            f"max worker {memory['max_worker_mib']:6.1f}  ({roles})"
        )


def print_scaling(small: Results, large: Results) -> None:
    """The same pages at the smallest and the largest size, side by side."""
    a, b = rows_by_id(small), rows_by_id(large)
    print(f"\n== cost growth: {small['posts']:,} -> {large['posts']:,} posts ==")
    header = (
        f"{'row':<22} {'req/s small':>11} {'req/s large':>11} {'ratio':>6} "
        f"{'p99 small':>9} {'p99 large':>9}"
    )
    print(header)
    print("-" * len(header))
    for row_id, row in a.items():
        other = b.get(row_id)
        if other is None or not row_id.startswith(PAGES):
            continue
        print(
            f"{row_id:<22} {_fmt(rps(row), ',.0f'):>11} {_fmt(rps(other), ',.0f'):>11} "
            f"{_fmt(_ratio(rps(other), rps(row)), '.0%'):>6} "
            f"{_fmt(row['wrk']['p99_ms'], '.2f'):>9} {_fmt(other['wrk']['p99_ms'], '.2f'):>9}"
        )


def target(name: str, value: float | None, goal: str, ok: bool | None, note: str = "") -> Row:
    """One target's row: its measured value and PASS, MISS or n/a (not measured)."""
    status = "n/a" if ok is None or value is None else ("PASS" if ok else "MISS")
    return {"target": name, "value": value, "goal": goal, "status": status, "note": note}


def _per_size_targets(size: Results) -> Iterator[Row]:
    rows = rows_by_id(size)
    tag = f"[{size['posts']:,}]"
    post = rows.get("post")
    post_rps = rps(post)
    nginx = _ratio(post_rps, rps(rows.get("nginx-post")))
    bare = _ratio(post_rps, rps(rows.get("bare-post")))
    p99 = None if post is None else float(post["wrk"]["p99_ms"])
    nocache = rps(rows.get("post-nocache"))
    yield target(f"{tag} cached post req/s vs nginx", nginx, ">= 40%", _at_least(nginx, 0.40))
    yield target(f"{tag} cached post req/s vs bare ASGI", bare, ">= 80%", _at_least(bare, 0.80))
    yield target(f"{tag} cached post p99 (ms)", p99, "< 15 ms", None if p99 is None else p99 < 15)
    yield target(f"{tag} uncached post req/s", nocache, ">= 1,000", _at_least(nocache, 1000))


def _at_least(value: float | None, floor: float) -> bool | None:
    return None if value is None else value >= floor


def evaluate_targets(results: Results) -> list[Row]:
    """Every target of the issue with its value and PASS/MISS (n/a when not measured)."""
    sizes = [results["sizes"][key] for key in sorted(results["sizes"], key=int)]
    targets: list[Row] = []
    for size in sizes:
        targets.extend(_per_size_targets(size))
    small, large = sizes[0], sizes[-1]
    big = large["posts"] >= BIG_SITE
    note = "" if big else f"largest size measured is {large['posts']:,}, target is at {BIG_SITE:,}"
    if len(sizes) > 1:
        a, b = rows_by_id(small), rows_by_id(large)
        for row_id in (*PAGES, *(f"{page}-nocache" for page in PAGES)):
            ratio = _ratio(rps(b.get(row_id)), rps(a.get(row_id)))
            floor = 0.75 if row_id.endswith("-nocache") else 0.90
            targets.append(
                target(
                    f"{row_id} at {large['posts']:,} vs {small['posts']:,} posts",
                    ratio,
                    f">= {floor:.0%}",
                    _at_least(ratio, floor) if big else None,
                    note,
                )
            )
    worst = max(
        (
            server["memory"]["max_worker_mib"]
            for name, server in large["servers"].items()
            if name.startswith("inkwell")
        ),
        default=None,
    )
    targets.append(
        target(
            f"memory per web process at {large['posts']:,} posts (MiB)",
            worst,
            "< 150 MiB",
            None if not big or worst is None else worst < 150,
            note,
        )
    )
    imported = float(large["import_s"])
    targets.append(
        target(
            f"import of {large['posts']:,} posts (s)",
            imported,
            "< 60 s",
            None if not big else imported < 60,
            note,
        )
    )
    return targets


def print_targets(targets: list[Row]) -> None:
    """One line per target."""
    print("\n== targets ==")
    for target in targets:
        value = target["value"]
        shown = "-"
        if value is not None:
            shown = f"{value:.1%}" if "%" in target["goal"] else f"{value:,.1f}"
        note = f"  ({target['note']})" if target["note"] else ""
        print(f"{target['status']:<5} {target['target']:<52} {shown:>9}  {target['goal']}{note}")


def report(results: Results, path: Path) -> None:
    """Print everything and write ``results`` (with the targets) to ``path`` as JSON."""
    sizes = [results["sizes"][key] for key in sorted(results["sizes"], key=int)]
    for size in sizes:
        print_size(size)
    if len(sizes) > 1:
        print_scaling(sizes[0], sizes[-1])
    results["targets"] = evaluate_targets(results)
    print_targets(results["targets"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {path}")


if __name__ == "__main__":
    # Print a saved run again: python bench/report.py [bench/results/latest.json]
    saved = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results/latest.json"
    )
    report(json.loads(saved.read_text()), saved)
