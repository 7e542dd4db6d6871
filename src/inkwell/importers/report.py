"""What readers hand to the import pipeline, and what an import run reports back.

A reader turns a source (a feed, a folder) into ``Candidate`` records without touching the
database; the pipeline writes them and fills an ``ImportReport``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from inkwell.content.service import PostInput


class ImportFailed(Exception):
    """The source as a whole cannot be imported; the message is one line for the user."""


@dataclass
class Candidate:
    """One post read from a source: its record, or the reason it cannot be imported."""

    label: str
    data: PostInput | None = None
    reason: str | None = None
    # Things the user should know although the item imports (date guessed, title clipped...).
    notes: list[str] = field(default_factory=list)
    # The path the post had on its old site (same host as the feed), checked after saving.
    old_path: str | None = None
    # True when ``published_at`` is a guess: an existing post keeps the date it has.
    date_guessed: bool = False

    @property
    def key(self) -> str | None:
        """What identifies the post across imports: its id, else its guid."""
        if self.data is None:
            return None
        return self.data.id or self.data.guid


@dataclass(frozen=True)
class Skipped:
    """An item left out, and why."""

    label: str
    reason: str


@dataclass(frozen=True)
class Note:
    """Something worth telling about an item that was imported."""

    label: str
    message: str


@dataclass(frozen=True)
class ImageFailure:
    """An image that could not be downloaded; it stays at its original URL."""

    url: str
    reason: str


@dataclass
class ImportReport:
    """The outcome of one import run."""

    source: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    images_downloaded: int = 0
    image_failures: list[ImageFailure] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """How many posts were created or updated."""
        return len(self.created) + len(self.updated)


@dataclass
class Batch:
    """Everything a reader produced from one source, ready to be written."""

    source: str
    candidates: list[Candidate]
    warnings: list[str] = field(default_factory=list)
    # The folder a Markdown batch was read from: relative image paths resolve against it.
    root: Path | None = None


def validation_reason(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``field: message``."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "record"
    message = first["msg"].removeprefix("Value error, ")
    return f"invalid {where}: {message}"


def dedupe(candidates: list[Candidate]) -> None:
    """Skip later items that name the same post (same id or guid) as an earlier one."""
    first_seen: dict[str, str] = {}
    for candidate in candidates:
        key = candidate.key
        if key is None:
            continue
        if key in first_seen:
            candidate.reason = f"same id/guid as {first_seen[key]} ({key})"
            candidate.data = None
        else:
            first_seen[key] = candidate.label
