"""Named domain events, delivered to subscribers once the transaction that caused them commits.

A service that changed something says so with ``emit(session, "post.published", post.id, ...)``.
Nothing is delivered yet: the event waits in the session until its outermost transaction
commits, and is forgotten if that transaction (or the savepoint it was emitted in) rolls back.
Subscribers (cache invalidation now; webhooks, search indexing, notifications and jobs later)
register with ``subscribe`` by exact name, by kind (``"post.*"``) or for everything (``"*"``).
So no service calls another feature to tell it something changed, and a subscriber never hears
of a change that was not saved.

Handlers are plain functions run in the committing thread right after the commit: they must be
quick (drop cache entries, enqueue a job). A failing handler is logged and never stops the
others, nor turns a successful commit into an error.

A subscriber whose writes must land in the same transaction as the change (the search index)
uses ``subscribe_before_commit`` instead: its coroutine gets the writing ``AsyncSession`` and the
pending events just before the outermost commit; if it fails, the commit fails and nothing is
saved, so its tables never disagree with the rows they follow.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncSession, async_session
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.util import await_only

logger = logging.getLogger("inkwell.events")

# The events Inkwell's own features emit. ``emit`` refuses any other name, so a typo fails in
# tests instead of silently reaching nobody; a plugin adds its own with ``declare``.
KNOWN_EVENTS: set[str] = {
    "post.added",
    "post.published",
    "post.updated",
    "post.unpublished",
    "post.scheduled",
    "post.deleted",
    "page.added",
    "page.published",
    "page.updated",
    "page.unpublished",
    "page.scheduled",
    "page.deleted",
    "tag.added",
    "tag.edited",
    "tag.deleted",
    "author.added",
    "author.edited",
    "author.deleted",
    "redirect.added",
    "redirect.deleted",
    "settings.changed",
}

_QUEUE = "inkwell.events.queue"
_MARKS = "inkwell.events.savepoints"


@dataclass(frozen=True)
class Event:
    """Something that happened to one subject, e.g. ``post.published`` for post ``subject_id``.

    ``data`` carries what subscribers need without a query (slugs, tag slugs, changed keys);
    ``database_url`` says which database changed (it may hold a password: never log it).
    """

    name: str
    subject_id: str | None = None
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    database_url: str = field(default="", repr=False)

    @property
    def kind(self) -> str:
        """The part before the first dot: ``post``, ``tag``, ``settings``..."""
        return self.name.split(".", 1)[0]


Handler = Callable[[Event], None]
BatchHandler = Callable[[list[Event]], None]
BeforeCommitHandler = Callable[[AsyncSession, list[Event]], Awaitable[None]]
_subscribers: list[tuple[str, Handler]] = []
_batch_subscribers: list[tuple[str, BatchHandler]] = []
_before_commit_subscribers: list[tuple[str, BeforeCommitHandler]] = []


def declare(*names: str) -> None:
    """Make more event names known (for features that bring their own, such as comments)."""
    for name in names:
        if "." not in name or name.startswith(".") or name.endswith("."):
            raise ValueError(f"an event name is kind.action, not {name!r}")
    KNOWN_EVENTS.update(names)


def subscribe(pattern: str, handler: Handler) -> Callable[[], None]:
    """Call ``handler`` for each committed event matching ``pattern``; returns an unsubscribe.

    ``pattern`` is an event name, ``kind.*`` for every event of a kind, or ``*`` for all.
    """
    return _enlist(_subscribers, (pattern, handler))


def subscribe_batch(pattern: str, handler: BatchHandler) -> Callable[[], None]:
    """Call ``handler`` once per commit with all its events matching ``pattern`` (if any).

    For subscribers whose work is per commit rather than per event: a 10,000-post import
    should drop cache entries once, not 10,000 times. Returns an unsubscribe function.
    """
    return _enlist(_batch_subscribers, (pattern, handler))


def subscribe_before_commit(pattern: str, handler: BeforeCommitHandler) -> Callable[[], None]:
    """Await ``handler(session, events)`` inside the transaction, just before it commits.

    ``events`` are the pending ones matching ``pattern`` (the handler is skipped when there
    are none). Unlike the other subscribers, an error here propagates: the commit fails and
    the transaction stays to be rolled back. Only async sessions reach such handlers.
    Returns an unsubscribe function.
    """
    return _enlist(_before_commit_subscribers, (pattern, handler))


def _enlist(subscribers: list[tuple[str, Any]], entry: tuple[str, Any]) -> Callable[[], None]:
    subscribers.append(entry)

    def unsubscribe() -> None:
        if entry in subscribers:
            subscribers.remove(entry)

    return unsubscribe


def matches(pattern: str, name: str) -> bool:
    """True when an event called ``name`` is one a ``pattern`` subscriber wants."""
    if pattern in ("*", name):
        return True
    return pattern.endswith(".*") and name.startswith(pattern[:-1])


def emit(session: Any, name: str, subject_id: str | None = None, **data: Any) -> Event:
    """Queue an event on ``session`` (sync or async); it is delivered after the commit."""
    if name not in KNOWN_EVENTS:
        raise ValueError(f"unknown event {name!r}: declare it first")
    sync = _sync(session)
    if not sync.in_transaction():
        sync.begin()  # so that a rollback, which needs a transaction to fire, drops the event
    url = sync.get_bind().engine.url.render_as_string(hide_password=False)
    found = Event(name, subject_id, MappingProxyType(dict(data)), url)
    sync.info.setdefault(_QUEUE, []).append(found)
    return found


def pending(session: Any) -> bool:
    """True while this session holds events of changes not committed yet."""
    return bool(_sync(session).info.get(_QUEUE))


def queued(session: Any) -> list[Event]:
    """The events waiting for this session's commit, oldest first (a copy)."""
    return list(_sync(session).info.get(_QUEUE, ()))


def deliver(found: Iterable[Event]) -> None:
    """Hand the events of one commit to their subscribers now (batch subscribers first).

    A failing subscriber is logged and skipped: the change is saved whatever it does.
    """
    found = list(found)
    if not found:
        return
    for pattern, batch_handler in list(_batch_subscribers):
        wanted = [item for item in found if matches(pattern, item.name)]
        if wanted:
            _call(batch_handler, wanted, wanted[0].name)
    for item in found:
        for pattern, handler in list(_subscribers):
            if matches(pattern, item.name):
                _call(handler, item, item.name)


def _call(handler: Callable[[Any], None], argument: Any, name: str) -> None:
    try:
        handler(argument)
    except Exception:
        logger.exception("subscriber %r failed on %s", handler, name)


def _sync(session: Any) -> Session:
    sync: Session = getattr(session, "sync_session", session)
    return sync


@sa_event.listens_for(Session, "after_transaction_create")
def _savepoint_started(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        marks = session.info.setdefault(_MARKS, {})
        marks[id(transaction)] = len(session.info.get(_QUEUE, ()))


@sa_event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    queue = session.info.get(_QUEUE)
    if previous.nested:
        mark = session.info.get(_MARKS, {}).pop(id(previous), None)
        if queue is not None and mark is not None:
            del queue[mark:]
        return
    if previous.parent is None:
        session.info.pop(_QUEUE, None)
        session.info.pop(_MARKS, None)


@sa_event.listens_for(Session, "before_commit")
def _committing(session: Session) -> None:
    # A savepoint's release fires this too: its events are handled with the outer commit.
    if session.in_nested_transaction() or not session.info.get(_QUEUE):
        return
    proxy = async_session(session)
    if proxy is None:
        return  # a plain sync session (scripts, migrations): no awaiting possible here
    for pattern, handler in list(_before_commit_subscribers):
        wanted = [item for item in session.info.get(_QUEUE, ()) if matches(pattern, item.name)]
        if wanted:
            # The commit runs in SQLAlchemy's greenlet bridge, so the handler's coroutine can
            # be awaited from this synchronous hook, on the same connection and transaction.
            await_only(handler(proxy, wanted))


@sa_event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    # A released savepoint fires this too: its events then wait for the outer commit.
    nested = session.get_nested_transaction()
    if nested is not None:
        session.info.get(_MARKS, {}).pop(id(nested), None)
        return
    session.info.pop(_MARKS, None)
    deliver(session.info.pop(_QUEUE, ()))
