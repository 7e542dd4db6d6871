"""The query parameters of an Admin API read: ``formats``, ``include``, ``fields``, ``filter``,
``order``, ``limit`` and ``page``, checked before anything is read.

A wrong value is a ``BadRequestError`` naming the parameter, as Ghost answers it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from inkwell.content.service import FilterNode, OrderBy
from inkwell.ghost_api.errors import BadRequestError

DEFAULT_LIMIT = 15
MAX_LIMIT = 100_000  # Ghost caps nothing below "all"; this only keeps OFFSET within reason
# Ghost's Admin API shows a post's document, not its HTML, unless asked.
POST_FORMATS = frozenset({"html", "plaintext", "lexical", "mobiledoc"})
DEFAULT_POST_FORMATS = frozenset({"mobiledoc", "lexical"})


@dataclass(frozen=True)
class ReadQuery:
    """What a browse or read asks for."""

    formats: frozenset[str]
    include: frozenset[str]
    fields: tuple[str, ...] | None
    where: FilterNode | None
    order: tuple[OrderBy, ...]
    limit: int | None
    page: int


def _invalid(name: str, value: str, why: str) -> BadRequestError:
    return BadRequestError(
        f"Validation error for parameter '{name}': {why}",
        context=f"{name}={value!r}",
        property=name,
    )


def _list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _positive(name: str, value: str | None, default: int | None) -> int | None:
    if value is None or value == "":
        return default
    if name == "limit" and value == "all":
        return None
    if not value.isdigit() or int(value) < 1 or int(value) > MAX_LIMIT:
        raise _invalid(name, value, "a whole number from 1" + (" or 'all'." if name == "limit" else "."))
    return int(value)


def _order(value: str | None, allowed: Collection[str]) -> tuple[OrderBy, ...]:
    order: list[OrderBy] = []
    for part in _list(value):
        words = part.split()
        direction = words[1].lower() if len(words) == 2 else "asc"
        if len(words) not in (1, 2) or direction not in ("asc", "desc") or words[0] not in allowed:
            raise _invalid("order", value or "", f"cannot order by {part!r}.")
        order.append(OrderBy(words[0], direction == "desc"))
    return tuple(order)


def _filter(value: str | None, resource: str) -> FilterNode | None:
    if not value:
        return None
    from inkwell.ghost_api import nql  # noqa: PLC0415

    try:
        return nql.parse_filter(value)
    except nql.NqlError as exc:
        raise _invalid("filter", value, str(exc)) from None


def read_query(
    params: Mapping[str, str],
    resource: str,
    *,
    includes: Collection[str],
    default_include: Collection[str] = (),
    formats: Collection[str] = (),
    default_formats: Collection[str] = (),
    orderable: Collection[str] = (),
    default_order: tuple[OrderBy, ...] = (),
) -> ReadQuery:
    """``params`` (the query string) read for ``resource``; BadRequestError naming a bad one."""
    wanted_formats = _list(params.get("formats"))
    unknown = [name for name in wanted_formats if name not in formats]
    if unknown:
        raise _invalid("formats", params["formats"], f"unknown format {unknown[0]!r}.")
    include = _list(params.get("include")) if "include" in params else list(default_include)
    unknown = [name for name in include if name not in includes]
    if unknown:
        raise _invalid("include", params["include"], f"cannot include {unknown[0]!r}.")
    fields = tuple(_list(params.get("fields"))) or None
    order = _order(params.get("order"), orderable) or default_order
    return ReadQuery(
        formats=frozenset(wanted_formats or default_formats),
        include=frozenset(include),
        fields=fields,
        where=_filter(params.get("filter"), resource),
        order=order,
        limit=_positive("limit", params.get("limit"), DEFAULT_LIMIT),
        page=_positive("page", params.get("page"), 1) or 1,
    )


