"""Reading a Ghost JSON export: the file, its version, its tables, its references.

Ghost writes ``{"db": [{"meta": {...}, "data": {...}}]}`` (older tools write the inner
object alone; both are read). Everything a later step relies on is checked here, before
anything is stored: the file is JSON, made by Ghost 4, 5 or 6, holds the tables every such
export has, each a list of objects with ids, and every link names rows the file holds. Each
problem is one ``ImportFailed`` line naming the table, row and field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inkwell.importers.report import ImportFailed

SUPPORTED_MAJORS = (4, 5, 6)
REQUIRED_TABLES = ("posts", "tags", "users", "posts_tags", "posts_authors")
OPTIONAL_TABLES = ("posts_meta", "settings", "roles", "roles_users")
# Far above the largest real export (text only: images are not in the file).
MAX_EXPORT_BYTES = 512 * 1024 * 1024
# (link table, its column, the table it names)
REFERENCES = (
    ("posts_tags", "post_id", "posts"),
    ("posts_tags", "tag_id", "tags"),
    ("posts_authors", "post_id", "posts"),
    ("posts_authors", "author_id", "users"),
    ("posts_meta", "post_id", "posts"),
    ("roles_users", "user_id", "users"),
    ("roles_users", "role_id", "roles"),
)
ID_TABLES = ("posts", "tags", "users", "roles")
Row = dict[str, Any]


@dataclass
class GhostExport:
    """A checked export: Ghost's version, its tables by name, and Inkwell's own extras."""

    version: str
    tables: dict[str, list[Row]]
    # What an Inkwell export adds beside Ghost's data (``db[0].inkwell``), else empty.
    inkwell: dict[str, Any] = field(default_factory=dict)

    def rows(self, table: str) -> list[Row]:
        """The rows of ``table`` (empty when the export has none)."""
        return self.tables.get(table, [])


def _load(path: Path) -> Any:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_EXPORT_BYTES:
        raise ImportFailed(f"{path} is not a Ghost export: {size} bytes is more than any export")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is not a Ghost export: it is not JSON text") from None
    except ValueError as exc:
        raise ImportFailed(f"{path} is not a Ghost export: it is not JSON ({exc})") from None
    except RecursionError:
        raise ImportFailed(f"{path} is not a Ghost export: it is nested too deeply") from None


def _major(version: object) -> int | None:
    head = str(version).split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _envelope(document: Any, path: Path) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    outer = document
    if isinstance(outer, Mapping) and isinstance(outer.get("db"), list) and outer["db"]:
        outer = outer["db"][0]
    if not isinstance(outer, Mapping):
        raise ImportFailed(f"{path} is not a Ghost export: it has no db[0].meta and data")
    meta, data = outer.get("meta"), outer.get("data")
    if not isinstance(meta, Mapping) or not isinstance(data, Mapping):
        raise ImportFailed(f"{path} is not a Ghost export: it has no db[0].meta and data")
    return outer, data


def _tables(data: Mapping[str, Any]) -> dict[str, list[Row]]:
    missing = [name for name in REQUIRED_TABLES if name not in data]
    if missing:
        raise ImportFailed(f"the export has no {', '.join(missing)} table: it is incomplete")
    tables: dict[str, list[Row]] = {}
    for name in REQUIRED_TABLES + OPTIONAL_TABLES:
        rows = data.get(name, [])
        if rows is None:
            rows = []
        if not isinstance(rows, list):
            raise ImportFailed(f"the export's {name} table is not a list of rows")
        for index, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise ImportFailed(f"{name} row {index} is not an object")
        tables[name] = rows
    return tables


def _check_ids(tables: dict[str, list[Row]]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for name in ID_TABLES:
        seen: set[str] = set()
        for index, row in enumerate(tables.get(name, []), 1):
            row_id = row.get("id")
            if isinstance(row_id, int) and not isinstance(row_id, bool):
                row["id"] = row_id = str(row_id)  # Ghost 1 era ids: numbers
            if not isinstance(row_id, str) or not row_id:
                raise ImportFailed(f"{name} row {index} has no id")
            if row_id in seen:
                raise ImportFailed(f"{name} row {index}: the id {row_id!r} appears twice")
            seen.add(row_id)
        ids[name] = seen
    return ids


def _check_references(tables: dict[str, list[Row]], ids: dict[str, set[str]]) -> None:
    for table, column, target in REFERENCES:
        for index, row in enumerate(tables.get(table, []), 1):
            value = row.get(column)
            if isinstance(value, int) and not isinstance(value, bool):
                row[column] = value = str(value)
            if value not in ids.get(target, set()):
                raise ImportFailed(
                    f"{table} row {index} names {column} {value!r}, which is not in {target}"
                )


def read_export(path: Path) -> GhostExport:
    """Read and check the export at ``path``; raises ImportFailed (one line) when it is bad."""
    document = _load(path)
    outer, data = _envelope(document, path)
    version = str(outer["meta"].get("version", ""))
    major = _major(version)
    if major not in SUPPORTED_MAJORS:
        shown = version or "no version"
        raise ImportFailed(
            f"the export was made by Ghost {shown}: only exports of Ghost 4, 5 and 6 are read"
        )
    tables = _tables(data)
    _check_references(tables, _check_ids(tables))
    extras = outer.get("inkwell")
    return GhostExport(version, tables, dict(extras) if isinstance(extras, Mapping) else {})
