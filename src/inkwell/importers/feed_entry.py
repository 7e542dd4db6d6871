"""One RSS item or Atom entry (as feedparser reads it) -> one Candidate post record.

feedparser's dictionaries remap some missing keys with a DeprecationWarning (``updated`` falls
back to ``published``), so fields are read with plain ``dict.get``.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from pydantic import ValidationError

from inkwell.content.service import AuthorRef, PostInput, SiteSettings
from inkwell.core.ids import is_object_id
from inkwell.importers import source_text
from inkwell.importers.old_urls import align_date, read_link
from inkwell.importers.report import Candidate, validation_reason

MAX_TITLE = 255
# A description longer than this is a teaser of the body, not a hand-written excerpt.
MAX_EXCERPT = 300
MAX_GUID = 500
MAX_SLUG = 191
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FIRST_PARAGRAPH = re.compile(r"<p[\s>]", re.IGNORECASE)
_IMG_AT_END = re.compile(r"<img\b[^>]*>\s*$", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


@dataclass(frozen=True)
class FeedContext:
    """What every entry of one feed shares."""

    site: SiteSettings
    # The feed's own site address (channel link): links on its host are the posts' old URLs.
    site_link: str | None
    feed_date: datetime | None = None
    feed_authors: list[AuthorRef] = field(default_factory=list)


def get(item: Any, key: str) -> Any:
    """``item[key]`` or None, without feedparser's deprecated key fallbacks."""
    return dict.get(item, key)


def read_entry(number: int, entry: Mapping[str, Any], ctx: FeedContext) -> Candidate:
    """The post record of feed item ``number`` (1-based), or the reason it cannot be one."""
    title = _title(entry)
    link = get(entry, "link") or None
    candidate = Candidate(label=_label(number, title, link))
    content, from_content = _body(entry, link or ctx.site_link)
    body_text = source_text.html_to_text(content)
    if not title and not body_text:
        candidate.reason = "no title and no content"
        return candidate
    if not title:
        title = source_text.clip(body_text, 80)
        candidate.notes.append("no title: used its opening words")
    if len(title) > MAX_TITLE:
        title = source_text.clip(title, MAX_TITLE)
        candidate.notes.append(f"title cut to {MAX_TITLE} characters")

    fields: dict[str, Any] = {
        "type": "post",
        "status": "published",
        "title": title,
        "source_format": "html",
        "trusted": False,
        "tags": _tags(entry),
        "authors": _authors(entry) or ctx.feed_authors,
        "updated_at": _date(entry, "updated_parsed"),
    }
    fields.update(_identity(entry, link, title, ctx, candidate))
    fields.update(_place(entry, link, ctx, candidate))

    image = _feature_image(entry, link or ctx.site_link)
    if image:
        fields["feature_image"] = image
        content = strip_leading_image(content, image)
    fields["source"] = content
    if from_content:
        fields["custom_excerpt"] = custom_excerpt(get(entry, "summary") or "", body_text)
    try:
        candidate.data = PostInput.model_validate(fields)
    except ValidationError as exc:
        candidate.reason = validation_reason(exc)
    return candidate


def _label(number: int, title: str, link: str | None) -> str:
    name = source_text.clip(title, 60) if title else (link or "untitled")
    return f"item {number}: {name}"


def _title(entry: Mapping[str, Any]) -> str:
    value = get(entry, "title") or ""
    detail = get(entry, "title_detail") or {}
    if detail.get("type") in _HTML_TYPES:
        return source_text.html_to_text(value)
    return source_text.normalise_space(value)


def _body(entry: Mapping[str, Any], base: str | None) -> tuple[str, bool]:
    """The item's HTML and whether it came from a full-content element (not the summary).

    Relative URLs are resolved against the element's ``xml:base``, else the item's link.
    """
    for part in get(entry, "content") or []:
        value = part.get("value") or ""
        if value.strip():
            if part.get("type") not in _HTML_TYPES:
                return source_text.plain_text_to_html(value), True
            return source_text.absolute_urls(value, part.get("base") or base), True
    summary = get(entry, "summary") or ""
    detail = get(entry, "summary_detail") or {}
    if summary and detail.get("type") not in _HTML_TYPES:
        return source_text.plain_text_to_html(summary), False
    return source_text.absolute_urls(summary, detail.get("base") or base), False


def custom_excerpt(description: str, body_text: str) -> str | None:
    """The description as a hand-written excerpt, or None when it is just the body's opening.

    Ghost puts a custom excerpt in ``<description>`` as plain text, and otherwise the opening
    of the post as HTML; WordPress puts the opening words followed by "[…]". Only plain text that
    is short and is not how the body begins counts as an excerpt of its own.
    """
    if not description.strip() or source_text.looks_like_html(description):
        return None
    excerpt = source_text.normalise_space(html.unescape(description))
    if not excerpt or len(excerpt) > MAX_EXCERPT:
        return None
    if body_text.startswith(source_text.strip_ellipsis(excerpt)):
        return None
    return excerpt


def _identity(
    entry: Mapping[str, Any], link: str | None, title: str, ctx: FeedContext, candidate: Candidate
) -> dict[str, Any]:
    """A Ghost id is kept as the post id; any other guid (else the link) is kept as the guid."""
    guid = (get(entry, "id") or "").strip()
    if guid and is_object_id(guid):
        return {"id": guid}
    guid = guid or (link or "").strip()
    if not guid:
        seed = f"{ctx.site_link}\n{title}\n{get(entry, 'published') or ''}"
        guid = "urn:inkwell:import:" + hashlib.sha256(seed.encode()).hexdigest()[:32]
        candidate.notes.append("no guid and no link: identified by its title")
    elif len(guid) > MAX_GUID:
        guid = "urn:inkwell:import:" + hashlib.sha256(guid.encode()).hexdigest()[:32]
    return {"guid": guid}


def _place(
    entry: Mapping[str, Any], link: str | None, ctx: FeedContext, candidate: Candidate
) -> dict[str, Any]:
    """Slug, publication date and old-URL redirect, so that the post keeps its address."""
    old = read_link(link, ctx.site_link, ctx.site.permalink)
    published = _date(entry, "published_parsed") or _date(entry, "updated_parsed")
    # A longer slug cannot be kept anyway (the URL then changes and the old one redirects).
    fields: dict[str, Any] = {"slug": old.slug[:MAX_SLUG] if old.slug else None}
    keeps_url = old.tokens is not None
    if old.tokens is not None:
        aligned = align_date(published, old.tokens, ctx.site.timezone)
        if published is None:
            candidate.date_guessed = True
        published, keeps_url = aligned.value, aligned.keeps_url
        if aligned.note:
            candidate.notes.append(aligned.note)
    if published is None:
        candidate.date_guessed = True
        published = ctx.feed_date
        candidate.notes.append(
            "no date: used the feed's date" if published else "no date: dated at import time"
        )
    fields["published_at"] = published
    if old.path is not None:
        candidate.old_path = old.path
        if not keeps_url:
            fields["redirect_from"] = [old.path]
    return fields


def _date(entry: Mapping[str, Any], key: str) -> datetime | None:
    value = get(entry, key)
    # Hugo dates undated content "Mon, 01 Jan 0001": that is no date at all.
    if not isinstance(value, time.struct_time) or value.tm_year < 1900:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)


def _tags(entry: Mapping[str, Any]) -> list[str]:
    names = []
    for tag in get(entry, "tags") or []:
        name = source_text.html_to_text(tag.get("label") or tag.get("term") or "")
        if name:
            names.append(name)
    return names


def authors_of(people: list[Mapping[str, Any]]) -> list[AuthorRef]:
    """AuthorRefs from feedparser's author dictionaries (name and/or email)."""
    refs = []
    for person in people:
        name = source_text.normalise_space(person.get("name") or "")
        email = (person.get("email") or "").strip() or None
        name = name or (email.split("@")[0] if email else "")
        if name:
            refs.append(AuthorRef(name=name[:191], email=email[:191] if email else None))
    return refs


def _authors(entry: Mapping[str, Any]) -> list[AuthorRef]:
    people = [p for p in get(entry, "authors") or [] if isinstance(p, Mapping)]
    if not people and get(entry, "author"):
        people = [{"name": get(entry, "author")}]
    return authors_of(people)


def _feature_image(entry: Mapping[str, Any], base: str | None) -> str | None:
    """``media:content`` with an image, else an image enclosure, else ``media:thumbnail``.

    No alt text is taken: feedparser folds ``media:description`` into the item's summary, so it
    cannot be told apart, and Ghost's feed only repeats the title there.
    """
    found: list[str] = []
    for media in get(entry, "media_content") or []:
        kind = media.get("medium") or ""
        mime = media.get("type") or ""
        if kind == "image" or mime.startswith("image/"):
            found.append(media.get("url") or "")
    for link in get(entry, "links") or []:
        if link.get("rel") == "enclosure" and (link.get("type") or "").startswith("image/"):
            found.append(link.get("href") or "")
    found += [thumb.get("url") or "" for thumb in get(entry, "media_thumbnail") or []]
    for url in found:
        absolute = urljoin(base or "", url.strip()) if url.strip() else ""
        if urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return None


def strip_leading_image(content: str, image: str) -> str:
    """Remove the copy of the feature image Ghost puts before the first paragraph.

    Ghost's feed inserts ``<img src=feature image>`` before the first ``<p>`` of the content for
    readers that ignore ``media:content``; kept, the image would show twice.
    """
    first_p = _FIRST_PARAGRAPH.search(content)
    if first_p is None:
        return content
    before = content[: first_p.start()]
    img = _IMG_AT_END.search(before)
    if img is None:
        return content
    src = _SRC.search(img.group(0))
    if src is None or html.unescape(next(g for g in src.groups() if g is not None)) != image:
        return content
    return before[: img.start()] + content[first_p.start() :]
