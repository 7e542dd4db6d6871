"""Permalink patterns such as ``/blog/{year}/{month}/{slug}/``: check one, build a post's path,
and read the tokens of a path that has the pattern's shape.

No database and no I/O. Dates are those of the site's time zone, as Ghost shows them; a post
not published yet is given today's date (so ``build_path`` reads the clock). ``match_path``
only says which tokens a path holds: whether a post answers there is the caller's look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

DEFAULT_PATTERN = "/blog/{year}/{month}/{slug}/"
_TOKENS = {
    "year": r"(?P<year>\d{4})",
    "month": r"(?P<month>\d{2})",
    "day": r"(?P<day>\d{2})",
    "slug": r"(?P<slug>[^/]+)",
    "id": r"(?P<id>[0-9a-f]{24})",
    "primary_tag": r"(?P<primary_tag>[^/]+)",
}


class PatternError(ValueError):
    """The permalink pattern cannot identify a post."""


def validate_pattern(pattern: str) -> str:
    """Return ``pattern`` if usable, else raise PatternError with the reason."""
    if not (pattern.startswith("/") and pattern.endswith("/")):
        raise PatternError("a permalink pattern must start and end with '/'")
    names = re.findall(r"{([^}]*)}", pattern)
    unknown = [n for n in names if n not in _TOKENS]
    if unknown:
        raise PatternError(f"unknown permalink token {{{unknown[0]}}}; use {', '.join(_TOKENS)}")
    if "slug" not in names and "id" not in names:
        raise PatternError("a permalink pattern needs {slug} or {id}")
    if len(names) != len(set(names)):
        raise PatternError("a permalink token may appear only once")
    return pattern


@dataclass(frozen=True)
class PermalinkFields:
    """What a permalink can be built from."""

    id: str
    slug: str
    published_at: datetime | None
    primary_tag: str | None = None


def build_path(pattern: str, post: PermalinkFields, timezone: str = "Etc/UTC") -> str:
    """The path of a post under ``pattern`` (a post not yet published uses the present)."""
    from inkwell.core.time import utcnow

    when = (post.published_at or utcnow()).astimezone(ZoneInfo(timezone))
    values = {
        "year": f"{when.year:04d}",
        "month": f"{when.month:02d}",
        "day": f"{when.day:02d}",
        "slug": post.slug,
        "id": post.id,
        "primary_tag": post.primary_tag or "all",
    }
    return re.sub(r"{(\w+)}", lambda m: values[m.group(1)], pattern)


@lru_cache(maxsize=32)
def _compiled(pattern: str) -> re.Pattern[str]:
    regex = ""
    for literal, token in re.findall(r"([^{]*)(?:{(\w+)})?", pattern):
        regex += re.escape(literal)
        if token:
            regex += _TOKENS[token]
    return re.compile(f"^{regex}$")


def match_path(pattern: str, path: str) -> dict[str, str] | None:
    """The tokens of ``path`` if it has the shape of ``pattern``, else None."""
    found = _compiled(pattern).match(path)
    return found.groupdict() if found else None
