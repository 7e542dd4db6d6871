"""Ghost's rows -> Inkwell's rows: posts (their Lexical or Mobiledoc content as our source),
tags, authors and the settings both products have.

A post's body becomes Markdown when its document is one Markdown card (what Inkwell's own
export writes, and many Ghost posts), the HTML of its one HTML card, else the document
rendered to HTML with Ghost's card markup. A document holding a card Inkwell cannot render
keeps the HTML Ghost stored for it (noted in the report). Ids, slugs, uuids, dates,
``comment_id``, visibility, URLs and every tag and author field are kept as they are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from inkwell.content.service import SOCIAL_ACCOUNTS, ContentRows, PostRow
from inkwell.core.ids import new_uuid
from inkwell.importers.ghost_json.reader import GhostExport, Row
from inkwell.importers.report import ImportFailed
from inkwell.render import lexical, mobiledoc
from inkwell.render.ghost_cards import DocumentError, UnsupportedCard

POST_TEXT_FIELDS = (
    "title",
    "custom_excerpt",
    "feature_image",
    "canonical_url",
    "codeinjection_head",
    "codeinjection_foot",
    "custom_template",
    "comment_id",
)
# Kept in posts_meta since Ghost 3 (on the post itself before).
POST_META_FIELDS = (
    "feature_image_alt",
    "feature_image_caption",
    "meta_title",
    "meta_description",
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
)
TAG_FIELDS = (
    "description",
    "feature_image",
    "meta_title",
    "meta_description",
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
    "codeinjection_head",
    "codeinjection_foot",
    "canonical_url",
    "accent_color",
)
USER_FIELDS = (
    "email",
    "bio",
    "website",
    "profile_image",
    "cover_image",
    "location",
    *SOCIAL_ACCOUNTS,
    "meta_title",
    "meta_description",
)
VISIBILITIES = frozenset({"public", "members", "paid", "tiers"})
# Settings Ghost and Inkwell share, by Ghost's key.
SHARED_SETTINGS = (
    "title",
    "description",
    "logo",
    "icon",
    "cover_image",
    "accent_color",
    "timezone",
    "locale",
    "navigation",
    "secondary_navigation",
    "twitter",
    "facebook",
)
# What Inkwell's export carries beside Ghost's post columns.
POST_EXTRAS = ("source_format", "source", "source_trusted", "guid", "render_version")


@dataclass
class Converted:
    """The export as Inkwell's rows, the settings to apply, and what the user should know."""

    rows: ContentRows
    settings: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def parse_date(value: object, where: str) -> datetime | None:
    """Ghost's dates: ISO 8601 (``...T...Z``), ``YYYY-MM-DD HH:MM:SS`` (UTC) or epoch ms."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            moment = datetime.fromtimestamp(value / 1000, UTC)
        elif isinstance(value, str):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        else:
            raise ValueError
    except (ValueError, OverflowError, OSError):
        raise ImportFailed(f"{where} is not a date: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def _text(row: Row, key: str, where: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ImportFailed(f"{where}: {key} is not text")
    return value


def _required(row: Row, key: str, where: str) -> str:
    value = _text(row, key, where)
    if not value or not value.strip():
        raise ImportFailed(f"{where} has no {key}")
    return value


def _flag(value: object) -> bool:
    return value in (True, 1, "1", "true")


def _document(raw: object, where: str) -> Any:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            raise ImportFailed(f"{where}: its document is not JSON") from None
        except RecursionError:
            raise ImportFailed(f"{where}: its document is nested too deeply") from None
    return raw


def _body(post: Row, where: str, notes: list[str]) -> tuple[str, str]:
    """(source_format, source) of a Ghost post."""
    html = post.get("html") if isinstance(post.get("html"), str) else None
    for field_name, module in (("lexical", lexical), ("mobiledoc", mobiledoc)):
        doc = _document(post.get(field_name), f"{where}: {field_name}")
        if doc is None:
            continue
        markdown = module.markdown_only(doc)
        if markdown is not None:
            return "markdown", markdown
        raw_html = module.html_only(doc)
        if raw_html is not None:
            return "html", raw_html
        render = lexical.render_lexical if module is lexical else mobiledoc.render_mobiledoc
        try:
            return "html", render(doc)
        except UnsupportedCard as exc:
            if html is None:
                raise ImportFailed(f"{where}: {exc}, and the export has no HTML for it") from None
            notes.append(f"{where}: {exc}; Ghost's HTML for it is kept")
            return "html", html
        except DocumentError as exc:
            raise ImportFailed(f"{where}: {exc}") from None
    return "html", html or ""


def _status(post: Row, meta: Row, where: str) -> str:
    status = post.get("status") or "draft"
    if status == "sent":
        # Sent as a newsletter: on the web too unless it was for email only.
        return "draft" if _flag(meta.get("email_only")) else "published"
    if status not in ("published", "draft", "scheduled"):
        raise ImportFailed(f"{where} has an unknown status {status!r}")
    return str(status)


def _post(post: Row, meta: Row, extras: Mapping[str, Any], notes: list[str]) -> dict[str, Any]:
    where = f"the post {post.get('slug') or post['id']!r}"
    values: dict[str, Any] = {
        "id": post["id"],
        "slug": _required(post, "slug", where),
        "uuid": _text(post, "uuid", where) or new_uuid(),
    }
    for key in POST_TEXT_FIELDS:
        values[key] = _text(post, key, where)
    values["title"] = _required(post, "title", where)
    for key in POST_META_FIELDS:
        values[key] = _text(meta, key, where) if key in meta else _text(post, key, where)
    kind = post.get("type") or ("page" if _flag(post.get("page")) else "post")
    if kind not in ("post", "page"):
        raise ImportFailed(f"{where} has an unknown type {kind!r}")
    visibility = post.get("visibility") or "public"
    if not isinstance(visibility, str) or visibility not in VISIBILITIES:
        raise ImportFailed(f"{where} has an unknown visibility {visibility!r}")
    values.update(
        type=kind,
        status=_status(post, meta, where),
        visibility=visibility,
        featured=_flag(post.get("featured")),
        created_at=parse_date(post.get("created_at"), f"{where}: created_at"),
        updated_at=parse_date(post.get("updated_at"), f"{where}: updated_at"),
        published_at=parse_date(post.get("published_at"), f"{where}: published_at"),
        source_trusted=True,
        guid=None,
        render_version=0,
    )
    values["created_at"] = values["created_at"] or values["published_at"] or values["updated_at"]
    values["updated_at"] = values["updated_at"] or values["created_at"]
    if values["created_at"] is None:
        raise ImportFailed(f"{where} has no created_at")
    if values["status"] != "draft" and values["published_at"] is None:
        raise ImportFailed(f"{where} is {values['status']} but has no published_at")
    values["source_format"], values["source"] = _body(post, where, notes)
    values.update({k: v for k, v in extras.items() if k in POST_EXTRAS})
    return values


def _dated(row: Row, values: dict[str, Any], where: str) -> dict[str, Any]:
    created = parse_date(row.get("created_at"), f"{where}: created_at")
    updated = parse_date(row.get("updated_at"), f"{where}: updated_at")
    values["created_at"] = created or updated
    values["updated_at"] = updated or created
    if values["created_at"] is None:
        values.pop("created_at")
        values.pop("updated_at")
    return values


def _tag(tag: Row) -> dict[str, Any]:
    where = f"the tag {tag.get('slug') or tag['id']!r}"
    values: dict[str, Any] = {
        "id": tag["id"],
        "name": _required(tag, "name", where),
        "slug": _required(tag, "slug", where),
    }
    values.update({key: _text(tag, key, where) for key in TAG_FIELDS})
    return _dated(tag, values, where)


def _user(user: Row, extras: Mapping[str, Any]) -> dict[str, Any]:
    where = f"the user {user.get('slug') or user['id']!r}"
    values: dict[str, Any] = {
        "id": user["id"],
        "name": _required(user, "name", where),
        "slug": _required(user, "slug", where),
    }
    values.update({key: _text(user, key, where) for key in USER_FIELDS})
    if "email" in extras:
        values["email"] = extras["email"]
    return _dated(user, values, where)


def _ordered(links: list[Row], owner: str, target: str) -> dict[str, list[str]]:
    by_owner: dict[str, list[tuple[int, int, str]]] = {}
    for position, link in enumerate(links):
        order = link.get("sort_order")
        rank = order if isinstance(order, int) and not isinstance(order, bool) else position
        by_owner.setdefault(link[owner], []).append((rank, position, link[target]))
    return {key: [target_id for *_, target_id in sorted(items)] for key, items in by_owner.items()}


def _setting_value(key: str, value: object) -> Any:
    if key in ("navigation", "secondary_navigation"):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise ImportFailed(f"the setting {key} is not a JSON list") from None
        return value or []
    if value == "":
        return None
    return value


def _settings(export: GhostExport) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for row in export.rows("settings"):
        key = row.get("key")
        if key in SHARED_SETTINGS and row.get("value") is not None:
            found[str(key)] = _setting_value(str(key), row.get("value"))
    # Inkwell's own export carries every setting of Inkwell's, Ghost's or not.
    extras = export.inkwell.get("settings")
    if isinstance(extras, Mapping):
        found.update(extras)
    # Ghost keeps no title or accent colour as empty text: those mean "unset" there.
    return {k: v for k, v in found.items() if not (v is None and k in ("title", "accent_color"))}


def convert(export: GhostExport) -> Converted:
    """The checked ``export`` as Inkwell rows; raises ImportFailed naming the bad row."""
    notes: list[str] = []
    metas = {row["post_id"]: row for row in export.rows("posts_meta")}
    post_extras = _mapping(export.inkwell.get("posts"))
    user_extras = _mapping(export.inkwell.get("users"))
    tag_links = _ordered(export.rows("posts_tags"), "post_id", "tag_id")
    author_links = _ordered(export.rows("posts_authors"), "post_id", "author_id")
    posts = [
        PostRow(
            _post(post, metas.get(post["id"], {}), _mapping(post_extras.get(post["id"])), notes),
            tag_links.get(post["id"], []),
            author_links.get(post["id"], []),
        )
        for post in export.rows("posts")
    ]
    _unique(posts, export)
    rows = ContentRows(
        posts=posts,
        tags=[_tag(tag) for tag in export.rows("tags")],
        users=[_user(user, _mapping(user_extras.get(user["id"]))) for user in export.rows("users")],
    )
    return Converted(rows, _settings(export), notes)


def _unique(posts: list[PostRow], export: GhostExport) -> None:
    for table, rows in (("posts", [p.values for p in posts]), ("tags", export.rows("tags"))):
        seen: set[str] = set()
        for row in rows:
            if row.get("slug") in seen:
                raise ImportFailed(f"two {table} in the export have the slug {row['slug']!r}")
            seen.add(str(row.get("slug")))


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
