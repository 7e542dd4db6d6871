"""A Ghost JSON export of this site: the file Ghost's own importer (Settings -> Import) reads.

``db[0].meta`` (``exported_on`` in ms, ``version``), ``db[0].data`` with Ghost's tables:
``posts`` (``lexical`` holding the post's source as one Markdown or HTML card, and its
``html``), ``posts_meta``, ``tags``, ``posts_tags``, ``users``, ``posts_authors``, ``roles``,
``roles_users`` and ``settings``. What only Inkwell has (a post's guid and whether its HTML is
trusted, an author without an email, every Inkwell setting) goes to ``db[0].inkwell``, which
Ghost does not read and ``inkwell import ghost`` does: so an export imported into an empty
Inkwell site gives back every row as it was.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from inkwell import render
from inkwell.accounts import service as accounts
from inkwell.content import service as content
from inkwell.core.time import iso_millis
from inkwell.render import lexical

# The Ghost version whose export format this follows (Ghost reads older and newer ones).
GHOST_VERSION = "6.0.0"
ROLE_NAMES = {
    "owner": "Owner",
    "administrator": "Administrator",
    "editor": "Editor",
    "author": "Author",
    "contributor": "Contributor",
}
ROLE_DESCRIPTIONS = {
    "Owner": "Site Owner",
    "Administrator": "Administrators",
    "Editor": "Editors",
    "Author": "Authors",
    "Contributor": "Contributors",
}
# An author profile without a staff account is a Contributor to Ghost (it cannot sign in).
PROFILE_ROLE = "Contributor"
SHARED_SETTINGS = (
    ("title", "site"),
    ("description", "site"),
    ("logo", "site"),
    ("icon", "site"),
    ("cover_image", "site"),
    ("accent_color", "site"),
    ("timezone", "site"),
    ("locale", "site"),
    ("navigation", "site"),
    ("secondary_navigation", "site"),
    ("twitter", "site"),
    ("facebook", "site"),
)
POST_META = (
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
    "meta_title",
    "meta_description",
    "feature_image_alt",
    "feature_image_caption",
)
TAG_FIELDS = (
    "id",
    "name",
    "slug",
    "description",
    "feature_image",
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
    "meta_title",
    "meta_description",
    "codeinjection_head",
    "codeinjection_foot",
    "canonical_url",
    "accent_color",
)
USER_FIELDS = (
    "id",
    "name",
    "slug",
    "email",
    "profile_image",
    "cover_image",
    "bio",
    "website",
    "location",
    *content.SOCIAL_ACCOUNTS,
    "meta_title",
    "meta_description",
)


def ghost_date(moment: datetime | None) -> str | None:
    """A date as Ghost exports it: ``2026-03-01T09:30:00.000Z``."""
    return None if moment is None else iso_millis(moment.replace(microsecond=0))


def stable_id(*parts: str) -> str:
    """A 24-hex id that is the same in every export (for rows Inkwell does not store)."""
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:24]


def _post(row: content.PostRow, owner: str | None) -> dict[str, Any]:
    v = row.values
    author = row.author_ids[0] if row.author_ids else owner
    return {
        "id": v["id"],
        "uuid": v["uuid"],
        "title": v["title"],
        "slug": v["slug"],
        "mobiledoc": None,
        "lexical": json.dumps(lexical.document_for(v["source_format"], v["source"])),
        "html": v["html"],
        "comment_id": v["comment_id"],
        "plaintext": render.plain_text(v["html"]),
        "feature_image": v["feature_image"],
        "featured": bool(v["featured"]),
        "type": v["type"],
        "status": v["status"],
        "locale": None,
        "visibility": v["visibility"],
        "email_recipient_filter": "all",
        "created_at": ghost_date(v["created_at"]),
        "created_by": author,
        "updated_at": ghost_date(v["updated_at"]),
        "updated_by": author,
        "published_at": ghost_date(v["published_at"]),
        "published_by": author if v["published_at"] else None,
        "custom_excerpt": v["custom_excerpt"],
        "codeinjection_head": v["codeinjection_head"],
        "codeinjection_foot": v["codeinjection_foot"],
        "custom_template": v["custom_template"],
        "canonical_url": v["canonical_url"],
        "newsletter_id": None,
        "show_title_and_feature_image": True,
    }


def _post_meta(row: content.PostRow) -> dict[str, Any]:
    v = row.values
    meta: dict[str, Any] = {"id": stable_id("posts_meta", v["id"]), "post_id": v["id"]}
    meta.update({key: v[key] for key in POST_META})
    meta.update(email_subject=None, frontmatter=None, email_only=False)
    return meta


def _dated(values: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    row = {key: values[key] for key in fields}
    row["created_at"] = ghost_date(values["created_at"])
    row["updated_at"] = ghost_date(values["updated_at"])
    return row


def _placeholder_email(user: dict[str, Any]) -> str:
    # Ghost requires an email for every user; ``.invalid`` can never receive mail.
    return f"{user['slug']}@{user['id']}.invalid"


async def _roles(session: AsyncSession, users: list[dict[str, Any]]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for user in users:
        account = await accounts.get_account(session, user["id"])
        roles[user["id"]] = ROLE_NAMES.get(account.role, PROFILE_ROLE) if account else PROFILE_ROLE
    return roles


def _settings(site: content.SiteSettings, now: str) -> list[dict[str, Any]]:
    values = site.model_dump(mode="json")
    rows = []
    for key, group in SHARED_SETTINGS:
        value = values[key]
        is_list = isinstance(value, list)
        rows.append(
            {
                "id": stable_id("settings", key),
                "group": group,
                "key": key,
                "value": json.dumps(value) if is_list else value,
                "type": "array" if is_list else "string",
                "flags": None,
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


async def build_export(session: AsyncSession, *, exported_on: datetime) -> dict[str, Any]:
    """The whole site as a Ghost JSON export (a dict ready for ``json.dumps``)."""
    rows = await content.read_rows(session)
    site = await content.load_settings(session)
    owner = await accounts.owner_id(session)
    roles = await _roles(session, rows.users)
    now = ghost_date(exported_on) or ""
    users = []
    for values in rows.users:
        user = _dated(values, USER_FIELDS)
        user.update(email=values["email"] or _placeholder_email(values), status="active")
        users.append(user)
    data = {
        "posts": [_post(row, owner) for row in rows.posts],
        "posts_meta": [_post_meta(row) for row in rows.posts],
        "tags": [_dated(tag, TAG_FIELDS) | {"visibility": _visibility(tag)} for tag in rows.tags],
        "posts_tags": [
            {
                "id": stable_id("posts_tags", row.values["id"], tag_id),
                "post_id": row.values["id"],
                "tag_id": tag_id,
                "sort_order": order,
            }
            for row in rows.posts
            for order, tag_id in enumerate(row.tag_ids)
        ],
        "users": users,
        "posts_authors": [
            {
                "id": stable_id("posts_authors", row.values["id"], author_id),
                "post_id": row.values["id"],
                "author_id": author_id,
                "sort_order": order,
            }
            for row in rows.posts
            for order, author_id in enumerate(row.author_ids)
        ],
        "roles": [
            {
                "id": stable_id("roles", name),
                "name": name,
                "description": description,
                "created_at": now,
                "updated_at": now,
            }
            for name, description in ROLE_DESCRIPTIONS.items()
        ],
        "roles_users": [
            {
                "id": stable_id("roles_users", user_id),
                "role_id": stable_id("roles", role),
                "user_id": user_id,
            }
            for user_id, role in roles.items()
        ],
        "settings": _settings(site, now),
    }
    return {
        "db": [
            {
                "meta": {
                    "exported_on": int(exported_on.timestamp() * 1000),
                    "version": GHOST_VERSION,
                },
                "data": data,
                "inkwell": _extras(rows, site),
            }
        ]
    }


def _visibility(tag: dict[str, Any]) -> str:
    return "internal" if str(tag["name"]).startswith("#") else "public"


def _extras(rows: content.ContentRows, site: content.SiteSettings) -> dict[str, Any]:
    return {
        "posts": {
            row.values["id"]: {
                "source_trusted": row.values["source_trusted"],
                "guid": row.values["guid"],
                "render_version": row.values["render_version"],
            }
            for row in rows.posts
        },
        "users": {user["id"]: {"email": None} for user in rows.users if not user["email"]},
        "settings": site.model_dump(mode="json"),
    }
