"""The line diff between two revisions."""

from __future__ import annotations

from dataclasses import dataclass

from inkwell.content.revision_diff import DiffLine, diff_lines, diff_revisions


@dataclass
class Text:
    title: str
    source: str


def test_identical_texts_are_all_equal_lines() -> None:
    assert [line.op for line in diff_lines("a\nb", "a\nb")] == ["equal", "equal"]


def test_a_changed_line_is_removed_then_added_with_line_numbers() -> None:
    assert diff_lines("one\ntwo\nthree", "one\n2\nthree") == [
        DiffLine("equal", "one", 1, 1),
        DiffLine("delete", "two", 2, None),
        DiffLine("insert", "2", None, 2),
        DiffLine("equal", "three", 3, 3),
    ]


def test_added_and_removed_lines() -> None:
    found = diff_lines("keep\ngone", "new\nkeep")
    assert [(line.op, line.text) for line in found] == [
        ("insert", "new"),
        ("equal", "keep"),
        ("delete", "gone"),
    ]


def test_revisions_diff_their_title_as_the_first_line() -> None:
    found = diff_revisions(Text("Old title", "Body"), Text("New title", "Body"))
    assert [(line.op, line.text) for line in found] == [
        ("delete", "Old title"),
        ("insert", "New title"),
        ("equal", ""),
        ("equal", "Body"),
    ]
