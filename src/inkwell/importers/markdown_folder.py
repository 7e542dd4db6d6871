"""Read a folder of Markdown files with front matter (a Hugo or Jekyll site) into post records.

Identity: a post imported from Markdown is known by ``markdown:<slug>`` (its guid), unless its
front matter names a Ghost ``id`` or a ``guid``. The slug is what a reader sees in the URL, so
moving or renaming files (Jekyll's date prefix, a Hugo page bundle) never duplicates a post,
while giving a post a new slug makes it a new post, as its URL is new.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from inkwell.content.service import PostInput, SiteSettings, make_slug
from inkwell.importers import front_matter as fm
from inkwell.importers.front_matter_fields import post_fields
from inkwell.importers.report import Batch, Candidate, ImportFailed, dedupe, validation_reason
from inkwell.importers.source_text import clip, title_from_name

SUFFIXES = (".md", ".markdown")
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TITLE = 255
# Folders that hold tooling or generated output, never posts.
_SKIP_DIRS = frozenset({"node_modules", "_site", "public", "vendor", "resources", "__pycache__"})
# Files a site repository carries that are not posts.
_NOT_POSTS = frozenset(
    {"readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "security"}
)
_JEKYLL_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_FIRST_H1 = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")


@dataclass(frozen=True)
class FileName:
    """What a file's name and place say about the post (Jekyll and Hugo conventions)."""

    slug: str
    date: datetime | None
    draft_folder: bool


def read_folder(root: Path, *, site: SiteSettings) -> Batch:
    """Every Markdown file under ``root`` as a candidate; ImportFailed for an unusable folder."""
    root = root.expanduser()
    if not root.exists():
        raise ImportFailed(f"{root}: no such folder")
    if not root.is_dir():
        raise ImportFailed(
            f"{root} is a file, not a folder of Markdown files "
            "(use `inkwell import rss` for a feed)"
        )
    files = find_markdown_files(root)
    if not files:
        raise ImportFailed(f"no Markdown files ({', '.join(SUFFIXES)}) in {root}")
    candidates = [read_file(path, root, site) for path in files]
    dedupe(candidates)
    return Batch(source=str(root), candidates=candidates, root=root)


def find_markdown_files(root: Path) -> list[Path]:
    """Markdown files under ``root``, sorted, skipping hidden and tooling folders."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                found.append(Path(folder) / name)
    return found


def read_file(path: Path, root: Path, site: SiteSettings) -> Candidate:
    """One Markdown file as a candidate post."""
    relative = PurePosixPath(path.relative_to(root).as_posix())
    candidate = Candidate(label=str(relative))
    reason = _not_a_post(relative)
    if reason is None:
        try:
            reason = _fill(candidate, path, relative, site)
        except (fm.FrontMatterError, ValueError) as exc:
            reason = str(exc)
    candidate.reason = reason
    if reason is not None:
        candidate.data = None
    return candidate


def _not_a_post(relative: PurePosixPath) -> str | None:
    stem = relative.stem.lower()
    if stem == "_index":
        return "a Hugo section page (_index.md), not a post"
    if stem in _NOT_POSTS:
        return f"{relative.name} documents the repository, it is not a post"
    return None


def _fill(
    candidate: Candidate, path: Path, relative: PurePosixPath, site: SiteSettings
) -> str | None:
    """Read the file into ``candidate.data``; return the reason when it cannot be imported."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    except OSError as exc:
        return f"cannot read it: {exc.strerror or exc}"
    # NUL characters are refused by PostgreSQL and never meant in a text file.
    meta, body = fm.split(content.replace("\x00", ""))
    name = file_name(relative, site.timezone)
    title = fm.text(meta, "title")
    if title is None:
        title, body = title_from_body(body)
        title = title or _title_from_file(name.slug)
    if len(title) > MAX_TITLE:
        title = clip(title, MAX_TITLE)
        candidate.notes.append(f"title cut to {MAX_TITLE} characters")
    fields = post_fields(meta, site=site, candidate=candidate)
    fields["title"] = title
    fields["source"] = jekyll_to_markdown(body).strip() + "\n"
    # A slug from the front matter or the old URL is kept as it is; one from the file name is
    # made up from it, as before (so a re-import does not move posts already imported).
    fields.setdefault("slug", make_slug(name.slug))
    if fields.get("published_at") is None and name.date is not None:
        fields["published_at"] = name.date
    # Jekyll keeps unpublished posts in _drafts; everything else in an export was live.
    fields.setdefault("status", "draft" if name.draft_folder else "published")
    if fields.get("published_at") is None:
        candidate.date_guessed = True
        if fields["status"] == "published":
            candidate.notes.append("no date: dated at import time")
    if not fields.get("id") and not fields.get("guid"):
        fields["guid"] = "markdown:" + make_slug(str(fields["slug"]))
    try:
        candidate.data = PostInput.model_validate(fields)
    except ValidationError as exc:
        return validation_reason(exc)
    return None


def file_name(relative: PurePosixPath, timezone: str) -> FileName:
    """Slug and date from ``_posts/2024-05-01-slug.md``, bundle ``slug/index.md``, ``slug.md``."""
    stem = relative.stem
    if stem.lower() == "index" and len(relative.parts) > 1:
        stem = relative.parent.name
    date = None
    found = _JEKYLL_NAME.match(stem)
    if found:
        year, month, day, stem = found.groups()
        try:
            date = datetime(int(year), int(month), int(day), tzinfo=ZoneInfo(timezone))
        except ValueError:
            date = None
    return FileName(slug=stem, date=date, draft_folder="_drafts" in relative.parts)


def title_from_body(body: str) -> tuple[str | None, str]:
    """The text of a leading ``# heading`` and the body without it, or (None, body)."""
    found = _FIRST_H1.match(body)
    if not found:
        return None, body
    return found.group(1).strip(), body[found.end() :]


def _title_from_file(slug: str) -> str:
    return title_from_name(slug) or "Untitled"


_HIGHLIGHT_OPEN = re.compile(r"^[ \t]*{%-?\s*highlight\s+([\w+#.-]+)[^%]*-?%}[ \t]*$", re.MULTILINE)
_HIGHLIGHT_CLOSE = re.compile(r"^[ \t]*{%-?\s*endhighlight\s*-?%}[ \t]*$", re.MULTILINE)
_RAW_TAG = re.compile(r"{%-?\s*(?:end)?raw\s*-?%}")


def jekyll_to_markdown(body: str) -> str:
    """Turn Jekyll's ``{% highlight %}`` blocks into fenced code and drop ``{% raw %}`` tags."""
    body = _HIGHLIGHT_OPEN.sub(lambda m: f"```{m.group(1)}", body)
    body = _HIGHLIGHT_CLOSE.sub("```", body)
    return _RAW_TAG.sub("", body)
