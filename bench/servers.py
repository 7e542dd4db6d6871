"""Start and stop the servers under test (each in its own process group) and measure their memory.

Every process started here is registered in a ``Processes`` instance whose ``stop_all`` kills the
process groups that are still alive; ``run.py`` calls it in a ``finally``.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import SITE_URL

HOST = "127.0.0.1"
BENCH_DIR = Path(__file__).resolve().parent
NGINX = "/usr/sbin/nginx"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0
# What a static front-end asks for its home page: 15 posts with their tags and authors.
CONTENT_API_BROWSE = "/ghost/api/content/posts/?key={key}&include=tags,authors&limit=15"


class ServerError(RuntimeError):
    """A server did not start, or answered something unexpected."""


@dataclass
class Server:
    """A running server: its master process, port and folder."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    folder: Path
    log: Path

    def url(self, path: str) -> str:
        """The loopback URL of ``path`` on this server."""
        return f"http://{HOST}:{self.port}{path}"


@dataclass
class Processes:
    """Every process group started by the benchmark, so that all can be stopped at the end."""

    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def spawn(
        self, command: Sequence[str], *, env: dict[str, str], cwd: Path, log: Path
    ) -> subprocess.Popen[bytes]:
        """Start ``command`` as the leader of a new process group, output to ``log``."""
        with log.open("ab") as out:
            process = subprocess.Popen(
                list(command),
                env=env,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append(process)
        return process

    def run(
        self, command: Sequence[str], *, env: dict[str, str], cwd: Path, log: Path, timeout_s: float
    ) -> tuple[int, float]:
        """Run ``command`` to its end, killed after ``timeout_s``: (exit code, wall seconds)."""
        began = time.perf_counter()
        process = self.spawn(command, env=env, cwd=cwd, log=log)
        try:
            code = process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.stop(process)
            raise ServerError(f"{command[-2:]} did not finish in {timeout_s:.0f} s") from None
        finally:
            self.stop(process)
        return code, time.perf_counter() - began

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        """SIGTERM the process's group, wait, then SIGKILL whatever of the group is left."""
        group = process.pid
        if process.poll() is None:
            _signal_group(group, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                _signal_group(group, signal.SIGKILL)
                process.wait(timeout=STOP_TIMEOUT_S)
        # Workers may outlive their master for a moment; a group id is never reused while any
        # of its members lives, so this kills only what we started.
        for _ in range(50):
            if not group_members(group):
                break
            time.sleep(0.1)
        else:
            _signal_group(group, signal.SIGKILL)
        if process in self.started:
            self.started.remove(process)

    def stop_all(self) -> None:
        """Stop every process group still registered."""
        for process in list(self.started):
            try:
                self.stop(process)
            except Exception as exc:  # noqa: BLE001 - keep stopping the others
                print(f"bench: could not stop pid {process.pid}: {exc}", file=sys.stderr)


def _signal_group(group: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, sig)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without any INKWELL_* setting of the caller, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INKWELL_")}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def inkwell_env(
    folder: Path, code: Path | None = None, *, database_url: str | None = None, **extra: str
) -> dict[str, str]:
    """Settings of an Inkwell process whose database and media live in ``folder``.

    ``code``: a copy of src/ to run instead of the working tree (see run.py's snapshot).
    ``database_url``: another database than ``folder/inkwell.db`` (a PostgreSQL one).
    """
    if code is not None:
        extra["PYTHONPATH"] = str(code)
    return clean_env(
        INKWELL_DATABASE_URL=database_url or f"sqlite:///{folder / 'inkwell.db'}",
        INKWELL_MEDIA_DIR=str(folder / "media"),
        INKWELL_SITE_URL=SITE_URL,
        INKWELL_DEMO_CONTENT="false",
        **extra,
    )


def content_api_path(env: dict[str, str], site: Path) -> str | None:
    """The Content API browse path on the site in ``site``, with a new integration's key.

    None when this Inkwell has no ``inkwell integration`` command (before the Ghost APIs).
    """
    done = subprocess.run(
        [sys.executable, "-m", "inkwell", "integration", "create", "Benchmark", "--json"],
        env=env,
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        print(f"bench: no Content API to measure: {done.stderr.strip()[-300:]}", flush=True)
        return None
    key = json.loads(done.stdout)["content_api_key"]
    return CONTENT_API_BROWSE.format(key=key)


def copy_database(source: Path, folder: Path) -> None:
    """Copy an SQLite database (with its WAL, consistently) into ``folder/inkwell.db``."""
    folder.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(folder / "inkwell.db")
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def start_inkwell(
    processes: Processes,
    site_db: Path,
    folder: Path,
    *,
    workers: int,
    response_cache: bool,
    log_level: str = "warning",
    ready_path: str = "/",
    code: Path | None = None,
    database_url: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> Server:
    """``inkwell serve --workers N`` on a fresh copy of the site's database in ``folder``.

    ``database_url``: serve that database as it is instead (no copy; ``site_db`` unused), e.g.
    a PostgreSQL one. ``extra_env``: more INKWELL_* settings.
    """
    if database_url is None:
        copy_database(site_db, folder)
    else:
        folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = inkwell_env(
        folder,
        code,
        database_url=database_url,
        INKWELL_LOG_LEVEL=log_level,
        INKWELL_RESPONSE_CACHE="true" if response_cache else "false",
        INKWELL_WORKERS=str(workers),
        **(extra_env or {}),
    )
    command = [sys.executable, "-m", "inkwell", "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers)]
    return _start(processes, "inkwell", command, env, folder, port, workers, ready_path)


def start_bare(processes: Processes, body: Path, folder: Path, *, workers: int) -> Server:
    """bench/bare_asgi.py under uvicorn with the options ``inkwell serve`` uses."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = clean_env(BENCH_BARE_BODY=str(body))
    command = [sys.executable, "-m", "uvicorn", "--app-dir", str(BENCH_DIR), "bare_asgi:app"]
    command += ["--host", HOST, "--port", str(port), "--workers", str(workers)]
    command += ["--http", "httptools", "--loop", "uvloop", "--no-access-log"]
    command += ["--log-level", "warning", "--proxy-headers", "--no-server-header"]
    return _start(processes, "bare-asgi", command, env, folder, port, workers, "/")


NGINX_CONF = """worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    types {{ text/html html; }}
    default_type text/html;
    server {{
        listen {host}:{port};
        root {folder}/www;
    }}
}}
"""


def start_nginx(processes: Processes, body: Path, folder: Path, *, workers: int) -> Server:
    """nginx serving ``body`` as the static file ``/post.html``, with a minimal configuration."""
    (folder / "www").mkdir(parents=True, exist_ok=True)
    (folder / "www" / "post.html").write_bytes(body.read_bytes())
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=workers, folder=folder, host=HOST, port=port))
    # nginx's workers run as nobody when we are root: run.py makes its folders world-readable.
    (folder / "www" / "post.html").chmod(0o644)
    command = [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
    command += ["-g", "daemon off;"]
    return _start(processes, "nginx", command, clean_env(), folder, port, workers, "/post.html")


def _start(
    processes: Processes,
    name: str,
    command: list[str],
    env: dict[str, str],
    folder: Path,
    port: int,
    workers: int,
    ready_path: str,
) -> Server:
    log = folder / f"{name}.log"
    server = Server(name, processes.spawn(command, env=env, cwd=folder, log=log), port, folder, log)
    try:
        _wait_ready(server, workers, ready_path)
    except BaseException:
        processes.stop(server.process)
        raise
    return server


def _wait_ready(server: Server, workers: int, path: str) -> None:
    """Until the server answers 200 on ``path`` and runs its ``workers`` worker processes."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(f"{server.name} exited {server.process.returncode}: {_tail(server)}")
        try:
            status, _, _ = fetch(server.port, path)
        except OSError:
            status = 0
        if status == 200 and len(workers_of(server.process.pid)) >= workers:
            for _ in range(4 * workers):  # let every worker answer before the warm-up
                fetch(server.port, path)
            return
        time.sleep(0.2)
    raise ServerError(f"{server.name} not ready after {START_TIMEOUT_S:.0f} s: {_tail(server)}")


def _tail(server: Server) -> str:
    try:
        return server.log.read_text(errors="replace")[-2000:]
    except OSError:
        return "(no log)"


def fetch(
    port: int,
    path: str,
    headers: dict[str, str] | None = None,
    *,
    method: str = "GET",
    body: bytes | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """GET (or ``method`` with ``body``) ``path`` from 127.0.0.1:``port`` (no Accept-Encoding
    unless given): (status, headers in lower case, body)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


# --- memory ------------------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: split after the last ')'.
    return text[text.rindex(")") + 2 :].split()


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, their children...)."""
    parents: dict[int, list[int]] = {}
    for child in _all_pids():
        fields = _stat_fields(child)
        if fields is not None:
            parents.setdefault(int(fields[1]), []).append(child)
    found: list[int] = []
    todo = list(parents.get(pid, []))
    while todo and len(found) < 10_000:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def group_members(group: int) -> list[int]:
    """The live processes of process group ``group``."""
    members = []
    for pid in _all_pids():
        fields = _stat_fields(pid)
        if fields is not None and int(fields[2]) == group and fields[0] != "Z":
            members.append(pid)
    return members


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "master"
    command = _cmdline(pid)
    if "resource_tracker" in command or "semaphore_tracker" in command:
        return "helper"
    return "worker"


def workers_of(root: int) -> list[int]:
    """The worker processes under ``root`` (helpers such as multiprocessing's tracker excluded)."""
    return [pid for pid in descendants(root) if _role(pid, root) == "worker"]


def memory(root: int) -> dict[str, Any]:
    """Resident memory of ``root`` and its descendants, from /proc/PID/status VmRSS."""
    pids = [root, *descendants(root)]
    rss = {pid: _rss_kib(pid) / 1024 for pid in pids}
    roles = {pid: _role(pid, root) for pid in pids}
    processes = [{"pid": pid, "role": roles[pid], "rss_mib": rss[pid]} for pid in pids]
    workers = [rss[pid] for pid in pids if roles[pid] == "worker"]
    return {
        "total_mib": sum(rss.values()),
        "max_worker_mib": max(workers, default=0.0),
        "processes": processes,
    }
