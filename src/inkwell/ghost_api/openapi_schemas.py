"""The JSON Schemas of what Inkwell's APIs answer and accept: Ghost's resources (posts, tags,
authors, settings...), Ghost's error and pagination, and the editor's and media library's JSON.

The shapes follow what a real Ghost 6 answers (tests/ghost_api/ghost_reference/): a Content API
object has exactly Ghost's fields, so an unknown field breaks the schema (``additionalProperties:
false``); none is required because ``?fields=`` asks for a subset. The Admin API's objects add to
them, open-ended as Ghost's admin shapes grow with every release.
"""

from __future__ import annotations

from typing import Any

from inkwell.content.service import SOCIAL_ACCOUNTS

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    """A reference to the component schema ``name``."""
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    """``schema`` or null (OpenAPI 3.0's way)."""
    return {**schema, "nullable": True}


STRING: Schema = {"type": "string"}
TEXT: Schema = nullable(STRING)
BOOLEAN: Schema = {"type": "boolean"}
INTEGER: Schema = {"type": "integer"}
DATE_TIME: Schema = {"type": "string", "format": "date-time"}


def _fields(kind: Schema, *names: str) -> dict[str, Schema]:
    return dict.fromkeys(names, kind)


_SOCIAL = ("og_image", "og_title", "og_description", "twitter_image", "twitter_title")
_SEO = (*_SOCIAL, "twitter_description", "meta_title", "meta_description")

TAG: Schema = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        **_fields(STRING, "id", "name", "slug", "url"),
        "visibility": {"type": "string", "enum": ["public", "internal"]},
        **_fields(TEXT, "description", "feature_image", *_SEO, "accent_color"),
        **_fields(TEXT, "codeinjection_head", "codeinjection_foot", "canonical_url"),
        # The Admin API's, and include=count.posts'.
        **_fields(nullable(DATE_TIME), "created_at", "updated_at"),
        "count": {"type": "object", "properties": {"posts": INTEGER}},
    },
}

AUTHOR: Schema = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        **_fields(STRING, "id", "name", "slug", "url"),
        **_fields(TEXT, "profile_image", "cover_image", "bio", "website", "location"),
        **_fields(TEXT, *SOCIAL_ACCOUNTS, "meta_title", "meta_description"),
        "count": {"type": "object", "properties": {"posts": INTEGER}},
    },
}

# A staff user as the Admin API shows one: an author and what only staff see.
USER: Schema = {
    "type": "object",
    "additionalProperties": True,
    "properties": {
        **AUTHOR["properties"],
        "email": TEXT,  # null for an author imported from a feed, who cannot sign in
        "status": STRING,
        **_fields(nullable(DATE_TIME), "last_seen", "created_at", "updated_at"),
        "roles": {"type": "array", "items": {"type": "object"}},
    },
}

_POST_FIELDS: dict[str, Schema] = {
    **_fields(STRING, "id", "uuid", "title", "slug", "url"),
    **_fields(TEXT, "html", "plaintext", "comment_id", "feature_image", "custom_excerpt"),
    **_fields(TEXT, "codeinjection_head", "codeinjection_foot", "custom_template"),
    **_fields(TEXT, "canonical_url", "excerpt", *_SEO, "email_subject", "frontmatter"),
    **_fields(TEXT, "feature_image_alt", "feature_image_caption"),
    "featured": BOOLEAN,
    "visibility": STRING,
    **_fields(DATE_TIME, "created_at", "updated_at"),
    "published_at": nullable(DATE_TIME),
    "tags": {"type": "array", "items": ref("Tag")},
    "authors": {"type": "array", "items": ref("Author")},
    "primary_tag": nullable(ref("Tag")),
    "primary_author": nullable(ref("Author")),
    "reading_time": {"type": "integer", "minimum": 0},
    **_fields(BOOLEAN, "access", "comments"),
    # Pages only, as Ghost's.
    "show_title_and_feature_image": BOOLEAN,
    # include=count.comments: the post's approved comments.
    "count": {"type": "object", "properties": {"comments": INTEGER}},
}

POST: Schema = {"type": "object", "additionalProperties": False, "properties": _POST_FIELDS}

ADMIN_POST: Schema = {
    "type": "object",
    "additionalProperties": True,
    "properties": {
        **_POST_FIELDS,
        "status": {"type": "string", "enum": ["draft", "published", "scheduled", "sent"]},
        **_fields(TEXT, "lexical", "mobiledoc", "email_segment"),
        "email_only": BOOLEAN,
        "tiers": {"type": "array", "items": {"type": "object"}},
        # The Admin API shows the authors as staff users.
        "authors": {"type": "array", "items": ref("User")},
        "primary_author": nullable(ref("User")),
    },
}

PAGINATION: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["page", "limit", "pages", "total", "next", "prev"],
    "properties": {
        "page": {"type": "integer", "minimum": 1},
        "limit": {
            "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": ["all"]}]
        },
        "pages": {"type": "integer", "minimum": 1},
        "total": {"type": "integer", "minimum": 0},
        "next": nullable({"type": "integer"}),
        "prev": nullable({"type": "integer"}),
    },
}

META: Schema = {
    "type": "object",
    "required": ["pagination"],
    "properties": {"pagination": ref("Pagination")},
}


def error_envelope(required: list[str], properties: Schema) -> Schema:
    """An ``{"errors": [...]}`` answer whose items have exactly these fields."""
    item = {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["errors"],
        "properties": {"errors": {"type": "array", "minItems": 1, "items": item}},
    }


ERROR: Schema = error_envelope(
    ["message", "context", "type", "details", "property", "help", "code"],
    {
        "message": STRING,
        "type": STRING,
        "id": STRING,
        "details": {},
        **_fields(TEXT, "context", "property", "help", "code", "ghostErrorCode"),
    },
)

_NAVIGATION: Schema = {
    "type": "array",
    "items": {"type": "object", "required": ["label", "url"], "properties": {"label": STRING}},
}

SETTINGS: Schema = {
    "type": "object",
    "additionalProperties": True,
    "required": ["title", "description", "url", "navigation", "secondary_navigation"],
    "properties": {
        **_fields(STRING, "title", "locale", "timezone", "url", "version", "lang"),
        **_fields(TEXT, "description", "logo", "icon", "accent_color", "cover_image"),
        **_fields(TEXT, *SOCIAL_ACCOUNTS, *_SEO, "codeinjection_head"),
        "codeinjection_foot": TEXT,
        **_fields(_NAVIGATION, "navigation", "secondary_navigation"),
        **_fields(BOOLEAN, "members_enabled", "paid_members_enabled"),
        "comments_enabled": STRING,
        "labs": {"type": "object"},
    },
}

SITE: Schema = {
    "type": "object",
    "additionalProperties": True,
    "required": ["title", "url", "version"],
    "properties": {
        **_fields(STRING, "title", "url", "version", "locale"),
        **_fields(TEXT, "description", "logo", "icon", "accent_color"),
    },
}

WEBHOOK: Schema = {
    "type": "object",
    "additionalProperties": True,
    "required": ["id", "event", "target_url"],
    "properties": {
        **_fields(STRING, "id", "event", "target_url", "api_version"),
        **_fields(TEXT, "name", "secret", "integration_id", "status"),
        **_fields(TEXT, "last_triggered_status", "last_triggered_error"),
        **_fields(nullable(DATE_TIME), "last_triggered_at", "created_at", "updated_at"),
    },
}

IMAGE: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["url", "ref"],
    "properties": {"url": STRING, "ref": TEXT},
}

# The media library's own JSON (Inkwell's admin).
MEDIA_FILE: Schema = {
    "type": "object",
    "required": ["id", "url"],
    "properties": {
        **_fields(STRING, "id", "url", "alt", "caption", "filename", "content_type"),
        **_fields(nullable(INTEGER), "width", "height"),
        "size": INTEGER,
        "created_at": DATE_TIME,
    },
}

INKWELL_ERROR: Schema = {"type": "object", "required": ["error"], "properties": {"error": STRING}}


def json_content(schema: Schema, description: str) -> dict[str, Any]:
    """A response (or request body) of JSON in ``schema``."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def query_param(name: str, description: str, schema: Schema | None = None) -> Schema:
    """An optional query parameter (a string unless ``schema`` says otherwise)."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or STRING,
    }


def path_param(name: str) -> Schema:
    """A path parameter: any non-empty text (the route answers 404 for what it cannot find)."""
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "minLength": 1},
    }


def envelope(resource: str, item: Schema, *, paginated: bool) -> Schema:
    """Ghost's answer holding ``resource``: a list of items, with ``meta`` when browsing."""
    schema: Schema = {
        "type": "object",
        "required": [resource, "meta"] if paginated else [resource],
        "properties": {resource: {"type": "array", "items": item}},
    }
    if paginated:
        schema["properties"]["meta"] = ref("Meta")
    return schema


COMPONENTS: dict[str, Schema] = {
    "Tag": TAG,
    "Author": AUTHOR,
    "User": USER,
    "Post": POST,
    "AdminPost": ADMIN_POST,
    "Pagination": PAGINATION,
    "Meta": META,
    "Error": ERROR,
    "Settings": SETTINGS,
    "Site": SITE,
    "Webhook": WEBHOOK,
    "Image": IMAGE,
    "MediaFile": MEDIA_FILE,
    "InkwellError": INKWELL_ERROR,
}
