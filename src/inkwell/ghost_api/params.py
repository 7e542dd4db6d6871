"""The query parameters of Ghost's browse and read endpoints, validated.

``include``, ``fields``, ``formats``, ``limit`` (a number or ``all``), ``page``, ``order``
(``field [asc|desc]``, several separated by commas) and ``filter`` (NQL). Anything refused
raises ``BadRequestError`` whose ``property`` is the parameter and whose message names it;
unknown parameters are ignored, as Ghost ignores them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from inkwell.content.service import SOCIAL_ACCOUNTS, FilterNode, OrderBy, orderable_fields
from inkwell.ghost_api.errors import BadRequestError
from inkwell.ghost_api.nql import NqlError, parse_filter

Resource = Literal["posts", "pages", "tags", "authors", "users"]
DEFAULT_LIMIT = 15
MAX_LIMIT = 10_000

# What each resource may include. ``tiers`` is accepted on posts (Ghost's clients ask for
# it) and answered as a site without tiers answers; ``count.comments`` counts approved comments.
_INCLUDES: dict[str, frozenset[str]] = {
    "posts": frozenset({"tags", "authors", "tiers", "count.comments"}),
    "pages": frozenset({"tags", "authors", "tiers", "count.comments"}),
    "tags": frozenset({"count.posts"}),
    "authors": frozenset({"count.posts"}),
    "users": frozenset({"count.posts", "roles"}),
}
_CONTENT_FORMATS = frozenset({"html", "plaintext"})
_ADMIN_FORMATS = frozenset({"html", "plaintext", "lexical", "mobiledoc"})
# The keys ``fields`` may name, per resource: those the shapes carry.
_POST_FIELDS = frozenset(
    [
        "id",
        "uuid",
        "title",
        "slug",
        "html",
        "plaintext",
        "lexical",
        "mobiledoc",
        "comment_id",
        "feature_image",
        "featured",
        "status",
        "visibility",
        "created_at",
        "updated_at",
        "published_at",
        "custom_excerpt",
        "codeinjection_head",
        "codeinjection_foot",
        "custom_template",
        "canonical_url",
        "tags",
        "authors",
        "primary_author",
        "primary_tag",
        "url",
        "excerpt",
        "reading_time",
        "access",
        "comments",
        "og_image",
        "og_title",
        "og_description",
        "twitter_image",
        "twitter_title",
        "twitter_description",
        "meta_title",
        "meta_description",
        "email_subject",
        "frontmatter",
        "feature_image_alt",
        "feature_image_caption",
        "show_title_and_feature_image",
    ]
)
_TAG_FIELDS = frozenset(
    [
        "id",
        "name",
        "slug",
        "description",
        "feature_image",
        "visibility",
        "og_image",
        "og_title",
        "og_description",
        "twitter_image",
        "twitter_title",
        "twitter_description",
        "meta_title",
        "meta_description",
        "codeinjection_head",
        "codeinjection_foot",
        "canonical_url",
        "accent_color",
        "created_at",
        "updated_at",
        "count",
        "url",
    ]
)
_AUTHOR_FIELDS = frozenset(
    [
        "id",
        "name",
        "slug",
        "email",
        "profile_image",
        "cover_image",
        "bio",
        "website",
        "location",
        *SOCIAL_ACCOUNTS,
        "meta_title",
        "meta_description",
        "status",
        "created_at",
        "updated_at",
        "roles",
        "count",
        "url",
    ]
)
_FIELDS = {
    "posts": _POST_FIELDS,
    "pages": _POST_FIELDS,
    "tags": _TAG_FIELDS,
    "authors": _AUTHOR_FIELDS,
    "users": _AUTHOR_FIELDS,
}
_ORDER_RESOURCE: dict[str, Literal["posts", "tags", "authors"]] = {
    "posts": "posts",
    "pages": "posts",
    "tags": "tags",
    "authors": "authors",
    "users": "authors",
}


@dataclass(frozen=True)
class ApiParams:
    """Validated parameters; ``limit`` None means ``all``, ``fields`` None every field."""

    include: frozenset[str] = frozenset()
    fields: tuple[str, ...] | None = None
    formats: frozenset[str] = frozenset({"html"})
    limit: int | None = DEFAULT_LIMIT
    page: int = 1
    order: tuple[OrderBy, ...] = ()
    filter: FilterNode | None = None


def _refuse(name: str, message: str) -> BadRequestError:
    return BadRequestError(f'Invalid value for "{name}": {message}', property=name)


def _names(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _choose(name: str, raw: str, allowed: frozenset[str]) -> frozenset[str]:
    wanted = _names(raw)
    unknown = [item for item in wanted if item not in allowed]
    if unknown:
        known = ", ".join(sorted(allowed)) or "nothing"
        raise _refuse(name, f"{', '.join(unknown)} (allowed: {known})")
    return frozenset(wanted)


def _whole(name: str, raw: str, *, maximum: int) -> int:
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise _refuse(name, f"{raw!r} is not a whole number")
    value = int(text)
    if not 1 <= value <= maximum:
        raise _refuse(name, f"{value} is not between 1 and {maximum}")
    return value


def parse_order(raw: str, resource: Resource) -> tuple[OrderBy, ...]:
    """``published_at desc, title`` as sort keys; raises BadRequestError naming ``order``."""
    allowed = orderable_fields(_ORDER_RESOURCE[resource])
    found: list[OrderBy] = []
    for part in raw.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2:
            raise _refuse("order", f"{part.strip()!r} is not 'field asc' or 'field desc'")
        field = words[0]
        direction = words[1].lower() if len(words) == 2 else "asc"
        if direction not in ("asc", "desc"):
            raise _refuse("order", f"direction {words[1]!r} is neither asc nor desc")
        if field not in allowed:
            raise _refuse("order", f"cannot order by {field!r} (allowed: {', '.join(allowed)})")
        found.append(OrderBy(field, direction == "desc"))
    return tuple(found)


def parse_filter_param(raw: str) -> FilterNode:
    """The NQL of ``filter``, or Ghost's BadRequestError naming the filter and the fault."""
    try:
        return parse_filter(raw)
    except NqlError as exc:
        raise BadRequestError("Error parsing filter", context=str(exc), property="filter") from None


def parse_params(query: Mapping[str, str], resource: Resource, *, admin: bool = False) -> ApiParams:
    """The validated parameters of one request for ``resource``."""
    include = frozenset[str]()
    if query.get("include"):
        include = _choose("include", query["include"], _INCLUDES[resource])
    fields = None
    if query.get("fields"):
        fields = tuple(_choose("fields", query["fields"], _FIELDS[resource]))
    formats = frozenset({"lexical"} if admin else {"html"})
    if query.get("formats"):
        allowed = _ADMIN_FORMATS if admin else _CONTENT_FORMATS
        formats = _choose("formats", query["formats"], allowed)
    limit: int | None = DEFAULT_LIMIT
    raw_limit = query.get("limit")
    if raw_limit:
        all_rows = raw_limit.strip() == "all"
        limit = None if all_rows else _whole("limit", raw_limit, maximum=MAX_LIMIT)
    page = _whole("page", query["page"], maximum=10**9) if query.get("page") else 1
    order = parse_order(query["order"], resource) if query.get("order") else ()
    where = parse_filter_param(query["filter"]) if query.get("filter") else None
    return ApiParams(include, fields, formats, limit, page, order, where)
