"""Reading an Isso comment database (its SQLite file) into the comments feature's records.

Isso keeps one ``threads`` row per page (``uri``: the page's path on the old site, ``title``)
and ``comments`` rows naming their thread (``tid``) and parent, with ``created`` as a Unix
time, the Markdown the reader typed in ``text``, and ``mode``: 1 published, 2 waiting for
moderation, 4 deleted (kept by Isso only while replies hang under it). The file is opened
read-only, so a copy taken from a running Isso is never changed; anything unexpected in it is
one ``ImportFailed`` line.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from inkwell.comments.service import ImportedComment, ImportedThread
from inkwell.importers.report import ImportFailed
from inkwell.render.comment_text import render_comment

PUBLISHED, PENDING, DELETED = 1, 2, 4
THREAD_COLUMNS = {"id", "uri", "title"}
COMMENT_COLUMNS = {"tid", "id", "parent", "created", "mode", "text", "author", "email", "website"}
# What Isso's modes become: published comments come in, the others are counted and left out.
SKIPPED = {PENDING: "pending", DELETED: "deleted"}


def read_database(path: Path) -> list[ImportedThread]:
    """The threads of the Isso database at ``path``, each with its comments."""
    if not path.is_file():
        raise ImportFailed(f"cannot read {path}: no such file")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ImportFailed(f"cannot open {path}: {exc}") from None
    try:
        connection.row_factory = sqlite3.Row
        _check_schema(connection, path)
        return _threads(connection, path)
    except sqlite3.DatabaseError as exc:
        raise ImportFailed(f"{path} is not an Isso database: {exc}") from None
    finally:
        connection.close()


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {str(row["name"]) for row in connection.execute(f"PRAGMA table_info({table})")}


def _check_schema(connection: sqlite3.Connection, path: Path) -> None:
    for table, wanted in (("threads", THREAD_COLUMNS), ("comments", COMMENT_COLUMNS)):
        missing = wanted - _columns(connection, table)
        if missing:
            names = ", ".join(sorted(missing))
            raise ImportFailed(f"{path} is not an Isso database: {table} lacks {names}")


def _threads(connection: sqlite3.Connection, path: Path) -> list[ImportedThread]:
    comments: dict[int, list[ImportedComment]] = {}
    lost: list[ImportedComment] = []
    rows = connection.execute(
        "SELECT tid, id, parent, created, mode, text, author, email, website"
        " FROM comments ORDER BY created, id"
    )
    heads = {
        int(row["id"]): row for row in connection.execute("SELECT id, uri, title FROM threads")
    }
    for row in rows:
        thread = row["tid"]
        target = comments.setdefault(int(thread), []) if thread in heads else lost
        target.append(_comment(row, path))
    threads = [
        ImportedThread(
            source_id=str(key),
            url=str(head["uri"] or ""),
            title=head["title"] or None,
            comments=tuple(comments.get(key, ())),
        )
        for key, head in heads.items()
    ]
    if lost:
        # Comments of a thread that is gone: the import counts them as naming no known thread.
        threads.append(ImportedThread(source_id="", url="", comments=tuple(lost)))
    return threads


def _comment(row: sqlite3.Row, path: Path) -> ImportedComment:
    try:
        created = datetime.fromtimestamp(float(row["created"]), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        raise ImportFailed(
            f"{path}: comment {row['id']} has no usable creation time ({row['created']!r})"
        ) from None
    mode = int(row["mode"] or PUBLISHED)
    return ImportedComment(
        source_id=str(row["id"]),
        html=render_comment(str(row["text"] or "")),
        author_name=str(row["author"] or "").strip(),
        created_at=created,
        parent_source_id=str(row["parent"]) if row["parent"] is not None else None,
        author_email=(row["email"] or None),
        author_website=(row["website"] or None),
        skip_reason=SKIPPED.get(mode) if mode != PUBLISHED else None,
    )
