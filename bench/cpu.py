"""Where the CPU goes during a run, and waiting for a quiet machine before one.

On a 2-core machine, anything else running (a test suite, a browser) changes the figures a lot.
"other" is the CPU that neither the server under test nor wrk used; rows measured while it was
high are retried, and it is recorded with every row.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from servers import descendants

_TICKS = os.sysconf("SC_CLK_TCK")
# Cores busy elsewhere above which a measurement counts as disturbed.
QUIET_CORES = 0.10
QUIET_WAIT_S = 180.0
# Consecutive quiet seconds needed: test suites are bursty and pause for a second now and then.
QUIET_SECONDS = 3


@dataclass(frozen=True)
class Snapshot:
    """CPU counters at one instant (seconds)."""

    wall: float
    tree: float
    machine_busy: float
    machine_iowait: float
    children: float


def tree_cpu_s(root: int | None) -> float:
    """CPU seconds (user + system) used so far by ``root`` and its live descendants."""
    if root is None:
        return 0.0
    total = 0
    for pid in [root, *descendants(root)]:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])
    return total / _TICKS


def machine_cpu_s() -> tuple[float, float]:
    """(busy, iowait) CPU seconds of the whole machine since boot; busy is all but idle and
    iowait (time waiting for the disk, e.g. database pages not in the page cache)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / _TICKS, values[4] / _TICKS


def snapshot(root: int | None) -> Snapshot:
    """Counters now: the tree under ``root``, the machine, and our waited-for children (wrk)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy, iowait = machine_cpu_s()
    return Snapshot(
        wall=time.monotonic(),
        tree=tree_cpu_s(root),
        machine_busy=busy,
        machine_iowait=iowait,
        children=children.ru_utime + children.ru_stime,
    )


def usage(before: Snapshot, after: Snapshot, requests: int = 0) -> dict[str, float]:
    """CPU use between two snapshots; "other" is what neither the tree nor our children used."""
    wall = max(after.wall - before.wall, 1e-9)
    tree = after.tree - before.tree
    children = after.children - before.children
    busy = after.machine_busy - before.machine_busy
    return {
        "server_us_per_request": tree / requests * 1e6 if requests else 0.0,
        "server_cores": tree / wall,
        "wrk_cores": children / wall,
        "machine_busy_cores": busy / wall,
        "iowait_cores": (after.machine_iowait - before.machine_iowait) / wall,
        "other_cores": max(0.0, (busy - tree - children) / wall),
    }


def wait_quiet(root: int | None, say: Callable[[str], None]) -> float:
    """Wait (at most QUIET_WAIT_S) for QUIET_SECONDS in a row with little busy outside ``root``."""
    deadline = time.monotonic() + QUIET_WAIT_S
    load = 0.0
    told = False
    quiet = 0
    while time.monotonic() < deadline:
        before = snapshot(root)
        time.sleep(1.0)
        load = usage(before, snapshot(root))["other_cores"]
        quiet = quiet + 1 if load < QUIET_CORES else 0
        if quiet >= QUIET_SECONDS:
            return load
        if quiet == 0 and not told:
            say(f"  waiting for the machine to quieten ({load:.2f} cores busy elsewhere)")
            told = True
    say(f"  still {load:.2f} cores busy elsewhere after {QUIET_WAIT_S:.0f} s: measuring anyway")
    return load
