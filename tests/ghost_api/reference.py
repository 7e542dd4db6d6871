"""Ghost's own answers (``ghost_reference/``) and a comparison of JSON shapes with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).parent / "ghost_reference"


def reference(name: str) -> Any:
    """The JSON body Ghost answered, from ``ghost_reference/NAME``."""
    return json.loads((REFERENCE / name).read_text())


def reference_headers(name: str) -> dict[str, str]:
    """The response headers Ghost sent (lower-cased names), from ``NAME.headers``."""
    lines = (REFERENCE / f"{name}.headers").read_text().splitlines()[1:]
    pairs = (line.split(": ", 1) for line in lines if ": " in line)
    return {key.lower(): value for key, value in pairs}


def shape(value: Any) -> Any:
    """The shape of a JSON value: keys in order and the type of each leaf (null apart).

    Lists are shaped by their first item, so two lists of different lengths match.
    """
    if isinstance(value, dict):
        return [(key, shape(item)) for key, item in value.items()]
    if isinstance(value, list):
        return ["list", shape(value[0])] if value else ["list"]
    if value is None:
        return None
    return type(value).__name__


def assert_same_shape(ours: Any, ghosts: Any, where: str = "$") -> None:
    """Same keys in the same order at every level, same types where both have a value.

    A null on either side matches any type: Ghost's demo site and ours fill different fields.
    """
    if isinstance(ghosts, dict):
        assert isinstance(ours, dict), f"{where}: Ghost has an object, we have {ours!r}"
        differ = f"{where}: keys differ\n ours:  {list(ours)}\n ghost: {list(ghosts)}"
        assert list(ours) == list(ghosts), differ
        for key in ghosts:
            assert_same_shape(ours[key], ghosts[key], f"{where}.{key}")
    elif isinstance(ghosts, list):
        assert isinstance(ours, list), f"{where}: Ghost has a list, we have {ours!r}"
        if ghosts and ours:
            for item in ours:
                assert_same_shape(item, ghosts[0], f"{where}[]")
    elif ghosts is not None and ours is not None:
        kinds = f"{where}: {type(ours).__name__} vs {type(ghosts).__name__}"
        assert type(ours) is type(ghosts), kinds
