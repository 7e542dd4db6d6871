"""The filter tree of the Ghost APIs (what an NQL filter says), compiled to SQL over content.

The parser lives in ``ghost_api``; content owns which fields may be filtered on and what each
means, so the tree's node types are here and ``ghost_api`` builds them through
``content.service``. ``compile_filter`` turns a tree into a SQLAlchemy condition for posts,
tags or users, and raises ``FilterError`` (a message naming the field or value) for anything
it cannot mean: an unknown field, a value of the wrong kind, an operator the field has not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, false, func, not_, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, aliased

from inkwell.content.models import Post, PostAuthor, PostTag, Tag, User


class Op(StrEnum):
    """How a condition compares its field with its value."""

    EQ = "eq"
    NE = "ne"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    IN = "in"
    NOT_IN = "nin"
    ALL = "all"
    CONTAINS = "contains"
    NOT_CONTAINS = "not_contains"
    STARTS = "starts"
    NOT_STARTS = "not_starts"
    ENDS = "ends"
    NOT_ENDS = "not_ends"


Scalar = str | int | float | bool | datetime | None


@dataclass(frozen=True)
class Condition:
    """``field`` compared with ``value`` (a tuple for ``IN``, ``NOT_IN`` and ``ALL``)."""

    field: str
    op: Op
    value: Scalar | tuple[Scalar, ...]


@dataclass(frozen=True)
class AllOf:
    """Every part holds (NQL's ``+``)."""

    parts: tuple[FilterNode, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds (NQL's ``,``)."""

    parts: tuple[FilterNode, ...]


FilterNode = Condition | AllOf | AnyOf
Resource = Literal["posts", "tags", "authors"]


class FilterError(ValueError):
    """A filter content cannot run; the message names what is wrong."""


_NEGATED = {
    Op.NE: Op.EQ,
    Op.NOT_IN: Op.IN,
    Op.NOT_CONTAINS: Op.CONTAINS,
    Op.NOT_STARTS: Op.STARTS,
    Op.NOT_ENDS: Op.ENDS,
}
_TEXT_OPS = frozenset({Op.CONTAINS, Op.STARTS, Op.ENDS})
_RANGE_OPS = frozenset({Op.GT, Op.GTE, Op.LT, Op.LTE})
Kind = Literal["text", "bool", "date", "number"]


@dataclass(frozen=True)
class _Field:
    kind: Kind
    column: Callable[[], Any]


def _col(attribute: InstrumentedAttribute[Any], kind: Kind = "text") -> _Field:
    return _Field(kind, lambda: attribute)


def _tag_visibility() -> ColumnElement[str]:
    # Internal tags are those named "#..." (Ghost stores the same rule as a column).
    return case((Tag.name.startswith("#"), "internal"), else_="public")


_POST_FIELDS: dict[str, _Field] = {
    "id": _col(Post.id),
    "uuid": _col(Post.uuid),
    "title": _col(Post.title),
    "slug": _col(Post.slug),
    "status": _col(Post.status),
    "visibility": _col(Post.visibility),
    "featured": _col(Post.featured, "bool"),
    "feature_image": _col(Post.feature_image),
    "custom_excerpt": _col(Post.custom_excerpt),
    "canonical_url": _col(Post.canonical_url),
    "comment_id": _col(Post.comment_id),
    "custom_template": _col(Post.custom_template),
    "reading_time": _col(Post.reading_time, "number"),
    "published_at": _col(Post.published_at, "date"),
    "created_at": _col(Post.created_at, "date"),
    "updated_at": _col(Post.updated_at, "date"),
}
_TAG_FIELDS: dict[str, _Field] = {
    "id": _col(Tag.id),
    "slug": _col(Tag.slug),
    "name": _col(Tag.name),
    "description": _col(Tag.description),
    "visibility": _Field("text", _tag_visibility),
    "feature_image": _col(Tag.feature_image),
    "accent_color": _col(Tag.accent_color),
    "meta_title": _col(Tag.meta_title),
    "meta_description": _col(Tag.meta_description),
    "created_at": _col(Tag.created_at, "date"),
    "updated_at": _col(Tag.updated_at, "date"),
}
# Never the email: a filter on it would let anyone holding a Content key guess addresses.
_AUTHOR_FIELDS: dict[str, _Field] = {
    "id": _col(User.id),
    "slug": _col(User.slug),
    "name": _col(User.name),
    "bio": _col(User.bio),
    "location": _col(User.location),
    "website": _col(User.website),
    "profile_image": _col(User.profile_image),
    "cover_image": _col(User.cover_image),
    "created_at": _col(User.created_at, "date"),
    "updated_at": _col(User.updated_at, "date"),
}
_FIELDS: dict[Resource, dict[str, _Field]] = {
    "posts": _POST_FIELDS,
    "tags": _TAG_FIELDS,
    "authors": _AUTHOR_FIELDS,
}
# Ghost's shorthands: ``tag:x`` is ``tags.slug:x`` and so on.
_ALIASES = {
    "tag": "tags.slug",
    "tags": "tags.slug",
    "author": "authors.slug",
    "authors": "authors.slug",
    "primary_tag": "primary_tag.slug",
    "primary_author": "primary_author.slug",
}
_RELATIONS = frozenset({"tags", "authors", "primary_tag", "primary_author"})
_RELATION_FIELDS = frozenset({"id", "slug", "name"})


def filterable_fields(resource: Resource) -> list[str]:
    """The field names a filter on ``resource`` may use, for messages and documentation."""
    names = list(_FIELDS[resource])
    if resource == "posts":
        related = (f"{r}.{f}" for r in sorted(_RELATIONS) for f in sorted(_RELATION_FIELDS))
        names += [*_ALIASES, *related]
    return names


def compile_filter(resource: Resource, node: FilterNode) -> ColumnElement[bool]:
    """``node`` as a SQL condition on the table of ``resource``; raises FilterError."""
    if isinstance(node, AllOf):
        return and_(true(), *(compile_filter(resource, part) for part in node.parts))
    if isinstance(node, AnyOf):
        return or_(false(), *(compile_filter(resource, part) for part in node.parts))
    name = _ALIASES.get(node.field, node.field) if resource == "posts" else node.field
    relation, _, sub = name.partition(".")
    if resource == "posts" and relation in _RELATIONS:
        if sub not in _RELATION_FIELDS:
            raise FilterError(f"unknown filter field {node.field!r}")
        return _relation(relation, sub, node)
    field = _FIELDS[resource].get(name)
    if field is None:
        raise FilterError(f"unknown filter field {node.field!r}")
    return _compare(field.column(), field.kind, node)


def _compare(column: ColumnElement[Any], kind: Kind, node: Condition) -> ColumnElement[bool]:
    op, value = node.op, node.value
    if op in _NEGATED:
        positive = _compare(column, kind, Condition(node.field, _NEGATED[op], value))
        if op == Op.NE and value is None:
            return column.is_not(None)
        # "not x" keeps the rows without a value: SQL's NULL would drop them silently.
        return or_(not_(positive), column.is_(None))
    if op in (Op.IN, Op.ALL):
        values = value if isinstance(value, tuple) else (value,)
        if op == Op.ALL and len(values) > 1:
            raise FilterError(f"filter field {node.field!r} holds one value, not all of several")
        wanted = [_value(kind, v, node.field) for v in values]
        present = [v for v in wanted if v is not None]
        found = column.in_(present) if present else false()
        return or_(found, column.is_(None)) if None in wanted else found
    if isinstance(value, tuple):
        raise FilterError(f"filter field {node.field!r} takes one value here, not a list")
    if op == Op.EQ:
        wanted = _value(kind, value, node.field)
        return column.is_(None) if wanted is None else column == wanted
    if op in _TEXT_OPS:
        if kind != "text":
            raise FilterError(f"filter field {node.field!r} is not text: ~ cannot apply to it")
        if not isinstance(value, str):
            raise FilterError(f"filter field {node.field!r}: ~ needs a quoted text")
        needle, text = value.lower(), func.lower(column)
        if op == Op.CONTAINS:
            return text.contains(needle, autoescape=True)
        if op == Op.STARTS:
            return text.startswith(needle, autoescape=True)
        return text.endswith(needle, autoescape=True)
    if kind == "bool":
        raise FilterError(f"filter field {node.field!r} is true or false: no <, > on it")
    wanted = _value(kind, value, node.field)
    if wanted is None:
        raise FilterError(f"filter field {node.field!r}: null cannot be compared with <, >")
    ranges: dict[Op, ColumnElement[bool]] = {
        Op.GT: column > wanted,
        Op.GTE: column >= wanted,
        Op.LT: column < wanted,
        Op.LTE: column <= wanted,
    }
    return ranges[op]


def _value(kind: Kind, value: Scalar, field: str) -> Any:
    """``value`` as the field's kind wants it; raises FilterError when it cannot be."""
    if value is None:
        return None
    if kind == "text":
        if isinstance(value, datetime):
            raise FilterError(f"filter field {field!r} is text, not a date")
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise FilterError(f"filter field {field!r} is true or false, not {value!r}")
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FilterError(f"filter field {field!r} is a number, not {value!r}")
        return value
    return _date(value, field)


def _date(value: Scalar, field: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            found = datetime.fromisoformat(value.strip().replace(" ", "T", 1))
        except ValueError:
            pass
        else:
            return found if found.tzinfo else found.replace(tzinfo=UTC)
    raise FilterError(f"filter field {field!r} is a date such as '2024-01-31', not {value!r}")


def _relation(relation: str, sub: str, node: Condition) -> ColumnElement[bool]:
    """A condition on a post's tags or authors: some linked row holds it (none, when negated)."""
    op, value = node.op, node.value
    if op in _NEGATED:
        if op == Op.NE and value is None:
            return _linked(relation, None)
        return not_(_relation(relation, sub, Condition(node.field, _NEGATED[op], value)))
    if op in (Op.EQ, Op.IN) and (value is None or value == (None,)):
        return not_(_linked(relation, None))
    if op == Op.ALL:
        values = value if isinstance(value, tuple) else (value,)
        parts = [_relation(relation, sub, Condition(node.field, Op.EQ, v)) for v in values]
        return and_(true(), *parts)
    field = (_TAG_FIELDS if relation in ("tags", "primary_tag") else _AUTHOR_FIELDS)[sub]
    return _linked(relation, lambda: _compare(field.column(), field.kind, node))


def _linked(
    relation: str, condition: Callable[[], ColumnElement[bool]] | None
) -> ColumnElement[bool]:
    """EXISTS a tag (author) of the post, the first public one for ``primary_*``, holding it."""
    if relation in ("tags", "primary_tag"):
        link: Any = aliased(PostTag)
        query = select(link.post_id).join(Tag, Tag.id == link.tag_id)
        if relation == "primary_tag":
            earlier, earlier_tag = aliased(PostTag), aliased(Tag)
            before = (
                select(earlier.post_id)
                .join(earlier_tag, earlier_tag.id == earlier.tag_id)
                .where(
                    earlier.post_id == link.post_id,
                    earlier.sort_order < link.sort_order,
                    ~earlier_tag.name.startswith("#"),
                )
            )
            query = query.where(~Tag.name.startswith("#"), ~before.exists())
    else:
        link = aliased(PostAuthor)
        query = select(link.post_id).join(User, User.id == link.author_id)
        if relation == "primary_author":
            earlier_author = aliased(PostAuthor)
            before = select(earlier_author.post_id).where(
                earlier_author.post_id == link.post_id,
                earlier_author.sort_order < link.sort_order,
            )
            query = query.where(~before.exists())
    query = query.where(link.post_id == Post.id)
    if condition is not None:
        query = query.where(condition())
    return query.exists()
