"""The NQL parser: a lark LALR grammar (``nql.lark``, after Ghost's nql-lang) whose reductions
build content's filter tree directly.

Ghost's semantics kept: ``a:b`` equals, ``a:-b`` differs, ``>``/``>=``/``<``/``<=``, ``~``
contains, ``~^`` starts with, ``~$`` ends with (each negated by ``-``), ``[a,b]`` any of,
``-[a,b]`` none of, ``[a+b]`` all of, ``null``/``true``/``false``, numbers, quoted strings
with backslash escapes, ``+`` and, ``,`` or (``+`` binds tighter), brackets, and relative
dates (``now-30d``; units d w M y h m s).
"""

from __future__ import annotations

import re
from calendar import monthrange
from contextvars import ContextVar
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from inkwell.content.service import AllOf, AnyOf, Condition, FilterNode, Op
from inkwell.core.time import utcnow

# Guards against filters built to exhaust the server rather than to find posts.
MAX_LENGTH = 4000
MAX_CONDITIONS = 100
MAX_DEPTH = 10


class NqlError(ValueError):
    """A filter that is not NQL; the message says where (Ghost's wording)."""


_now: ContextVar[datetime | None] = ContextVar("nql_now", default=None)
_ESCAPED = re.compile(r"\\(['\"+,()><=\[\]~^$])")
_OPERATORS = {"NOT": Op.NE, "GT": Op.GT, "LT": Op.LT, "GTE": Op.GTE, "LTE": Op.LTE}
_MATCHES = {"CONTAINS": Op.CONTAINS, "STARTSWITH": Op.STARTS, "ENDSWITH": Op.ENDS}
_NOT_MATCHES = {Op.CONTAINS: Op.NOT_CONTAINS, Op.STARTS: Op.NOT_STARTS, Op.ENDS: Op.NOT_ENDS}


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _text(token: Token) -> str:
    """A literal or a quoted string's text, quotes and escapes removed."""
    raw = str(token)
    if token.type == "STRING":
        raw = raw[1:-1]
    return _unescape(raw)


def _relative_date(text: str) -> datetime:
    now = _now.get() or utcnow()
    sign = 1 if text[3] == "+" else -1
    amount, unit = int(text[4:-1]) * sign, text[-1]
    if unit in "My":
        months = amount if unit == "M" else amount * 12
        year, month = divmod(now.month - 1 + months, 12)
        year += now.year
        if not 1 <= year <= 9999:
            raise NqlError(f"Query Error: the date {text} is out of range")
        day = min(now.day, monthrange(year, month + 1)[1])
        return now.replace(year=year, month=month + 1, day=day)
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[unit]
    try:
        return now + timedelta(seconds=amount * seconds)
    except OverflowError:
        raise NqlError(f"Query Error: the date {text} is out of range") from None


def _tokens_dropped(children: list[Any]) -> list[Any]:
    return [child for child in children if not isinstance(child, Token)]


class _Build(Transformer[Token, Any]):
    """Reductions of the grammar, each returning a node of content's filter tree."""

    def value(self, children: list[Token]) -> Any:
        token = children[0]
        if token.type == "NULL":
            return None
        if token.type in ("TRUE", "FALSE"):
            return token.type == "TRUE"
        if token.type == "NUMBER":
            return float(token) if "." in token else int(token)
        if token.type == "RELDATE":
            return _relative_date(str(token))
        return _text(token)

    def operator(self, children: list[Token]) -> Op:
        return _OPERATORS[children[0].type]

    def regexp_op(self, children: list[Token]) -> tuple[Op, str]:
        return _MATCHES[children[0].type], _text(children[1])

    def in_list(self, children: list[Any]) -> tuple[Any, ...]:
        return tuple(child for child in children if not _is_separator(child))

    all_list = in_list

    def match(self, children: list[Any]) -> tuple[Op, Any]:
        op, text = children[0]
        return op, text

    def not_match(self, children: list[Any]) -> tuple[Op, Any]:
        op, text = children[1]
        return _NOT_MATCHES[op], text

    def in_(self, children: list[Any]) -> tuple[Op, Any]:
        return Op.IN, children[1]

    def not_in(self, children: list[Any]) -> tuple[Op, Any]:
        return Op.NOT_IN, children[2]

    def all_(self, children: list[Any]) -> tuple[Op, Any]:
        return Op.ALL, children[1]

    def compare(self, children: list[Any]) -> tuple[Op, Any]:
        return children[0], children[1]

    def equals(self, children: list[Any]) -> tuple[Op, Any]:
        return Op.EQ, children[0]

    def condition(self, children: list[Any]) -> Condition:
        prop, (op, value) = children
        return Condition(str(prop)[:-1], op, value)

    def group(self, children: list[Any]) -> FilterNode:
        found: FilterNode = _tokens_dropped(children)[0]
        return found

    def all_of(self, children: list[Any]) -> AllOf:
        return AllOf(_flatten(AllOf, _tokens_dropped(children)))

    def any_of(self, children: list[Any]) -> AnyOf:
        return AnyOf(_flatten(AnyOf, _tokens_dropped(children)))


def _is_separator(child: Any) -> bool:
    return isinstance(child, Token) and child.type in ("OR", "AND")


def _flatten(kind: type[AllOf] | type[AnyOf], parts: list[FilterNode]) -> tuple[FilterNode, ...]:
    # ``a+b+c`` is one AllOf of three (the grammar is left-recursive), as in Ghost's $and.
    flat: list[FilterNode] = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, kind) else (part,))
    return tuple(flat)


_parser = Lark(
    (Path(__file__).with_name("nql.lark")).read_text(),
    parser="lalr",
    transformer=_Build(),
    maybe_placeholders=False,
)


def parse_filter(text: str, *, now: datetime | None = None) -> FilterNode:
    """The filter tree of the NQL ``text``; raises NqlError saying what and where.

    ``now`` anchors relative dates (``now-30d``); by default, the current time.
    """
    if len(text) > MAX_LENGTH:
        raise NqlError(f"Query Error: the filter is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise NqlError("Query Error: the filter is empty")
    reset = _now.set(now)
    try:
        parsed: Any = _parser.parse(text)
    except UnexpectedCharacters as exc:
        pos = exc.pos_in_stream or 0
        char = text[pos] if pos < len(text) else ""
        at = pos + 1
        raise NqlError(f'Query Error: unrecognized text "{char}" in filter at char {at}') from None
    except UnexpectedEOF:
        raise NqlError("Query Error: unexpected end of filter") from None
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        if token is not None and getattr(token, "type", "") == "$END":
            raise NqlError("Query Error: unexpected end of filter") from None
        at = (getattr(exc, "pos_in_stream", None) or 0) + 1
        raise NqlError(f"Query Error: unexpected character in filter at char {at}") from None
    except NqlError:
        raise
    except LarkError as exc:
        raise NqlError(f"Query Error: {exc}") from None
    finally:
        _now.reset(reset)
    tree: FilterNode = parsed
    _check_size(tree)
    return tree


def _check_size(tree: FilterNode) -> None:
    """Refuse trees past MAX_CONDITIONS conditions or MAX_DEPTH nested groups."""
    conditions = 0
    stack: list[tuple[FilterNode, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise NqlError(f"Query Error: the filter nests more than {MAX_DEPTH} groups")
        if isinstance(node, Condition):
            conditions += 1
            if conditions > MAX_CONDITIONS:
                raise NqlError(f"Query Error: the filter has more than {MAX_CONDITIONS} conditions")
        else:
            stack.extend((part, depth + 1) for part in node.parts)
