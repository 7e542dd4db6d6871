"""Helpers for the Ghost JSON tests: the fixture exports, and copies of them to spoil."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "ghost"


def ghost_fixture(version: int) -> Path:
    """The hand-written export of a Ghost ``version`` (4, 5 or 6) site."""
    return FIXTURES / f"ghost{version}.json"


def load_fixture(version: int) -> dict[str, Any]:
    """A fresh copy of a fixture export, to change in a test."""
    return copy.deepcopy(json.loads(ghost_fixture(version).read_text(encoding="utf-8")))


def write_export(path: Path, document: Any) -> Path:
    """``document`` written as JSON at ``path``."""
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
