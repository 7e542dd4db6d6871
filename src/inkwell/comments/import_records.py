"""What a comment importer (Disqus, Isso, Remark42) hands to ``import_comments``, and what it
gets back.

Readers turn a file into these plain records without touching the database; the comments
feature matches them to posts, checks them and stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from inkwell.core.cli import counted


@dataclass(frozen=True)
class ImportedComment:
    """One comment as the source had it; ``html`` is the source's text, not sanitised yet."""

    source_id: str
    html: str
    author_name: str
    created_at: datetime | None = None
    parent_source_id: str | None = None
    author_email: str | None = None
    author_website: str | None = None
    # "deleted", "spam" or "pending" (never moderated there) when the source says so: such
    # comments are left out.
    skip_reason: str | None = None


@dataclass(frozen=True)
class ImportedThread:
    """The comments of one page of the old site, addressed by its (old) URL."""

    source_id: str
    url: str
    title: str | None = None
    closed: bool = False
    deleted: bool = False
    comments: tuple[ImportedComment, ...] = ()


@dataclass(frozen=True)
class UnmatchedThread:
    """A thread whose address names no post here: its comments are left out."""

    url: str
    title: str | None
    comments: int


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), counted and explained."""

    source: str
    dry_run: bool
    threads: int = 0
    imported: int = 0
    posts: int = 0
    already: int = 0  # imported by an earlier run: left as they are
    deleted: int = 0
    spam: int = 0
    unmoderated: int = 0  # still waiting for moderation on the old site
    in_deleted_threads: int = 0
    orphans: int = 0  # comments whose thread matches no post here
    unknown_thread: int = 0  # comments naming a thread the file does not hold
    reattached: int = 0  # replies whose parent was left out: moved up the thread
    closed_posts: int = 0
    merged: list[str] = field(default_factory=list)  # posts that got two threads or more
    unmatched: list[UnmatchedThread] = field(default_factory=list)
    by_slug: list[str] = field(default_factory=list)  # addresses matched by their last segment
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, one fact a line, as the command prints it."""
        verb = "would import" if self.dry_run else "imported"
        lines = [
            f"{self.source}: {verb} {counted(self.imported, 'comment')} on "
            f"{counted(self.posts, 'post')} from {counted(self.threads, 'thread')}"
        ]
        if self.already:
            lines.append(f"{counted(self.already, 'comment')} imported before: left unchanged")
        left_out = (
            (self.deleted, "deleted"),
            (self.spam, "marked as spam"),
            (self.unmoderated, "never approved on the old site"),
            (self.in_deleted_threads, "in deleted threads"),
        )
        for number, why in left_out:
            if number:
                lines.append(f"skipped {counted(number, 'comment')} {why}")
        if self.reattached:
            lines.append(
                f"{counted(self.reattached, 'reply', 'replies')} whose parent was skipped or "
                "missing: attached to the nearest kept comment above, or to the top of the thread"
            )
        if self.merged:
            lines.append(f"threads merged (two or more for one post): {', '.join(self.merged)}")
        if self.closed_posts:
            verb = "would stay" if self.dry_run else "stays" if self.closed_posts == 1 else "stay"
            lines.append(
                f"{counted(self.closed_posts, 'post')} closed on the old site {verb} closed"
            )
        for path in self.by_slug:
            lines.append(f"matched by slug only: {path}")
        if self.orphans:
            lines.append(
                f"orphans: {counted(self.orphans, 'comment')} on threads that match no post here "
                "(not imported)"
            )
        for thread in self.unmatched:
            title = f" ({thread.title})" if thread.title else ""
            lines.append(
                f"unmatched thread: {thread.url}{title}: {counted(thread.comments, 'comment')}"
            )
        if self.unknown_thread:
            lines.append(
                f"{counted(self.unknown_thread, 'comment')} "
                f"{'names' if self.unknown_thread == 1 else 'name'} a thread the file does not "
                "hold: not imported"
            )
        lines.extend(f"note: {note}" for note in self.notes)
        return lines
