"""The analytics run's figures: events accepted, persisted and dropped; the tables; the targets."""

from __future__ import annotations

from typing import Any

import report
import run
from wrk import WrkResult

# The issue's targets: the cached page's p99 raised by no more than this share while events
# pour in, and this many events persisted per second on the 2-core machine meanwhile.
MAX_P99_RAISE = 0.20
MIN_PERSISTED_PER_S = 5_000.0
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def ingestion(
    events: WrkResult,
    persisted: int,
    stored_during_load: int,
    *,
    load_s: float,
    until_last_row_s: float,
) -> dict[str, Any]:
    """Events accepted (202, not dropped), dropped (by reason) and persisted, and their rates.

    ``persisted``: rows added from the load's start until the writer had drained;
    ``until_last_row_s``: from the load's start to the last of them (the rate's denominator,
    so a writer lagging behind shows). ``stored_during_load``: rows already there when the
    load stopped."""
    script = events.script_report or {}
    dropped: dict[str, int] = script.get("dropped", {})
    statuses: dict[str, int] = script.get("statuses", {})
    accepted = statuses.get("202", 0) - sum(dropped.values())
    return {
        "statuses": statuses,
        "accepted": accepted,
        "accepted_per_s": accepted / events.duration_s if events.duration_s else 0.0,
        "dropped": sum(dropped.values()),
        "dropped_by_reason": dropped,
        "persisted": persisted,
        "persisted_per_s": persisted / until_last_row_s if until_last_row_s else 0.0,
        "persisted_during_load_per_s": stored_during_load / load_s if load_s else 0.0,
        # wrk does not count the answers in flight when it stops; the server still stores them.
        "not_persisted": max(0, accepted - persisted),
        "drain_s": max(0.0, until_last_row_s - load_s),
    }


def say_phase(label: str, figures: dict[str, Any]) -> None:
    """One progress line for an ingestion phase."""
    wrk = figures["wrk"]
    page = figures.get("page_wrk")
    beside = (
        f"; page {page['requests_per_s']:,.0f} req/s p99 {page['p99_ms']:.2f} ms" if page else ""
    )
    run._say(
        f"  {label:<40} {figures['accepted_per_s']:>8,.0f} accepted/s "
        f"{figures['persisted_per_s']:>8,.0f} persisted/s  dropped {figures['dropped']}  "
        f"errors {wrk['errors']}  p99 {wrk['p99_ms']:.2f} ms{beside}  "
        f"{figures['cpu']['other_cores']:.2f} cores busy elsewhere"
    )


def _rows(engine: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in engine.get("rows", ())}


def _p99(row: dict[str, Any] | None) -> float | None:
    wrk = (row or {}).get("wrk")
    return None if not wrk else float(wrk["p99_ms"])


def targets(engines: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets on every database (n/a where it was skipped or failed): the page's p99 beside
    the events (flat out, and paced when measured) against its p99 alone, and the events
    persisted per second beside the page (flat out: what the server can take)."""
    found = []
    for name, engine in engines.items():
        rows, tag = _rows(engine), f"[{ENGINE_NAMES.get(name, name)}]"
        note = engine.get("skipped", "").splitlines()[0][:60] if engine.get("skipped") else ""
        alone = _p99(rows.get("page"))
        for suffix, beside in (("", "events"), ("-paced", "paced events")):
            if suffix and f"page-with-events{suffix}" not in rows:
                continue
            with_events = _p99(rows.get(f"page-with-events{suffix}"))
            raised = None if alone is None or with_events is None else with_events / alone - 1
            ok = None if raised is None else raised <= MAX_P99_RAISE
            goal = f"<= +{MAX_P99_RAISE:.0%}"
            found.append(
                report.target(f"{tag} page p99 with {beside} vs alone", raised, goal, ok, note)
            )
        if "page-with-events-readers" in rows:
            alone_at_rate = _p99(rows.get("page-at-rate"))
            with_beacons = _p99(rows.get("page-with-events-readers"))
            raised = None
            if alone_at_rate is not None and with_beacons is not None:
                raised = with_beacons / alone_at_rate - 1
            found.append(
                report.target(
                    f"{tag} page p99 at a rate, its beacons too, vs alone at that rate",
                    raised,
                    f"<= +{MAX_P99_RAISE:.0%}",
                    None if raised is None else raised <= MAX_P99_RAISE,
                    note,
                )
            )
        persisted = rows.get("events-with-page", {}).get("persisted_per_s")
        found.append(
            report.target(
                f"{tag} events persisted/s beside the page",
                persisted,
                f">= {MIN_PERSISTED_PER_S:,.0f}",
                None if persisted is None else persisted >= MIN_PERSISTED_PER_S,
                note,
            )
        )
    return found


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else f"{value:{spec}}"


def print_engine(engine: dict[str, Any], plan: dict[str, Any], options: dict[str, Any]) -> None:
    """The table of one database: every load, then the ingestion figures."""
    name = ENGINE_NAMES.get(engine["engine"], engine["engine"])
    if engine.get("skipped"):
        print(f"\n== {name}: skipped ({engine['skipped']}) ==")
        return
    print(
        f"\n== {name}: inkwell serve --workers {run.WORKERS}, {engine['posts']:,} posts (import "
        f"{engine['import_s']:.1f} s); wrk -t{options['threads']} -c{options['connections']} "
        f"per load, {options['duration_s']:.0f} s =="
    )
    header = (
        f"{'load':<40} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>8} {'err':>5} "
        f"{'cpu µs':>7} {'other':>5}"
    )
    print(header + "\n" + "-" * len(header))
    for row in engine["rows"]:
        wrk, used = row.get("wrk") or {}, row.get("cpu") or {}
        if not wrk:
            print(f"{row['label']:<40} failed: {row.get('error', '?')}")
            continue
        print(
            f"{row['label']:<40} {wrk['requests_per_s']:>8,.0f} {wrk['p50_ms']:>7.2f} "
            f"{wrk['p90_ms']:>7.2f} {wrk['p99_ms']:>8.2f} {wrk['errors']:>5} "
            f"{_fmt(used.get('server_us_per_request'), ',.0f'):>7} "
            f"{_fmt(used.get('other_cores'), '.2f'):>5}{' !' if row.get('disturbed') else ''}"
        )
    print("cpu µs: the server's CPU time per request (both loads' requests when together)")
    header = (
        f"{'events':<40} {'accepted/s':>10} {'persisted/s':>11} {'in load/s':>9} "
        f"{'persisted':>9} {'dropped':>7} {'drain s':>7}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for row in engine["rows"]:
        if "persisted" not in row:
            continue
        print(
            f"{row['label']:<40} {row['accepted_per_s']:>10,.0f} {row['persisted_per_s']:>11,.0f} "
            f"{row['persisted_during_load_per_s']:>9,.0f} {row['persisted']:>9,} "
            f"{row['dropped']:>7,} {row['drain_s']:>7.2f}"
        )
        for reason, count in row["dropped_by_reason"].items():
            print(f"  dropped, {reason}: {count:,}")
    print(
        "persisted/s: rows stored from the load's start until the writer had drained (flushes "
        f"every {plan['flush_ms']} ms at most); in load/s: rows already stored when wrk stopped"
    )
    report.print_memory(engine["servers"])


def print_results(results: dict[str, Any]) -> None:
    """Every database's table, then the targets."""
    options = results["meta"]["options"]
    for engine in results["databases"].values():
        print_engine(engine, results["plan"], options)
    report.print_targets(results["targets"])
