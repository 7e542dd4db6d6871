"""The command line's small helpers."""

from __future__ import annotations

from inkwell.core.cli import counted


def test_one_of_a_thing_is_singular() -> None:
    assert counted(1, "author") == "1 author"


def test_none_or_many_are_plural() -> None:
    assert counted(0, "tag") == "0 tags"
    assert counted(2, "tag") == "2 tags"


def test_an_irregular_plural_is_given() -> None:
    assert counted(3, "post and page", "posts and pages") == "3 posts and pages"
