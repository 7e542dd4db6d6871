"""Reading a Remark42 backup (its native export) into the comments feature's records.

A backup is JSON lines, gzipped when Remark42 made it on its own schedule: the first line is
the metadata (``{"version": 1, "users": [...], "posts": [...]}``), then one comment a line:
``id``, ``pid`` (the parent, empty at the top), ``text`` (the rendered HTML), ``user``
(``name``, ``id``; never an email address: Remark42 keeps none), ``locator`` (``site`` and
the page's ``url``), ``time`` (RFC 3339), ``delete``, and ``title`` (the page's). A post's
``read_only`` in the metadata is its closed switch. A line that is not a comment is one
``ImportFailed`` naming the line.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from inkwell.comments.service import ImportedComment, ImportedThread
from inkwell.core.time import as_utc
from inkwell.importers.report import ImportFailed

VERSIONS = {0, 1}
META_KEYS = {"version", "users", "posts"}
GZIP_MAGIC = b"\x1f\x8b"
_NANOSECONDS = re.compile(r"(\.\d+)")
# A backup larger than this is refused: far beyond any blog's comments.
MAX_BYTES = 512 * 1024 * 1024


def read_backup(path: Path) -> list[ImportedThread]:
    """The threads of the Remark42 backup at ``path`` (plain or gzipped JSON lines)."""
    lines = _lines(path)
    meta = _json_line(path, 1, lines[0] if lines else "")
    if not _is_metadata(meta):
        raise ImportFailed(f"{path} is not a Remark42 backup (its first line is not the metadata)")
    closed = {
        str(post.get("url", "")): bool(post.get("read_only"))
        for post in meta.get("posts") or []
        if isinstance(post, dict)
    }
    by_url: dict[str, list[ImportedComment]] = {}
    titles: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        record = _json_line(path, number, line)
        url, comment, title = _comment(record, f"{path}, line {number}")
        by_url.setdefault(url, []).append(comment)
        if title:
            titles.setdefault(url, title)
    return [
        ImportedThread(
            source_id=url,
            url=url,
            title=titles.get(url),
            closed=closed.get(url, False),
            comments=tuple(comments),
        )
        for url, comments in by_url.items()
    ]


def _is_metadata(record: Any) -> bool:
    """The first line: the version, users and posts, and not a comment (which has an id)."""
    return (
        isinstance(record, dict)
        and "id" not in record
        and bool(META_KEYS & record.keys())
        and record.get("version", 0) in VERSIONS
    )


def _lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if raw[:2] == GZIP_MAGIC:
        try:
            with gzip.open(path, "rb") as unpacked:
                raw = unpacked.read(MAX_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise ImportFailed(f"{path} is not a readable gzip file: {exc}") from None
    if len(raw) > MAX_BYTES:
        raise ImportFailed(f"{path} is larger than {MAX_BYTES // 1024 // 1024} MB unpacked")
    try:
        return raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is not UTF-8 text: not a Remark42 backup") from None


def _json_line(path: Path, number: int, line: str) -> Any:
    try:
        return json.loads(line)
    except ValueError:
        raise ImportFailed(f"{path}, line {number}: not JSON (not a Remark42 backup?)") from None


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


def _comment(record: Any, where: str) -> tuple[str, ImportedComment, str]:
    if not isinstance(record, dict) or not _text(record, "id"):
        raise ImportFailed(f"{where}: not a Remark42 comment (no id)")
    locator = record.get("locator")
    url = _text(locator, "url") if isinstance(locator, dict) else ""
    if not url:
        raise ImportFailed(f"{where}: comment {_text(record, 'id')} names no page (locator.url)")
    found = record.get("user")
    user: dict[str, Any] = found if isinstance(found, dict) else {}
    comment = ImportedComment(
        source_id=_text(record, "id"),
        html=_text(record, "text"),
        author_name=_text(user, "name") or _text(user, "id"),
        created_at=_date(_text(record, "time"), where),
        parent_source_id=_text(record, "pid") or None,
        skip_reason="deleted" if record.get("delete") is True else None,
    )
    return url, comment, _text(record, "title")


def _date(text: str, where: str) -> datetime | None:
    if not text:
        return None
    # Go writes nanoseconds; Python reads at most microseconds.
    trimmed = _NANOSECONDS.sub(lambda m: m.group(1)[:7], text.replace("Z", "+00:00"))
    try:
        return as_utc(datetime.fromisoformat(trimmed))
    except ValueError:
        raise ImportFailed(f"{where}: time {text!r} is not a date") from None
