"""The JSON Schemas of the comments API (``/api/comments``): a comment as readers see it, one's
own comment, a page of a thread, what a client sends, counts and refusals.

The limits written here are the comment feature's own (tests/comments/test_api_openapi.py holds
the two to each other); the body's length is a setting (10,000 characters by default).
"""

from __future__ import annotations

from inkwell.ghost_api.openapi_schemas import (
    BOOLEAN,
    DATE_TIME,
    INTEGER,
    STRING,
    TEXT,
    Schema,
    error_envelope,
    nullable,
    ref,
)

MAX_NAME = 100
MAX_EMAIL = 191
MAX_WEBSITE = 500
MAX_URL = 500
MAX_LIMIT = 200
MAX_COUNT_IDS = 100

AUTHOR: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "website", "avatar", "badge"],
    "properties": {
        "name": STRING,
        "website": TEXT,
        "avatar": {"type": "string", "description": "A picture's address (never an email)."},
        "badge": {**nullable(STRING), "enum": ["author", "staff", "op", None]},
    },
}

COMMENT: Schema = {
    "type": "object",
    "description": "An approved comment as readers see it (a removed one that still has "
    "replies is a placeholder without text). Deeper replies are listed under the last level.",
    "additionalProperties": False,
    "required": [
        "id",
        "parent_id",
        "html",
        "author",
        "created_at",
        "edited_at",
        "likes",
        "replies",
    ],
    "properties": {
        "id": STRING,
        "parent_id": TEXT,
        "html": {"type": "string", "description": "Sanitised HTML of the Markdown subset."},
        "author": ref("CommentAuthor"),
        "created_at": DATE_TIME,
        "edited_at": nullable(DATE_TIME),
        "likes": {"type": "integer", "minimum": 0},
        "replies": {"type": "array", "items": ref("Comment")},
    },
}

_STATUS: Schema = {
    "type": "string",
    "enum": ["approved", "pending"],
    "description": "approved: shown to everyone; pending: waits for a moderator, shown to no "
    "one else.",
}
OWN_COMMENT: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": [*COMMENT["required"], "status"],
    "properties": {**COMMENT["properties"], "status": _STATUS},
}
POSTED_COMMENT: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": [*OWN_COMMENT["required"], "edit_token"],
    "properties": {
        **OWN_COMMENT["properties"],
        "edit_token": {
            "type": "string",
            "description": "Proves the comment is yours: send it as X-Edit-Token to edit or "
            "delete it within the edit window. Shown once.",
        },
        "message": STRING,
    },
}

_PAGINATION: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["page", "limit", "pages", "total", "next", "prev"],
    "properties": {
        "page": INTEGER,
        "limit": INTEGER,
        "pages": INTEGER,
        "total": {"type": "integer", "description": "Top-level comments over all pages."},
        "next": nullable(INTEGER),
        "prev": nullable(INTEGER),
    },
}
THREAD: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["comments", "meta"],
    "properties": {
        "comments": {"type": "array", "items": ref("Comment")},
        "meta": {
            "type": "object",
            "required": ["pagination", "count", "open", "sort"],
            "properties": {
                "pagination": _PAGINATION,
                "count": {"type": "integer", "description": "Shown comments, replies too."},
                "open": BOOLEAN,
                "closed_reason": TEXT,
                "sort": {"type": "string", "enum": ["oldest", "newest", "best"]},
                "post_id": TEXT,
                "form_token": {
                    "type": "string",
                    "description": "Send it back with a new comment: a comment without it "
                    "(or sent too soon after it) waits for a moderator.",
                },
                "edit_window_minutes": INTEGER,
                "guests": BOOLEAN,
                "max_length": INTEGER,
            },
        },
    },
}

NEW_COMMENT: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["body"],
    "description": "post_id or url (a path of this site, an address of this site, or a page "
    "of a site the owner allowed) names the thread. A signed-in reader's name and email are "
    "their account's.",
    "properties": {
        "post_id": STRING,
        "url": {"type": "string", "maxLength": MAX_URL},
        "parent_id": TEXT,
        "body": {
            "type": "string",
            "description": "Markdown; at most 10,000 characters by default (a setting).",
        },
        "name": {**TEXT, "maxLength": MAX_NAME},
        "email": {
            **TEXT,
            "maxLength": MAX_EMAIL,
            "description": "For reply notifications; never shown.",
        },
        "website": {**TEXT, "maxLength": MAX_WEBSITE, "description": "An http(s) address."},
        "notify_replies": BOOLEAN,
        "form_token": TEXT,
        "honeypot": TEXT,
    },
}
EDIT: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["body"],
    "properties": {"body": STRING, "edit_token": TEXT},
}
TOKEN_ONLY: Schema = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"edit_token": TEXT},
}
LIKER: Schema = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "liker": {
            **TEXT,
            "maxLength": 200,
            "description": "A random token the browser keeps (without a session): one like "
            "per token; without either, one per address.",
        }
    },
}
LIKES: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["likes"],
    "properties": {"likes": {"type": "integer", "minimum": 0}},
}
COUNTS: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["counts"],
    "properties": {
        "counts": {
            "type": "object",
            "description": "Each post id asked for, with its number of approved comments.",
            "additionalProperties": {"type": "integer", "minimum": 0},
        }
    },
}
ERRORS: Schema = error_envelope(
    ["message", "field"],
    {"message": STRING, "field": {**TEXT, "description": "The field or parameter refused."}},
)

COMMENT_COMPONENTS: dict[str, Schema] = {
    "Comment": COMMENT,
    "CommentAuthor": AUTHOR,
    "CommentsError": ERRORS,
}


READER_SCHEMES: dict[str, Schema] = {
    "readerToken": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "Reader <token>: a signed-in reader, from a widget on another site.",
    },
    "readerSession": {"type": "apiKey", "in": "cookie", "name": "inkwell_reader"},
}
