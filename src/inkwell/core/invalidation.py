"""Which cached things went stale, told to every process: tags published, tags dropped.

A cached page or memoised value carries tags (``post:ID``, ``tag:python``, ``listing``,
``settings``...). After a commit, ``publish(url, tags)`` says those tags are stale: the local
process drops its entries at once, and the transport carries the tags to every other process,
which drop theirs on their next ``sync``. ``EVERYTHING`` (``"*"``) drops all.

The transport is one small interface (``Transport``: ``publish`` and ``poll``). Today it is a
file next to the database (``FileTransport``): an append-only log of tag lines, read from the
last offset when its ``stat`` changes, so a request that finds nothing new costs one ``stat``. A
Redis pub/sub or PostgreSQL ``NOTIFY`` transport would keep the same two methods: ``poll``
returns what its listener received since the last call.

Each ``Channel`` (one per database URL and process) counts the drops it applied (``version``) and
remembers when each tag last dropped, so a render that started before a drop can tell it must
not be stored (``dropped_since``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections import deque
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import make_url

logger = logging.getLogger("inkwell.invalidation")

EVERYTHING = "*"
# Past this size the log starts again; readers notice (another inode) and drop everything.
ROTATE_AT = 1_048_576
# Tags remembered one by one; past that a drop is remembered as a drop of everything.
MAX_REMEMBERED_TAGS = 10_000
# Drops kept for consumers that pull them; one further behind drops everything.
RECENT_DROPS = 1024

Drops = list[frozenset[str]]


class Transport(Protocol):
    """Carries tags from the process that changed something to every other process."""

    def publish(self, tags: frozenset[str]) -> None:
        """Tell the other processes that ``tags`` are stale; raise OSError when it cannot."""

    def poll(self) -> Drops:
        """The tag sets published by others since the last poll (cheap when there are none)."""


@lru_cache(maxsize=8)
def signal_path(database_url: str) -> Path:
    """Where the invalidation log of the database at ``database_url`` lives."""
    url = make_url(database_url)
    if url.drivername.startswith("sqlite") and url.database and url.database != ":memory:":
        database = Path(url.database).expanduser().resolve()
        return database.with_name(database.name + ".invalidations")
    # A server database: a private name in the temporary folder (no password in it).
    digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"inkwell-{digest}.invalidations"


class FileTransport:
    """An append-only file of lines ``<writer> <tag> <tag>...``; a rotation means "everything"."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer = ("", -1)
        self._stat = self._stat_now()
        self._inode = self._stat[1] if self._stat else None
        self._offset = self._stat[2] if self._stat else 0

    @property
    def writer(self) -> str:
        """This process's name in the log: its own lines were applied when published.

        Made again after a fork, so that two processes never skip each other's lines.
        """
        name, pid = self._writer
        if pid != os.getpid():
            name, pid = os.urandom(6).hex(), os.getpid()
            self._writer = (name, pid)
        return name

    def _stat_now(self) -> tuple[int, int, int] | None:
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (found.st_mtime_ns, found.st_ino, found.st_size)

    def publish(self, tags: frozenset[str]) -> None:
        """Append one line (a single ``write``, so lines of two writers never interleave)."""
        line = " ".join([self.writer, *sorted(tags)]) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
        if size > ROTATE_AT:
            self._rotate()

    def _rotate(self) -> None:
        scratch = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        scratch.write_text(f"{self.writer} {EVERYTHING}\n")
        os.replace(scratch, self.path)

    def poll(self) -> Drops:
        """New lines since the last poll; a rotated, vanished or unreadable log drops everything."""
        try:
            current = self._stat_now()
        except OSError:
            return self._unreadable()
        if current == self._stat:
            return []  # the hot path: nothing new, one stat
        self._stat = current
        if current is None:
            self._inode, self._offset = None, 0
            return [frozenset({EVERYTHING})]
        _, inode, size = current
        everything = self._inode is not None and (inode != self._inode or size < self._offset)
        if everything:
            self._offset = 0
        self._inode = inode
        try:
            with open(self.path, "rb") as log:
                log.seek(self._offset)
                data = log.read()
        except OSError:
            return self._unreadable()
        complete = data.rfind(b"\n") + 1  # a line still being written is read next time
        self._offset += complete
        if everything:
            return [frozenset({EVERYTHING})]
        return [tags for tags in map(self._parse, data[:complete].splitlines()) if tags]

    def _parse(self, line: bytes) -> frozenset[str]:
        writer, _, rest = line.decode("utf-8", "replace").partition(" ")
        if writer == self.writer:
            return frozenset()
        return frozenset(rest.split())

    def _unreadable(self) -> Drops:
        _warn_once(f"cannot read {self.path}: cached pages are dropped on every request")
        self._stat = None
        return [frozenset({EVERYTHING})]


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        logger.error("%s", message)


class Channel:
    """One process's view of the invalidations of one database.

    Consumers pull: each remembers the ``version`` it has seen and asks ``drops_after`` for
    what dropped since (no callbacks, so a cache that is gone holds nothing here).
    """

    def __init__(self, transport: Transport) -> None:
        self.transport = transport
        self.version = 0
        self._everything_at = 0
        self._dropped_at: dict[str, int] = {}
        self._recent: deque[tuple[int, frozenset[str]]] = deque(maxlen=RECENT_DROPS)
        self._lock = threading.Lock()

    def sync(self) -> None:
        """Apply what other processes published since the last call (usually: one stat)."""
        for tags in self.transport.poll():
            self._apply(tags)

    def publish(self, tags: Iterable[str]) -> None:
        """Drop ``tags`` here now, then tell the other processes.

        Never raises: the change is committed whatever happens here. When the transport fails
        (a read-only folder) this process still dropped its entries, and the error says what
        the other processes will miss.
        """
        found = frozenset(tags)
        if not found:
            return
        self._apply(found)
        try:
            self.transport.publish(found)
        except OSError as exc:
            _warn_once(
                f"the change was saved, but other Inkwell processes could not be told to drop "
                f"their cached pages ({exc}); this process dropped its own. Make the folder of "
                f"the invalidation log writable, or restart the server to be sure."
            )

    def _apply(self, tags: frozenset[str]) -> None:
        with self._lock:
            self.version += 1
            if EVERYTHING in tags or len(self._dropped_at) > MAX_REMEMBERED_TAGS:
                self._everything_at = self.version
                self._dropped_at.clear()
            else:
                for tag in tags:
                    self._dropped_at[tag] = self.version
            self._recent.append((self.version, tags))

    def drops_after(self, version: int) -> Drops:
        """The tag sets dropped after ``version``, oldest first (``{EVERYTHING}`` if forgotten)."""
        if version >= self.version:
            return []
        recent = list(self._recent)
        if not recent or recent[0][0] > version + 1:
            return [frozenset({EVERYTHING})]
        return [tags for at, tags in recent if at > version]

    def dropped_since(self, version: int, tags: Iterable[str] = (EVERYTHING,)) -> bool:
        """True when any of ``tags`` (``EVERYTHING``: any tag at all) dropped after ``version``."""
        if self._everything_at > version:
            return True
        for tag in tags:
            if tag == EVERYTHING:
                if self.version > version:
                    return True
            elif self._dropped_at.get(tag, 0) > version:
                return True
        return False


_channels: dict[str, Channel] = {}
_channels_lock = threading.Lock()


def channel(database_url: str) -> Channel:
    """This process's channel for the database at ``database_url`` (made on first use)."""
    found = _channels.get(database_url)
    if found is None:
        with _channels_lock:
            found = _channels.get(database_url)
            if found is None:
                found = _channels[database_url] = Channel(FileTransport(signal_path(database_url)))
    return found


def publish(database_url: str, tags: Iterable[str]) -> None:
    """Drop ``tags`` in every process serving the database at ``database_url``."""
    channel(database_url).publish(tags)
