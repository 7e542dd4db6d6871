"""The analytics run's phases: the event load alone and beside the page load, each measured
once the count of stored events has settled, with the least disturbed of its attempts kept.

``analytics.py`` runs them; ``analytics_report.py`` turns their figures into rates and tables.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import analytics_report
import cpu
import databases
import run
from servers import Server
from wrk import WrkError, WrkResult, run_wrk

from inkwell.settings import Settings

EVENT_PATH = "/api/event"
TABLE = "analytics_events"
# The writer's flush interval when none is given: Inkwell's default INKWELL_ANALYTICS_FLUSH_MS.
DEFAULT_FLUSH_MS = int(Settings.model_fields["analytics_flush_ms"].default)
# The count of stored events has settled once it has not moved for this many flush intervals.
SETTLED_AFTER_FLUSHES = 3


@dataclasses.dataclass(frozen=True)
class Plan:
    """What to measure, and how."""

    posts: int
    options: run.Options
    engines: tuple[str, ...]
    postgres_admin_url: str
    server_env: dict[str, str]
    flush_ms: int
    events_rate: float

    @property
    def settle_s(self) -> float:
        """How long the stored count must stay still before it is read as final."""
        return max(1.0, SETTLED_AFTER_FLUSHES * self.flush_ms / 1000)


def ingest(
    server: Server, counter: databases.RowCounter, script: Path, plan: Plan
) -> dict[str, Any]:
    """Ingestion alone: events accepted and persisted per second."""
    row = {"id": "events", "label": "events alone", "path": EVENT_PATH}
    return _phase(server, row, counter, _events_load(server, script, plan), None, plan)


PACES = {"flat": "", "paced": "-paced", "readers": "-readers"}
"""How the loads run at once: events flat out beside the page flat out; events at a rate
beside the page flat out; both at the same rate, one beacon per page view ("readers")."""


def paced_page_alone(
    server: Server, page_script: Path, page_url: str, plan: Plan
) -> dict[str, Any]:
    """The post page at ``plan.events_rate`` requests a second, alone: the baseline of the
    "readers" pace."""
    row: dict[str, Any] = {
        "id": "page-at-rate",
        "label": f"post page at {plan.events_rate:,.0f}/s alone",
        "path": page_url.removeprefix(server.url("")),
    }
    load = _load(page_url, plan, page_script)

    def attempt() -> dict[str, Any]:
        load(plan.options.warmup_s)
        before = cpu.snapshot(server.process.pid)
        measured = load(plan.options.duration_s)
        used = cpu.usage(before, cpu.snapshot(server.process.pid), measured.requests)
        run._say(
            f"  {row['label']:<40} {measured.requests_per_s:>8,.0f} req/s  "
            f"p99 {measured.p99_ms:.2f} ms  {used['other_cores']:.2f} cores busy elsewhere"
        )
        return {"wrk": measured.as_dict(), "cpu": used}

    return _measured(server, row, attempt)


def _measured(
    server: Server, row: dict[str, Any], attempt: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """``row`` with the least disturbed of ``attempt``'s figures, or with wrk's error."""
    try:
        row.update(run.least_disturbed(server, attempt))
    except WrkError as exc:
        row["error"] = str(exc)
        run._say(f"  {row['label']}: wrk failed: {exc}")
    return row


def both(
    server: Server,
    counter: databases.RowCounter,
    script: Path,
    page_url: str,
    plan: Plan,
    pace: str,
    page_script: Path | None = None,
) -> list[dict[str, Any]]:
    """The page benchmark and ingestion at once: a row for each, with the same CPU figures.

    ``pace``: one of ``PACES``; "readers" wants ``page_script``, the page's paced script."""
    page_load = _load(page_url, plan, page_script)
    suffix = PACES[pace]
    beside = "events" if pace == "flat" else f"events at {plan.events_rate:,.0f}/s"
    page_label = "post page" if pace != "readers" else f"post page at {plan.events_rate:,.0f}/s"
    row = {"id": f"events-with-page{suffix}", "label": f"{beside}, page meanwhile"}
    row["path"] = EVENT_PATH
    events = _phase(server, row, counter, _events_load(server, script, plan), page_load, plan)
    page = {
        "id": f"page-with-events{suffix}",
        "label": f"{page_label}, {beside} meanwhile",
        "path": page_url.removeprefix(server.url("")),
        "wrk": events.pop("page_wrk", None),
        "cpu": events.get("cpu"),
        "attempts": events.get("attempts"),
        "disturbed": events.get("disturbed"),
    }
    return [page, events]


Load = Callable[[float], WrkResult]


def _load(url: str, plan: Plan, script: Path | None) -> Load:
    def load(duration_s: float) -> WrkResult:
        return run_wrk(
            url,
            duration_s=duration_s,
            connections=plan.options.connections,
            threads=plan.options.threads,
            script=script,
        )

    return load


def _events_load(server: Server, script: Path, plan: Plan) -> Load:
    return _load(server.url(EVENT_PATH), plan, script)


def _together(loads: list[Load], duration_s: float) -> list[WrkResult]:
    """Run the loads at the same time (a wrk process each); their results in order."""
    with ThreadPoolExecutor(max_workers=len(loads)) as pool:
        futures = [pool.submit(load, duration_s) for load in loads]
        return [future.result() for future in futures]


def _phase(
    server: Server,
    row: dict[str, Any],
    counter: databases.RowCounter,
    events: Load,
    page: Load | None,
    plan: Plan,
) -> dict[str, Any]:
    """Warm up, then measure the event load (and the page load beside it) once the stored
    count has settled; again while the machine was disturbed (``run.least_disturbed``)."""
    loads = [events] if page is None else [events, page]
    options = plan.options

    def settled() -> tuple[int, float]:
        return databases.settled_count(counter, still_s=plan.settle_s, poll_s=0.1)

    def attempt() -> dict[str, Any]:
        _together(loads, options.warmup_s)
        stored_before, _ = settled()
        before = cpu.snapshot(server.process.pid)
        started = time.monotonic()
        measured = _together(loads, options.duration_s)
        ended = time.monotonic()
        used = cpu.usage(
            before, cpu.snapshot(server.process.pid), sum(m.requests for m in measured)
        )
        stored_at_end = counter()
        stored_after, last_row_at = settled()
        figures = analytics_report.ingestion(
            measured[0],
            stored_after - stored_before,
            stored_at_end - stored_before,
            load_s=ended - started,
            until_last_row_s=max(ended, last_row_at) - started,
        )
        figures.update(wrk=measured[0].as_dict(), cpu=used)
        if page is not None:
            figures["page_wrk"] = measured[1].as_dict()
        analytics_report.say_phase(row["label"], figures)
        return figures

    return _measured(server, row, attempt)
