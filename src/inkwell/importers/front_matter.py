"""Front matter: split it from a Markdown file and read its values leniently.

YAML (``---``) is what Jekyll and most Hugo sites use; Hugo also writes TOML (``+++``) and JSON.
Values are read defensively: a YAML file can hold anything (nested lists, anchors), so only
plain scalars and flat lists of them are ever turned into text.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from inkwell.importers.source_text import normalise_space


class FrontMatterError(ValueError):
    """The front matter cannot be read; the message says where and why."""


class _TOMLHandler(BaseHandler):
    """Hugo's ``+++`` front matter, read with the standard library's tomllib."""

    START_DELIMITER = END_DELIMITER = "+++"

    def __init__(self) -> None:
        import re

        super().__init__(fm_boundary=re.compile(r"^\+{3,}\s*$", re.MULTILINE))

    def load(self, fm: str) -> dict[str, Any]:
        return tomllib.loads(fm)


def split(text: str) -> tuple[dict[str, Any], str]:
    """The front matter (empty when there is none) and the body of a Markdown file."""
    stripped = text.lstrip("\ufeff")
    first_line = stripped.lstrip().split("\n", 1)[0].strip()
    handler: BaseHandler
    if first_line.startswith("---"):
        handler, kind = YAMLHandler(), "YAML"
    elif first_line.startswith("+++"):
        handler, kind = _TOMLHandler(), "TOML"
    elif first_line == "{":
        handler, kind = JSONHandler(), "JSON"
    else:
        return {}, stripped
    try:
        raw, body = handler.split(stripped.lstrip())
    except ValueError:
        raise FrontMatterError(f"the {kind} front matter is not closed") from None
    try:
        meta = handler.load(raw)
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML front matter: {_yaml_problem(exc)}") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise FrontMatterError(f"invalid {kind} front matter: {exc}") from None
    if meta is None:
        return {}, body
    if not isinstance(meta, dict):
        raise FrontMatterError(f"the {kind} front matter is not a set of 'key: value' pairs")
    return meta, body


def _yaml_problem(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        return f"line {exc.problem_mark.line + 1}: {exc.problem}"
    return str(exc).splitlines()[0]


def is_scalar(value: object) -> bool:
    """A value that may be shown as text (bools are flags, not text)."""
    return isinstance(value, str | int | float | date) and not isinstance(value, bool)


def text(meta: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` holding a non-empty scalar, as stripped text."""
    for key in keys:
        value = meta.get(key)
        if is_scalar(value) and str(value).strip():
            return str(value).strip()
    return None


def flag(value: object) -> bool | None:
    """A YAML/TOML boolean, also written as "true", "yes", "false", "no"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    return None


def names(value: object) -> list[str]:
    """Tag-like names from a list, or from a string (comma-separated, else Jekyll's spaces)."""
    if isinstance(value, str):
        parts = value.split(",") if "," in value else value.split()
        return [normalise_space(p) for p in parts if p.strip()]
    if isinstance(value, list):
        found = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("name")
            if is_scalar(item) and str(item).strip():
                found.append(normalise_space(str(item)))
        return found
    return []


def nested(meta: dict[str, Any], key: str, *inner: str) -> str | None:
    """A string at ``meta[key]`` or, when that is a mapping, at one of its ``inner`` keys."""
    value = meta.get(key)
    if isinstance(value, dict):
        return text(value, *inner)
    return text(meta, key)


def moment(value: object, timezone: str) -> datetime | None:
    """A date or time from front matter; naive values are in the site's time zone.

    Raises ValueError for text that is no date, so that a typo does not silently misdate a post.
    """
    zone = ZoneInfo(timezone)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=zone)
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    parsed = _parse_text_date(raw)
    if parsed is None:
        raise ValueError(f"cannot read {raw!r} as a date")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _parse_text_date(raw: str) -> datetime | None:
    try:
        return datetime.fromisoformat(raw.replace(" +", "+").replace(" -", "-"))
    except ValueError:
        pass
    for layout in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(raw, layout)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
