"""Front matter keys (Ghost names, and the Hugo and Jekyll aliases) -> PostInput fields.

| PostInput | front matter keys, first found wins |
|---|---|
| id / guid | ``id`` (24-hex Ghost id) / ``guid`` |
| slug | ``slug``, else the last segment of ``url`` / ``permalink`` |
| published_at | ``date``, ``publishDate``, ``pubDate``, ``published`` (when a date), ``created`` |
| updated_at | ``lastmod``, ``updated``, ``last_modified_at``, ``modified`` |
| status | ``status``; ``draft: true`` or ``published: false`` -> draft |
| tags | ``tags`` then ``categories`` / ``category`` (lists, or comma / space separated text) |
| authors | ``authors`` (text or list), ``author`` (text, ``{name, email}`` or list) |
| custom_excerpt | ``excerpt``, ``custom_excerpt``, ``summary``, ``description`` |
| feature_image | ``feature_image``, ``featured_image``, ``image`` / ``image.path``, ``cover`` / |
| | ``cover.image``, ``header.image``, ``thumbnail`` |
| redirect_from | ``aliases`` (Hugo), ``redirect_from`` (jekyll-redirect-from), and ``url`` |
| | when it does not fit our permalink pattern |
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from inkwell.content.service import AuthorRef, SiteSettings
from inkwell.core.ids import is_object_id
from inkwell.importers import front_matter as fm
from inkwell.importers.old_urls import align_date, read_link
from inkwell.importers.report import Candidate
from inkwell.importers.source_text import clip, html_to_text, looks_like_html

MAX_EXCERPT = 2000
_OLD_SITE = "http://old-site.invalid/"


def post_fields(
    meta: dict[str, Any], *, site: SiteSettings, candidate: Candidate
) -> dict[str, Any]:
    """PostInput fields (all but title and source) from a file's front matter."""
    fields: dict[str, Any] = {
        "type": "page" if "page" in (fm.text(meta, "type"), fm.text(meta, "layout")) else "post",
        "source_format": "markdown",
        "trusted": True,
        "tags": fm.names(meta.get("tags"))
        + fm.names(meta.get("categories") or meta.get("category")),
        "authors": authors(meta),
        "featured": fm.flag(meta.get("featured")) or False,
        "canonical_url": fm.text(meta, "canonical_url", "canonicalURL", "canonical"),
        "meta_title": fm.text(meta, "meta_title"),
        "meta_description": fm.text(meta, "meta_description"),
        "updated_at": _updated(meta, site.timezone, candidate),
        "redirect_from": _paths(meta.get("aliases")) + _paths(meta.get("redirect_from")),
    }
    ident = fm.text(meta, "id")
    if ident and is_object_id(ident):
        fields["id"] = ident
    if guid := fm.text(meta, "guid"):
        fields["guid"] = guid
    if slug := fm.text(meta, "slug"):
        fields["slug"] = slug
    status = _status(meta)
    if status:
        fields["status"] = status
    fields["published_at"] = _published(meta, site.timezone)
    _old_url(meta, fields, site, candidate)
    fields.update(_excerpt(meta))
    fields.update(_feature_image(meta))
    return {key: value for key, value in fields.items() if value is not None}


def _published(meta: dict[str, Any], timezone: str) -> datetime | None:
    for key in ("date", "publishDate", "pubDate", "published", "created"):
        value = meta.get(key)
        if value is not None and not isinstance(value, bool):
            try:
                return fm.moment(value, timezone)
            except ValueError as exc:
                raise ValueError(f"{key}: {exc}") from None
    return None


def _updated(meta: dict[str, Any], timezone: str, candidate: Candidate) -> datetime | None:
    for key in ("lastmod", "updated", "last_modified_at", "modified"):
        if meta.get(key) is not None:
            try:
                return fm.moment(meta[key], timezone)
            except ValueError as exc:
                candidate.notes.append(f"{key} ignored: {exc}")
                return None
    return None


def _status(meta: dict[str, Any]) -> str | None:
    status = fm.text(meta, "status")
    if status:
        lowered = status.lower()
        return {"publish": "published", "public": "published", "private": "draft"}.get(
            lowered, lowered
        )
    if fm.flag(meta.get("draft")) is True or fm.flag(meta.get("published")) is False:
        return "draft"
    return None


def authors(meta: dict[str, Any]) -> list[AuthorRef]:
    """Authors from ``authors`` or ``author``: text, ``{name, email}`` mappings, or lists."""
    value = meta.get("authors") if meta.get("authors") is not None else meta.get("author")
    if isinstance(value, str):
        # "authors" may list several names in one line; one "author" is one name.
        items: list[Any] = value.split(",") if "authors" in meta else [value]
    elif isinstance(value, list):
        items = value
    elif isinstance(value, dict):
        items = [value]
    else:
        return []
    refs = []
    for item in items:
        name = email = None
        if isinstance(item, dict):
            name, email = fm.text(item, "name", "display_name"), fm.text(item, "email")
        elif fm.is_scalar(item):
            name = str(item).strip()
        if name or email:
            name = name or str(email).split("@")[0]
            refs.append(AuthorRef(name=clip(name, 191), email=email))
    return refs


def _excerpt(meta: dict[str, Any]) -> dict[str, Any]:
    excerpt = fm.text(meta, "excerpt", "custom_excerpt", "summary", "description")
    if not excerpt:
        return {}
    if looks_like_html(excerpt):
        excerpt = html_to_text(excerpt)
    return {"custom_excerpt": clip(" ".join(excerpt.split()), MAX_EXCERPT)}


def _inside(meta: dict[str, Any], key: str, *inner: str) -> str | None:
    value = meta.get(key)
    return fm.text(value, *inner) if isinstance(value, dict) else None


def _feature_image(meta: dict[str, Any]) -> dict[str, Any]:
    image = (
        fm.text(meta, "feature_image", "featured_image", "featureImage")
        or fm.nested(meta, "image", "path", "src", "url", "feature")
        or fm.nested(meta, "cover", "image", "src", "path")
        or _inside(meta, "header", "image", "overlay_image", "teaser")
        or fm.text(meta, "thumbnail", "banner")
    )
    if not image:
        return {}
    alt = (
        fm.text(meta, "feature_image_alt", "image_alt")
        or _inside(meta, "cover", "alt")
        or _inside(meta, "image", "alt")
    )
    caption = (
        fm.text(meta, "feature_image_caption", "image_caption")
        or _inside(meta, "cover", "caption")
        or _inside(meta, "image", "caption")
    )
    return {
        "feature_image": image,
        "feature_image_alt": clip(alt, 191) if alt else None,
        "feature_image_caption": caption,
    }


def _paths(value: object) -> list[str]:
    """URL paths from ``aliases`` / ``redirect_from`` (a path, a URL or a list of them)."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    paths = []
    for item in items:
        if isinstance(item, str) and item.strip():
            path = urlsplit(item.strip()).path or "/"
            if path.strip("/"):
                paths.append("/" + path.lstrip("/"))
    return paths


def _old_url(
    meta: dict[str, Any], fields: dict[str, Any], site: SiteSettings, candidate: Candidate
) -> None:
    """``url`` / ``permalink``: the post's address on the old site (not Jekyll's :patterns)."""
    url = fm.text(meta, "url", "permalink")
    if not url or ":" in url.split("//", 1)[-1] or "{" in url:
        return
    path = urlsplit(url).path
    old = read_link(_OLD_SITE + path.lstrip("/"), _OLD_SITE, site.permalink)
    if old.path is None:
        return
    fields.setdefault("slug", old.slug)
    keeps_url = old.tokens is not None
    if old.tokens is not None:
        aligned = align_date(fields["published_at"], old.tokens, site.timezone)
        fields["published_at"], keeps_url = aligned.value, aligned.keeps_url
        if aligned.note:
            candidate.notes.append(aligned.note)
    candidate.old_path = old.path
    if not keeps_url:
        fields["redirect_from"] = [*fields["redirect_from"], old.path]
