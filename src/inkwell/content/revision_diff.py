"""The difference between two revisions of a post, line by line, for the editor's diff view.

Pure: two texts in, a list of operations out (difflib underneath), so the admin can draw it
however it likes: one line per operation, ``equal`` lines kept for context.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal, Protocol

Op = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: kept (``equal``), added (``insert``) or removed (``delete``).

    ``old_number`` and ``new_number`` are the 1-based line numbers on each side (None on the
    side the line is not in).
    """

    op: Op
    text: str
    old_number: int | None
    new_number: int | None


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Every line of ``old`` and ``new`` as kept, removed or added, in reading order.

    A changed line shows as its old version removed, then its new version added.
    """
    before, after = old.splitlines(), new.splitlines()
    found: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                found.append(
                    DiffLine("equal", before[i1 + offset], i1 + offset + 1, j1 + offset + 1)
                )
            continue
        for i in range(i1, i2):  # "delete" and "replace"
            found.append(DiffLine("delete", before[i], i + 1, None))
        for j in range(j1, j2):  # "insert" and "replace"
            found.append(DiffLine("insert", after[j], None, j + 1))
    return found


class Text(Protocol):
    """What a diff compares: a revision, or a post as it is now."""

    @property
    def title(self) -> str:
        """The title, shown as the first line."""
        ...

    @property
    def source(self) -> str:
        """The body's Markdown (or HTML) source."""
        ...


def diff_revisions(old: Text, new: Text) -> list[DiffLine]:
    """The diff of two revisions (or a revision and the post): the title, a blank line, the body."""
    return diff_lines(f"{old.title}\n\n{old.source}", f"{new.title}\n\n{new.source}")
