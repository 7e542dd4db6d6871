"""Run an import: read a source, check all of it, fetch images, then write it in one go.

Nothing is written until the whole source has been read and validated, so a source that cannot
be imported leaves the stored data untouched. Items are written through the content service in
the caller's session (one transaction) in chunks, each under a savepoint with one flush; when
the database refuses something in a chunk, that chunk is retried item by item so that the item
it refused is reported and skipped while the others go in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Required, TypedDict, Unpack

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service as accounts
from inkwell.content import service as content
from inkwell.content.service import Post, SiteSettings
from inkwell.core.cli import describe_db_error
from inkwell.importers import markdown_folder, rss
from inkwell.importers.images import localise_images, relative_images
from inkwell.importers.report import Batch, Candidate, ImportReport, Note, Skipped
from inkwell.importers.sources import read_source
from inkwell.settings import Settings


class Progress(Protocol):
    """Where an import reports how far it got (the CLI draws a progress bar)."""

    def stage(self, description: str, total: int) -> None:
        """A new stage of ``total`` steps begins."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage are done."""


class _Silent:
    def stage(self, description: str, total: int) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None


# Reads a whole source into a batch, given the site settings (they decide permalinks, dates)
# and the process settings (which hosts a download may reach).
Reader = Callable[[SiteSettings, Settings], Awaitable[Batch]]


@dataclass(frozen=True)
class ImportSource:
    """Something to import from: how its reading stage is named, and its reader."""

    reading: str
    read: Reader


class ImportOptions(TypedDict, total=False):
    """How an import runs, besides what it reads."""

    settings: Required[Settings]
    download_images: bool
    progress: Progress | None


def feed_source(location: str) -> ImportSource:
    """An RSS or Atom feed at a file path or an http(s) URL."""

    async def read(site: SiteSettings, settings: Settings) -> Batch:
        source = await read_source(location, allowed_hosts=settings.fetch_allowed_hosts)
        return rss.read_feed(source.data, site=site, location=source.location, base_url=source.url)

    return ImportSource("Reading the feed", read)


def markdown_source(folder: Path) -> ImportSource:
    """A folder of Markdown files (ImportFailed when it is no such folder or holds none)."""

    async def read(site: SiteSettings, _settings: Settings) -> Batch:
        return markdown_folder.read_folder(folder, site=site)

    return ImportSource("Reading the Markdown files", read)


async def run_import(
    session: AsyncSession,
    source: ImportSource,
    *,
    settings: Settings,
    download_images: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Read all of ``source``, then fetch its images when asked and write every candidate.

    Raises ImportFailed (one line for the user) when the source cannot be imported at all.
    """
    progress = progress or _Silent()
    progress.stage(source.reading, 1)
    site = await content.load_settings(session)
    batch = await source.read(site, settings)
    progress.advance()
    return await import_batch(
        session,
        batch,
        site=site,
        settings=settings,
        download_images=download_images,
        progress=progress,
    )


async def import_feed(
    session: AsyncSession, location: str, **options: Unpack[ImportOptions]
) -> ImportReport:
    """Import an RSS or Atom feed from a file path or an http(s) URL."""
    return await run_import(session, feed_source(location), **options)


async def import_markdown(
    session: AsyncSession, folder: Path, **options: Unpack[ImportOptions]
) -> ImportReport:
    """Import a folder of Markdown files."""
    return await run_import(session, markdown_source(folder), **options)


async def import_batch(
    session: AsyncSession,
    batch: Batch,
    *,
    site: SiteSettings,
    settings: Settings,
    download_images: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Fetch the images of a read batch when asked, then write every candidate."""
    progress = progress or _Silent()
    report = ImportReport(source=batch.source, warnings=list(batch.warnings))
    if download_images:
        result = await localise_images(
            batch,
            settings.media_dir,
            local_root=batch.root,
            allowed_hosts=settings.fetch_allowed_hosts,
            on_total=lambda total: progress.stage("Downloading images", total),
            on_done=progress.advance,
        )
        report.images_downloaded = result.downloaded
        report.image_failures = result.failures
    elif batch.root is not None:
        relative = sum(1 for c in batch.candidates if c.data and relative_images(c.data))
        if relative:
            phrase = "1 post shows" if relative == 1 else f"{relative} posts show"
            report.warnings.append(
                f"{phrase} images by a path inside the imported folder; run the import again "
                "with --download-images to copy them into the media folder"
            )
    progress.stage("Importing posts", len(batch.candidates))
    options = content.render_options(site, settings.site_url)
    # Posts that name no author are the owner's.
    posts = content.PostBatch(session, options, default_author_id=await accounts.owner_id(session))
    writer = _Writer(session, posts, site, report)
    for first in range(0, len(batch.candidates), CHUNK):
        chunk = batch.candidates[first : first + CHUNK]
        await writer.write_chunk(chunk)
        progress.advance(len(chunk))
    return report


# Posts saved under one savepoint and one flush: per-post round trips would make an import of
# 10,000 posts take minutes.
CHUNK = 200


class _Writer:
    """Saves candidates through the content service and records what happened to each."""

    def __init__(
        self,
        session: AsyncSession,
        posts: content.PostBatch,
        site: SiteSettings,
        report: ImportReport,
    ) -> None:
        self.session, self.posts, self.site, self.report = session, posts, site, report

    async def write_chunk(self, chunk: list[Candidate]) -> None:
        """Save ``chunk`` under one savepoint; if the database refuses it, go item by item.

        Autoflush stays off: the batch flushes once per chunk, and an autoflush on each lookup
        would undo that.
        """
        try:
            outcomes = await self._save_all(chunk)
        except Exception:  # noqa: BLE001 - retried one by one below, where the reason is reported
            self.posts.reset()
        else:
            for candidate, created in zip(chunk, outcomes, strict=True):
                self._record(candidate, created)
            return
        for candidate in chunk:
            try:
                [created] = await self._save_all([candidate])
            except Exception as exc:  # noqa: BLE001 - one item's failure must not stop the rest
                self.posts.reset()
                reason = f"could not be saved: {_describe(exc)}"
                self.report.skipped.append(Skipped(candidate.label, reason))
            else:
                self._record(candidate, created)

    async def _save_all(self, chunk: list[Candidate]) -> list[bool]:
        with self.session.no_autoflush:
            async with self.session.begin_nested():
                await self.posts.prefetch([c.data for c in chunk if c.data is not None])
                outcomes = [await self._save(candidate) for candidate in chunk]
                await self.posts.flush()
        return outcomes

    async def _save(self, candidate: Candidate) -> bool:
        """Save one candidate; True when it created a post."""
        data = candidate.data
        if data is None:
            return False
        if candidate.date_guessed:
            existing = await self.posts.existing(data)
            if existing is not None and existing.published_at is not None:
                # A guessed date must not move an already dated post on every re-import.
                data = data.model_copy(update={"published_at": None})
        saved = await self.posts.save(data)
        await _keep_old_url(self.session, saved.post, candidate, self.site)
        return saved.created

    def _record(self, candidate: Candidate, created: bool) -> None:
        if candidate.data is None:
            reason = candidate.reason or "unreadable"
            self.report.skipped.append(Skipped(candidate.label, reason))
            return
        (self.report.created if created else self.report.updated).append(candidate.label)
        self.report.notes.extend(Note(candidate.label, note) for note in candidate.notes)


async def _keep_old_url(
    session: AsyncSession, post: Post, candidate: Candidate, site: SiteSettings
) -> None:
    """Make the post's old address redirect here when it did not end up at the same path.

    The reader aims for the same path (slug and date from the old URL), but the slug may have
    been taken by another post or the pattern may use tokens the old URL lacks.
    """
    if candidate.old_path is None:
        return
    old = content.normalise_path(candidate.old_path)
    assert candidate.data is not None
    already = {content.normalise_path(path) for path in candidate.data.redirect_from}
    if old != "/" and old not in already and content.path_of(post, site) != old:
        await content.add_redirect(session, old, post.id)


def _describe(exc: Exception) -> str:
    if exc.__class__.__module__.startswith("sqlalchemy"):
        return describe_db_error(exc)
    first = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {first[0]}" if first else type(exc).__name__
