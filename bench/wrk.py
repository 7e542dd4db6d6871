"""Run wrk against one URL and read its ``--latency`` report.

A Lua script may add figures of its own to the report: a line ``script report: {JSON}`` printed
by its ``done`` function lands in ``WrkResult.script_report`` (the analytics run counts its
responses by status and by the reason a dropped event gives).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_LATENCY = re.compile(
    r"^\s*Latency\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)",
    re.MULTILINE,
)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TRANSFER = re.compile(r"^Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_BYTES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}
SCRIPT_REPORT = "script report: "
_SCRIPT_REPORT = re.compile(rf"^{SCRIPT_REPORT}(.*)$", re.MULTILINE)


class WrkError(RuntimeError):
    """wrk failed or printed something that is not its report."""


@dataclass
class WrkResult:
    """What one wrk run measured (times in milliseconds)."""

    requests_per_s: float
    p50_ms: float
    p75_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    stdev_ms: float
    max_ms: float
    requests: int
    duration_s: float
    transfer_bytes_per_s: float
    non_2xx_3xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    script_report: dict[str, Any] | None = None

    @property
    def errors(self) -> int:
        """Every failed request: bad statuses and socket errors."""
        return self.non_2xx_3xx + sum(self.socket_errors.values())

    def as_dict(self) -> dict[str, Any]:
        """The result as plain JSON data."""
        data = asdict(self)
        data["errors"] = self.errors
        return data


def run_wrk(
    url: str,
    *,
    duration_s: float,
    connections: int,
    threads: int = 2,
    headers: tuple[str, ...] = (),
    timeout_s: float = 10.0,
    script: Path | None = None,
) -> WrkResult:
    """``wrk -tT -cC -dDs --latency [-s SCRIPT] URL``; raise WrkError when it fails.

    ``script``: a Lua file making each request (the comment posting run sends POSTs with it).
    """
    if not url.startswith("http://127.0.0.1:"):
        raise WrkError(f"refusing to load anything but loopback: {url}")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration_s))}s",
        f"--timeout={max(1, round(timeout_s))}s",
        "--latency",
    ]
    for header in headers:
        command += ["-H", header]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=duration_s + timeout_s + 30
        )
    except subprocess.TimeoutExpired as exc:
        raise WrkError(f"wrk did not finish: {' '.join(command)}") from exc
    if done.returncode != 0:
        raise WrkError(f"wrk exited {done.returncode}: {done.stderr.strip() or done.stdout}")
    return parse_wrk(done.stdout)


def parse_wrk(text: str) -> WrkResult:
    """Read wrk's report (with ``--latency``)."""
    percentiles = {p: _ms(v, u) for p, v, u in _PERCENTILE.findall(text)}
    latency, requests, rps = _LATENCY.search(text), _REQUESTS.search(text), _RPS.search(text)
    if latency is None or requests is None or rps is None or len(percentiles) != 4:
        raise WrkError(f"unexpected wrk output:\n{text}")
    transfer = _TRANSFER.search(text)
    script_report = _SCRIPT_REPORT.search(text)
    non_2xx = _NON_2XX.search(text)
    socket = _SOCKET.search(text)
    socket_errors = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, socket.groups()), strict=True))
        if socket
        else {}
    )
    return WrkResult(
        requests_per_s=float(rps.group(1)),
        p50_ms=percentiles["50"],
        p75_ms=percentiles["75"],
        p90_ms=percentiles["90"],
        p99_ms=percentiles["99"],
        mean_ms=_ms(latency.group(1), latency.group(2)),
        stdev_ms=_ms(latency.group(3), latency.group(4)),
        max_ms=_ms(latency.group(5), latency.group(6)),
        requests=int(requests.group(1)),
        duration_s=_ms(requests.group(2), requests.group(3)) / 1000,
        transfer_bytes_per_s=float(transfer.group(1)) * _BYTES[transfer.group(2)]
        if transfer
        else 0.0,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=socket_errors,
        script_report=_script_report(script_report.group(1)) if script_report else None,
    )


def _script_report(line: str) -> dict[str, Any]:
    try:
        report = json.loads(line)
    except ValueError as exc:
        raise WrkError(f"the Lua script's report is not JSON: {line[:300]}") from exc
    if not isinstance(report, dict):
        raise WrkError(f"the Lua script's report is not a JSON object: {line[:300]}")
    return report


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]
