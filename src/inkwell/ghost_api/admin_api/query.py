"""The query parameters of an Admin API read: ``formats``, ``include``, ``fields``, ``filter``
(NQL), ``order``, ``limit`` and ``page``, checked before anything is read.

``ghost_api.params`` checks what both APIs share; here are the Admin API's own ``include``
names (``authors.roles``, ``tiers``...) and its default bodies (the post's document, not its
HTML). A wrong value is a ``BadRequestError`` naming the parameter, as Ghost answers it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from inkwell.content.service import FilterNode, OrderBy
from inkwell.ghost_api.errors import BadRequestError
from inkwell.ghost_api.params import Resource, parse_params

POST_FORMATS = frozenset({"html", "plaintext", "lexical", "mobiledoc"})
# Ghost's Admin API shows a post's documents, not its HTML, unless asked.
DEFAULT_POST_FORMATS = frozenset({"mobiledoc", "lexical"})
# Parameters a single read ignores (Ghost reads one row whatever they say).
_BROWSE_ONLY = ("filter", "order", "limit", "page")


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


def _names(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _chosen(name: str, value: str, allowed: Collection[str]) -> frozenset[str]:
    unknown = [item for item in _names(value) if item not in allowed]
    if unknown:
        known = ", ".join(sorted(allowed)) or "nothing"
        raise BadRequestError(
            f'Invalid value for "{name}": {", ".join(unknown)} (allowed: {known})', property=name
        )
    return frozenset(_names(value))


def read_query(
    params: Mapping[str, str],
    resource: Resource,
    *,
    browsing: bool,
    includes: Collection[str],
    default_include: Collection[str] = (),
    formats: Collection[str] = (),
    default_formats: Collection[str] = (),
    default_order: tuple[OrderBy, ...] = (),
) -> ReadQuery:
    """``params`` (the query string) read for ``resource``; BadRequestError naming a bad one."""
    shared = {
        key: value
        for key, value in params.items()
        if key not in ("include", "formats") and (browsing or key not in _BROWSE_ONLY)
    }
    checked = parse_params(shared, resource, admin=True)
    include = frozenset(default_include)
    if "include" in params:
        include = _chosen("include", params["include"], includes)
    wanted_formats = frozenset(default_formats)
    if params.get("formats"):
        wanted_formats = _chosen("formats", params["formats"], formats)
    return ReadQuery(
        formats=wanted_formats,
        include=include,
        fields=checked.fields,
        where=checked.filter,
        order=checked.order or default_order,
        limit=checked.limit,
        page=checked.page,
    )
