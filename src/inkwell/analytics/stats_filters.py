"""The Stats API's properties and filters, read as Plausible's Stats API v1 reads them: pure,
text in and the query layer's ``Filter`` out, or a ``StatsParamError`` in Plausible's words.

Properties map onto ``summary.DIMENSIONS``. ``visit:source`` and ``visit:utm_source`` both read
our ``source`` dimension, which already prefers ``utm_source`` (then ``?ref=``, then the
referrer's name): a ``visit:utm_source`` breakdown therefore also lists sources named by
referrers, but never "Direct / None". Plausible's labels for empty values are understood in
filters: ``Direct / None`` for an empty source or referrer, ``(not set)`` for an unknown browser,
OS or device.

Deliberate differences: a malformed filter and a country that is not two letters are refused
(Plausible drops them silently and answers other numbers than were asked for).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from inkwell.analytics.summary import Filter, Op
from inkwell.analytics.types import DOCS, StatsParamError

PROPERTIES = {
    "event:page": "page",
    "event:name": "event",
    "visit:entry_page": "entry_page",
    "visit:exit_page": "exit_page",
    "visit:source": "source",
    "visit:referrer": "referrer",
    "visit:utm_source": "source",
    "visit:utm_medium": "utm_medium",
    "visit:utm_campaign": "utm_campaign",
    "visit:utm_content": "utm_content",
    "visit:utm_term": "utm_term",
    "visit:browser": "browser",
    "visit:os": "os",
    "visit:device": "device",
    "visit:country": "country",
}
"""Each Plausible property Inkwell answers, with the dimension that holds it."""
# Plausible knows these, Inkwell keeps nothing for them: refused with a word to say so.
ELSEWHERE: tuple[str, ...] = (
    "event:goal",
    "event:hostname",
    "visit:channel",
    "visit:region",
    "visit:city",
)
ELSEWHERE += ("visit:os_version", "visit:browser_version")
EMPTY_LABELS = {"source": "Direct / None", "referrer": "Direct / None"}
EMPTY_LABELS |= {"browser": "(not set)", "os": "(not set)", "device": "(not set)"}
"""How an empty value is shown (and may be named in a filter)."""
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class ApiFilter:
    """One filter as asked (``property``) and as the query layer applies it (``filter``)."""

    property: str
    filter: Filter


def parse_property(params: Mapping[str, str]) -> str:
    """The breakdown's property (``event:page``, ``visit:source``...), required."""
    if "property" not in params:
        raise StatsParamError(
            "The `property` parameter is required. "
            "Please provide at least one property to show a breakdown by."
        )
    return known_property(params["property"], "property", "for the breakdown endpoint")


def known_property(name: str, what: str, where: str) -> str:
    """``name`` if Inkwell answers that property; refused otherwise (``what`` is its role)."""
    if name in PROPERTIES:
        return name
    wanted = f"Please provide a valid {' '.join((what, where)).strip()}: {DOCS}#properties"
    if name in ELSEWHERE or name.startswith("event:props:"):
        raise StatsParamError(
            f"{what.capitalize()} '{name}' is not available: Inkwell does not keep it. {wanted}"
        )
    raise StatsParamError(f"Invalid {what} '{name}'. {wanted}")


def parse_filters(text: str) -> tuple[ApiFilter, ...]:
    """Plausible's v1 filters: ``visit:source==Google;event:page!=/blog/**``; ``a|b`` means
    either (``\\|`` is a plain bar); ``*`` and ``**`` are wildcards (``summary.wildcard``)."""
    return tuple(_one_filter(part.strip()) for part in text.split(";") if part.strip())


def _one_filter(text: str) -> ApiFilter:
    pieces = [piece.strip() for piece in re.split("==|!=", text)]
    if len(pieces) != 2 or not pieces[0] or not pieces[1]:
        raise StatsParamError(
            f"Invalid filter `{text}`. Please write each filter as `property==value` or "
            f"`property!=value`, joined by `;`: {DOCS}#filtering"
        )
    name = known_property(pieces[0], "filter property", "")
    dimension = PROPERTIES[name]
    values = tuple(
        _stored_value(dimension, v.replace("\\|", "|")) for v in _alternatives(pieces[1])
    )
    if dimension == "country" and any(len(value) != 2 for value in values):
        raise StatsParamError(
            "Invalid filter on `visit:country`: use two-letter ISO 3166 codes such as `US`."
        )
    negated = "!=" in text
    op: Op
    if any("*" in value for value in values):
        op = "does_not_match" if negated else "matches"
    else:
        op = "is_not" if negated else "is"
    return ApiFilter(name, Filter(dimension, op, values))


def _alternatives(raw: str) -> list[str]:
    return _UNESCAPED_PIPE.split(raw)


def _stored_value(dimension: str, value: str) -> str:
    return "" if EMPTY_LABELS.get(dimension) == value else value
