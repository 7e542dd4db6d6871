"""Old comment systems' files, written by the tests: an Isso database and a Remark42 backup
holding original comments on the test blog's posts (see conftest's ``blog``)."""

from __future__ import annotations

import gzip
import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Isso's schema as its own code creates it (the columns the importer reads, and the others).
ISSO_SCHEMA = """
CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0
);
CREATE TABLE preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
"""


@dataclass(frozen=True)
class IssoComment:
    """One row of Isso's ``comments`` table."""

    id: int
    thread: int
    text: str
    author: str | None = "Maren Holt"
    created: float = 1_710_148_500.0  # 2024-03-11 09:15 UTC
    parent: int | None = None
    mode: int = 1
    email: str | None = None
    website: str | None = None


ISSO_THREADS = {
    1: ("/blog/2024/03/tuning-sqlite/", "Tuning SQLite for small servers"),
    2: ("/2019/moving-day.html", "Moving house, moving blogs"),
    3: ("/blog/2023/01/gone-for-good/", "A post that is gone"),
}
ISSO_COMMENTS = (
    IssoComment(1, 1, "Setting **WAL** halved our write latency.", email="maren@readers.example"),
    IssoComment(2, 1, "Did you try `synchronous=NORMAL`?", "Theo", 1_710_152_000.0, parent=1),
    IssoComment(3, 1, "Waiting for a moderator.", "Quentin", 1_710_153_000.0, mode=2),
    IssoComment(4, 1, "I take it back.", "Ruth", 1_710_154_000.0, parent=1, mode=4),
    IssoComment(5, 1, "Replying to a deleted one.", "Kofi", 1_710_155_000.0, parent=4),
    IssoComment(
        6, 2, "Welcome to the new place!", None, 1_710_156_000.0, website="https://kofi.example"
    ),
    IssoComment(7, 3, "Nobody will see this one here.", "Ilse", 1_710_157_000.0),
)


def write_isso(path: Path, comments: tuple[IssoComment, ...] = ISSO_COMMENTS) -> Path:
    """An Isso database at ``path`` with ``ISSO_THREADS`` and ``comments``."""
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(ISSO_SCHEMA)
        connection.executemany(
            "INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)",
            [(key, uri, title) for key, (uri, title) in ISSO_THREADS.items()],
        )
        connection.executemany(
            "INSERT INTO comments (tid, id, parent, created, mode, remote_addr, text, author,"
            " email, website, voters) VALUES (?, ?, ?, ?, ?, '198.51.100.0', ?, ?, ?, ?, x'00')",
            [
                (c.thread, c.id, c.parent, c.created, c.mode, c.text, c.author, c.email, c.website)
                for c in comments
            ],
        )
        connection.commit()
    return path


def remark42_comment(id: str, url: str, text: str, **fields: Any) -> dict[str, Any]:
    """One line of a Remark42 backup."""
    return {
        "id": id,
        "pid": fields.pop("pid", ""),
        "text": text,
        "orig": text,
        "user": {"name": fields.pop("name", "Maren Holt"), "id": "github_1f2e3d", "picture": ""},
        "locator": {"site": "fieldnotes", "url": url},
        "score": 0,
        "votes": {},
        "time": fields.pop("time", "2024-03-11T09:15:00.123456789Z"),
        "delete": fields.pop("delete", False),
        "title": fields.pop("title", ""),
        **fields,
    }


OLD = "https://oldblog.example"
REMARK42_COMMENTS = (
    remark42_comment(
        "c-1",
        f"{OLD}/blog/2024/03/tuning-sqlite/",
        "<p>WAL was the <b>big</b> win.</p>",
        title="Tuning SQLite for small servers",
    ),
    remark42_comment(
        "c-2",
        f"{OLD}/blog/2024/03/tuning-sqlite/",
        "<p>Agreed.</p>",
        pid="c-1",
        name="Theo",
        time="2024-03-11T10:02:00+01:00",
    ),
    remark42_comment(
        "c-3", f"{OLD}/blog/2024/03/tuning-sqlite/", "<p>gone</p>", delete=True, name="Ruth"
    ),
    remark42_comment(
        "c-4",
        f"{OLD}/blog/2024/05/rust-lifetimes/",
        '<p>Nice <script>alert(1)</script><a href="javascript:alert(2)">trick</a></p>',
        name="Kofi",
    ),
)
REMARK42_META = {
    "version": 1,
    "users": [],
    "posts": [{"url": f"{OLD}/blog/2024/05/rust-lifetimes/", "read_only": True}],
}


def write_remark42(
    path: Path,
    comments: tuple[dict[str, Any], ...] = REMARK42_COMMENTS,
    *,
    gzipped: bool = False,
) -> Path:
    """A Remark42 backup at ``path``: the metadata line, then a comment a line."""
    lines = [json.dumps(REMARK42_META)] + [json.dumps(c) for c in comments]
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gzipped else data)
    return path
