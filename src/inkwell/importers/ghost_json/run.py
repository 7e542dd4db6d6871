"""Importing a Ghost JSON export: check it all, then store it all in one transaction.

The file is read and checked, converted, and planned against the site (``content.service``
decides which tags and authors are here already and refuses conflicting posts) before a
single row is written; any problem is an ``ImportFailed`` line and nothing is stored.
Settings are applied first, so posts render with the site's settings of the export. A dry
run stops after the plan and reports what would happen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.core.cli import counted
from inkwell.importers.ghost_json.reader import read_export
from inkwell.importers.ghost_json.rows import convert
from inkwell.importers.report import ImportFailed
from inkwell.settings import Settings


@dataclass
class GhostImportReport:
    """What an import did (or, in a dry run, would do)."""

    source: str
    ghost_version: str
    dry_run: bool
    posts: int = 0
    pages: int = 0
    posts_here: int = 0  # already in this site (same id): left as they are
    tags: int = 0
    tags_here: int = 0
    authors: int = 0
    authors_here: int = 0
    settings: list[str] = field(default_factory=list)
    redirects: int = 0  # Ghost addresses that now redirect to the posts' addresses here
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, one line per fact, as the command prints it."""
        verb = "would import" if self.dry_run else "imported"
        lines = [
            f"Ghost {self.ghost_version} export {self.source}: {verb} "
            f"{counted(self.posts, 'post')}, {counted(self.pages, 'page')}, "
            f"{counted(self.tags, 'tag')}, {counted(self.authors, 'author')}",
        ]
        if self.posts_here:
            lines.append(f"{self.posts_here} posts or pages are here already: left unchanged")
        if self.tags_here or self.authors_here:
            lines.append(
                f"{self.tags_here} tags and {self.authors_here} authors are here already: "
                "the posts use them"
            )
        if self.settings:
            verb = "would set" if self.dry_run else "set"
            lines.append(f"settings {verb}: {', '.join(self.settings)}")
        if self.redirects:
            lines.append(
                f"{self.redirects} posts' Ghost addresses (/slug/) redirect to their addresses here"
            )
        lines.extend(f"note: {note}" for note in self.notes)
        return lines


def _valid_settings(
    current: content.SiteSettings, wanted: dict[str, Any], notes: list[str]
) -> dict[str, Any]:
    """The settings this site accepts, one by one; the others become notes."""
    accepted: dict[str, Any] = {}
    known = set(content.SiteSettings.model_fields)
    for key, value in wanted.items():
        if key not in known:
            continue
        try:
            checked = content.SiteSettings.model_validate(
                {**current.model_dump(), key: value}, strict=True
            )
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"] if exc.errors() else "refused"
            notes.append(f"the setting {key} was not imported: {reason}")
            continue
        if getattr(checked, key) != getattr(current, key):
            accepted[key] = value
    return accepted


async def import_ghost(
    session: AsyncSession, path: Path, *, settings: Settings, dry_run: bool = False
) -> GhostImportReport:
    """Import the Ghost export at ``path``; raises ImportFailed (nothing stored) when bad."""
    export = read_export(path)
    converted = convert(export)
    try:
        plan = await content.plan_rows(session, converted.rows)
    except content.RowConflict as exc:
        raise ImportFailed(str(exc)) from None
    report = GhostImportReport(str(path), export.version, dry_run, notes=converted.notes)
    report.posts = sum(1 for p in plan.new_posts if p.values["type"] == "post")
    report.pages = len(plan.new_posts) - report.posts
    report.posts_here = len(plan.existing_posts)
    report.tags, report.tags_here = len(plan.new_tags), len(plan.tag_ids)
    report.authors, report.authors_here = len(plan.new_users), len(plan.user_ids)
    site = await content.load_settings(session)
    wanted = _valid_settings(site, converted.settings, report.notes)
    report.settings = sorted(wanted)
    if dry_run:
        return report
    if wanted:
        try:
            await content.update_settings(session, wanted, site_url=settings.site_url)
        except content.SettingsInputError as exc:
            raise ImportFailed(f"the settings were refused: {exc}") from None
        site = await content.load_settings(session)
    added = await content.write_rows(session, plan, content.render_options(site, settings.site_url))
    if not export.inkwell:
        report.redirects = await _keep_ghost_urls(session, added, site)
    return report


# Where Ghost serves a post unless its routes.yaml says otherwise (pages: always there).
GHOST_POST_PATH = "/{slug}/"


async def _keep_ghost_urls(
    session: AsyncSession, posts: list[content.Post], site: content.SiteSettings
) -> int:
    """Make each published post's Ghost address answer 301 to its address here.

    Not for Inkwell's own exports: their permalink setting comes with them, so posts keep
    their paths.
    """
    kept = 0
    for post in posts:
        if post.type != "post" or post.status != "published":
            continue
        old = GHOST_POST_PATH.format(slug=post.slug)
        if content.path_of(post, site) != old:
            await content.add_redirect(session, old, post.id)
            kept += 1
    return kept
