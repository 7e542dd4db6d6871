"""The NQL parser: Ghost's filter language read into content's filter tree."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inkwell.content.service import AllOf, AnyOf, Condition, Op
from inkwell.ghost_api.nql import MAX_CONDITIONS, MAX_DEPTH, NqlError, parse_filter

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("tag:python", Condition("tag", Op.EQ, "python")),
        ("id:-abc", Condition("id", Op.NE, "abc")),
        ("featured:true", Condition("featured", Op.EQ, True)),
        ("featured:False", Condition("featured", Op.EQ, False)),
        ("feature_image:null", Condition("feature_image", Op.EQ, None)),
        ("feature_image:-null", Condition("feature_image", Op.NE, None)),
        ("reading_time:>5", Condition("reading_time", Op.GT, 5)),
        ("reading_time:>=1.5", Condition("reading_time", Op.GTE, 1.5)),
        ("reading_time:<5", Condition("reading_time", Op.LT, 5)),
        ("reading_time:<=5", Condition("reading_time", Op.LTE, 5)),
        ("published_at:>'2024-01-01'", Condition("published_at", Op.GT, "2024-01-01")),
        ("slug:2024-01-01", Condition("slug", Op.EQ, "2024-01-01")),
        ("slug:nullable", Condition("slug", Op.EQ, "nullable")),
        ("tags:[a,b]", Condition("tags", Op.IN, ("a", "b"))),
        ("tags:[a]", Condition("tags", Op.IN, ("a",))),
        ("tags:-[a,b]", Condition("tags", Op.NOT_IN, ("a", "b"))),
        ("tags:[a+b+c]", Condition("tags", Op.ALL, ("a", "b", "c"))),
        ("title:~'sql'", Condition("title", Op.CONTAINS, "sql")),
        ("title:-~'sql'", Condition("title", Op.NOT_CONTAINS, "sql")),
        ("title:~^'sql'", Condition("title", Op.STARTS, "sql")),
        ("title:-~^'sql'", Condition("title", Op.NOT_STARTS, "sql")),
        ("title:~$'sql'", Condition("title", Op.ENDS, "sql")),
        ("title:-~$'sql'", Condition("title", Op.NOT_ENDS, "sql")),
        ("title:'it\\'s here'", Condition("title", Op.EQ, "it's here")),
        ("title:a\\,b", Condition("title", Op.EQ, "a,b")),
        ("tags.slug:x", Condition("tags.slug", Op.EQ, "x")),
        (" tag:a  +  tag:b ", AllOf((Condition("tag", Op.EQ, "a"), Condition("tag", Op.EQ, "b")))),
    ],
)
def test_one_expression(text: str, tree: object) -> None:
    assert parse_filter(text) == tree


def test_and_binds_tighter_than_or() -> None:
    a, b, c = (Condition(name, Op.EQ, "x") for name in "abc")
    assert parse_filter("a:x,b:x+c:x") == AnyOf((a, AllOf((b, c))))
    assert parse_filter("a:x+b:x,c:x") == AnyOf((AllOf((a, b)), c))


def test_brackets_group() -> None:
    a, b, c = (Condition(name, Op.EQ, "x") for name in "abc")
    assert parse_filter("(a:x,b:x)+c:x") == AllOf((AnyOf((a, b)), c))
    assert parse_filter("((a:x))") == a


def test_chains_are_flat() -> None:
    found = parse_filter("a:1+b:2+c:3+d:4")
    assert isinstance(found, AllOf) and len(found.parts) == 4


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("now-30d", datetime(2026, 3, 1, 12, 0, tzinfo=UTC)),
        ("now+1w", datetime(2026, 4, 7, 12, 0, tzinfo=UTC)),
        ("now-1M", datetime(2026, 2, 28, 12, 0, tzinfo=UTC)),
        ("now-2y", datetime(2024, 3, 31, 12, 0, tzinfo=UTC)),
        ("now-3h", datetime(2026, 3, 31, 9, 0, tzinfo=UTC)),
        ("now-5m", datetime(2026, 3, 31, 11, 55, tzinfo=UTC)),
        ("now+10s", datetime(2026, 3, 31, 12, 0, 10, tzinfo=UTC)),
    ],
)
def test_relative_dates(text: str, moment: datetime) -> None:
    assert parse_filter(f"published_at:>{text}", now=NOW) == Condition(
        "published_at", Op.GT, moment
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("tag:", "unexpected end of filter"),
        ("tag", "unexpected character in filter at char 1"),
        ("tag:a)", "unexpected character in filter at char 6"),
        ("tag:'open", 'unrecognized text "\'" in filter at char 5'),
        ("tag:[a", "unexpected end of filter"),
        ("tag:a+", "unexpected end of filter"),
        ("", "the filter is empty"),
        ("published_at:>now-99999999y", "out of range"),
    ],
)
def test_what_is_not_nql_says_where(text: str, says: str) -> None:
    with pytest.raises(NqlError, match="Query Error") as caught:
        parse_filter(text)
    assert says in str(caught.value)


def test_too_many_conditions_are_refused() -> None:
    with pytest.raises(NqlError, match="more than"):
        parse_filter("+".join(f"a:{n}" for n in range(MAX_CONDITIONS + 1)))


def test_too_deep_nesting_is_refused() -> None:
    text = "a:1"
    for n in range(MAX_DEPTH + 1):
        text = f"(b:{n}{',' if n % 2 else '+'}{text})"
    with pytest.raises(NqlError, match="nests"):
        parse_filter(text)


def _parsed_or_refused(text: str) -> bool:
    """Whether ``text`` became a filter tree or was refused with a query error (nothing else)."""
    try:
        tree = parse_filter(text)
    except NqlError as exc:
        return str(exc).startswith("Query Error")
    return isinstance(tree, Condition | AllOf | AnyOf)


@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused_as_nql(text: str) -> None:
    assert _parsed_or_refused(text)


_ALPHABET = st.sampled_from(list("tag:slug-[],+()'~^$<>=nulltrue0123456789 \\.now-dMy_x"))


@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_text_made_of_nql_pieces_parses_or_is_refused(text: str) -> None:
    assert _parsed_or_refused(text)
