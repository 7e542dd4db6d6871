"""Permalink patterns: validation, building and matching."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inkwell.content.permalinks import (
    PatternError,
    PermalinkFields,
    build_path,
    match_path,
    validate_pattern,
)

FIELDS = PermalinkFields(
    id="6b0695025a9772699b61dd5e",
    slug="hello",
    published_at=datetime(2026, 3, 5, 9, tzinfo=UTC),
    primary_tag="python",
)


def test_default_pattern_builds_year_month_slug() -> None:
    assert build_path("/blog/{year}/{month}/{slug}/", FIELDS) == "/blog/2026/03/hello/"


def test_every_token_is_filled() -> None:
    path = build_path("/{primary_tag}/{year}/{month}/{day}/{id}/", FIELDS)
    assert path == "/python/2026/03/05/6b0695025a9772699b61dd5e/"


def test_match_returns_the_tokens() -> None:
    found = match_path("/blog/{year}/{month}/{slug}/", "/blog/2026/03/hello/")
    assert found == {"year": "2026", "month": "03", "slug": "hello"}


def test_match_refuses_another_shape() -> None:
    assert match_path("/blog/{year}/{month}/{slug}/", "/blog/2026/hello/") is None


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("blog/{slug}/", "start and end"),
        ("/{year}/", "needs {slug} or {id}"),
        ("/{nope}/{slug}/", "unknown permalink token {nope}"),
        ("/{slug}/{slug}/", "only once"),
    ],
)
def test_bad_patterns_are_refused_with_a_reason(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=message.replace("{", r"\{").replace("}", r"\}")):
        validate_pattern(pattern)
