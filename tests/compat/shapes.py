"""Compare a JSON answer's shape with Ghost's: the same keys, in the same order, of the same types.

Values are not compared (ids, dates and texts differ from site to site), only what a client
depends on: which keys an object has, their order, and each value's JSON type. A ``null`` in
Ghost's answer says the field is nullable, so any type is accepted there; a ``null`` of ours where
Ghost has a value is a difference, except for the fields listed in ``MAY_BE_NULL`` (whose
nullness depends on the data, like ``meta.pagination.next`` on the last page).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[1] / "ghost_api" / "ghost_reference"

# Fields Ghost also answers null for, on other data than the reference site's.
MAY_BE_NULL = frozenset({"next", "prev", "primary_tag", "primary_author"})


def reference(name: str) -> dict[str, Any]:
    """Ghost's answer ``name`` (a file of tests/ghost_api/ghost_reference/)."""
    data: dict[str, Any] = json.loads((REFERENCE / name).read_text())
    return data


def json_type(value: object) -> str:
    """The JSON type of a decoded value (an integer and a fraction are both numbers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(f"not JSON: {value!r}")


def differences(
    ours: object, ghost: object, path: str = "$", opaque: frozenset[str] = frozenset()
) -> list[str]:
    """Every way ``ours`` differs in shape from ``ghost``, one readable line each.

    ``opaque`` names paths (``$.settings.labs``) compared by type only: their keys are Ghost's
    internals (feature flags) that no client reads.
    """
    if ghost is None:
        return []
    if ours is None:
        leaf = path.rsplit(".", 1)[-1]
        return [] if leaf in MAY_BE_NULL else [f"{path}: null, Ghost has {json_type(ghost)}"]
    if json_type(ours) != json_type(ghost):
        return [f"{path}: {json_type(ours)}, Ghost has {json_type(ghost)}"]
    if path in opaque:
        return []
    if isinstance(ours, dict) and isinstance(ghost, dict):
        return _object_differences(ours, ghost, path, opaque)
    if isinstance(ours, list) and isinstance(ghost, list) and ghost:
        found: list[str] = []
        for index, item in enumerate(ours):
            found += differences(item, ghost[0], f"{path}[{index}]", opaque)
        return found
    return []


def _object_differences(
    ours: dict[str, Any], ghost: dict[str, Any], path: str, opaque: frozenset[str]
) -> list[str]:
    found: list[str] = []
    missing = [key for key in ghost if key not in ours]
    extra = [key for key in ours if key not in ghost]
    if missing:
        found.append(f"{path}: missing {', '.join(missing)}")
    if extra:
        found.append(f"{path}: not in Ghost's answer: {', '.join(extra)}")
    common_ours = [key for key in ours if key in ghost]
    common_ghost = [key for key in ghost if key in ours]
    if common_ours != common_ghost:
        found.append(f"{path}: keys in another order than Ghost's: {', '.join(common_ours)}")
    for key in common_ghost:
        found += differences(ours[key], ghost[key], f"{path}.{key}", opaque)
    return found


def missing_fields(ours: dict[str, Any], wanted: dict[str, str], path: str = "$") -> list[str]:
    """Fields of ``wanted`` (name -> JSON type, or "null" for any) that ``ours`` lacks or types
    otherwise: for answers the reference has no file for (the Admin API's), checked against the
    fields Ghost's own tests show."""
    found = []
    for key, kind in wanted.items():
        if key not in ours:
            found.append(f"{path}: missing {key}")
        elif kind != "null" and ours[key] is not None and json_type(ours[key]) != kind:
            found.append(f"{path}.{key}: {json_type(ours[key])}, Ghost has {kind}")
    return found


def fields_of(example: dict[str, Any]) -> dict[str, str]:
    """``example``'s fields and their JSON types (``null`` meaning any), for ``missing_fields``."""
    return {key: json_type(value) for key, value in example.items()}
