"""A cheap, cross-process "content changed" signal, so every web worker drops stale pages.

A writer marks its session; after the commit succeeds, a small file next to the database (or in
the temporary folder for a server database) is rewritten. Readers compare the file's stat result
with what they saw last: one ``stat`` call per request and no database query.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from inkwell.core import events

_FLAG = "inkwell_content_changed"


@lru_cache(maxsize=8)
def signal_path(database_url: str) -> Path:
    """Where the change signal of the database at ``database_url`` lives."""
    url = make_url(database_url)
    if url.drivername.startswith("sqlite") and url.database and url.database != ":memory:":
        database = Path(url.database).expanduser().resolve()
        return database.with_name(database.name + ".changed")
    digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"inkwell-{digest}.changed"


def bump(database_url: str) -> None:
    """Announce that content changed (atomically: readers never see a half-written file)."""
    path = signal_path(database_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    scratch.write_bytes(os.urandom(8))
    os.replace(scratch, path)


def stamp(database_url: str) -> tuple[int, int] | None:
    """What the signal looks like now; a different value means content changed since."""
    try:
        found = os.stat(signal_path(database_url))
    except FileNotFoundError:
        return None
    return (found.st_mtime_ns, found.st_ino)


def mark_changed(session: Any) -> None:
    """Record that this session wrote content; the signal fires after its commit."""
    sync = getattr(session, "sync_session", session)
    if not sync.in_transaction():
        sync.begin()  # so that a rollback, which needs a transaction to fire, clears the flag
    sync.info[_FLAG] = True


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if not session.info.pop(_FLAG, False):
        return
    bind = session.get_bind()
    bump(bind.engine.url.render_as_string(hide_password=False))


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, _previous: Any) -> None:
    session.info.pop(_FLAG, None)


class UntilChanged:
    """Values remembered per database until its content changes (its signal's stamp moves).

    For what every request asks and few writes change: site settings, listing totals. Reading
    the stamp before computing a value means a change racing with it is never missed.
    """

    def __init__(self, max_entries: int = 4096) -> None:
        self.max_entries = max_entries
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self._values: dict[str, dict[Any, Any]] = {}

    def begin(self, database_url: str) -> dict[Any, Any]:
        """The values still valid for ``database_url`` (emptied when content changed)."""
        current = stamp(database_url)
        values = self._values.get(database_url)
        if values is None or self._stamps.get(database_url) != current:
            values = self._values[database_url] = {}
            self._stamps[database_url] = current
        elif len(values) >= self.max_entries:
            values.clear()
        return values


def pending(session: Any) -> bool:
    """True when this session wrote content not committed yet: remembered values may be stale."""
    sync = getattr(session, "sync_session", session)
    return bool(sync.info.get(_FLAG)) or events.pending(session)


def _bump_for(found: list[events.Event]) -> None:
    # Any committed domain event means public pages may have changed: one bump per commit.
    for url in dict.fromkeys(item.database_url for item in found):
        bump(url)


events.subscribe_batch("*", _bump_for)


def url_of(session: Any) -> str:
    """The database URL behind an (async) session, password included, for signal look-ups."""
    url: str = session.get_bind().engine.url.render_as_string(hide_password=False)
    return url
