"""The OpenAPI description of the comments API (``/api/comments``): read a thread, post, edit
and delete one's own comment, like, count many posts' comments (the schemas are in
``openapi_comment_schemas``).

Its refusals are ``{"errors": [{"message", "field"}]}``. Nobody needs a key: a guest proves a
comment is theirs with its edit token (``X-Edit-Token``), a signed-in reader with their session
(the reader cookie, or ``Authorization: Reader <token>`` from a widget on another site).
"""

from __future__ import annotations

from typing import Any

from inkwell.ghost_api.openapi_comment_schemas import (
    COUNTS,
    EDIT,
    LIKER,
    LIKES,
    MAX_COUNT_IDS,
    MAX_LIMIT,
    NEW_COMMENT,
    OWN_COMMENT,
    POSTED_COMMENT,
    THREAD,
    TOKEN_ONLY,
)
from inkwell.ghost_api.openapi_schemas import (
    STRING,
    Schema,
    json_content,
    path_param,
    query_param,
    ref,
)

PREFIX = "/api/comments"
_REFUSALS = {
    400: "A parameter or the body is not understood",
    403: "Not allowed: comments closed, not one's own comment, past the edit window, blocked",
    404: "No such post or comment",
    409: "The same comment was already posted here",
    413: "The request is too large",
    415: "The body is not JSON",
    422: "A field failed validation (the error names it)",
    429: "Too many comments in an hour (Retry-After says when to try again)",
}

_EDIT_TOKEN: Schema = {
    "name": "X-Edit-Token",
    "in": "header",
    "required": False,
    "description": "The edit token the comment was posted with (or a reader's session).",
    "schema": STRING,
}


def _answers(status: int, ok: dict[str, Any], refusals: tuple[int, ...]) -> dict[str, Any]:
    errors = {str(s): json_content(ref("CommentsError"), _REFUSALS[s]) for s in refusals}
    return {str(status): ok, **errors}


def _json_body(schema: Schema, description: str, *, required: bool = True) -> dict[str, Any]:
    return {"required": required, **json_content(schema, description)}


_WRITE_REFUSALS = (400, 403, 404, 413, 415, 422)


def comments_paths() -> dict[str, Any]:
    """The comments API's operations (no key: edit tokens and reader sessions)."""
    one = f"{PREFIX}/{{comment_id}}"
    thread_params = [
        query_param("post_id", "The post's id (or give url)."),
        query_param("url", "A path or address of this site, or a page of an allowed site."),
        query_param(
            "sort",
            "oldest, newest or best (most liked); default: the site's.",
            {"type": "string", "enum": ["oldest", "newest", "best"]},
        ),
        query_param("page", "The page (from 1).", {"type": "integer", "minimum": 1}),
        query_param(
            "limit",
            "Top-level comments per page (default 50).",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
        ),
    ]
    counts_param = {
        "name": "post_id",
        "in": "query",
        "required": True,
        "description": f"Post ids (repeat the parameter, or a comma list; at most "
        f"{MAX_COUNT_IDS}).",
        "schema": {"type": "array", "items": STRING, "minItems": 1},
        "style": "form",
        "explode": True,
    }
    like: dict[str, Any] = {
        "parameters": [path_param("comment_id")],
        "requestBody": _json_body(LIKER, "Who likes (optional)", required=False),
        "responses": _answers(
            200, json_content(LIKES, "The comment's likes"), (400, 404, 413, 415, 422)
        ),
    }
    paths: dict[str, Any] = {
        PREFIX: {
            "get": {
                "summary": "One page of a thread's approved comments, with their replies",
                "parameters": thread_params,
                "responses": _answers(200, json_content(THREAD, "The page"), (400, 403, 404, 422)),
            },
            "post": {
                "summary": "Post a comment (shown at once, or held for a moderator)",
                "requestBody": _json_body(NEW_COMMENT, "The comment"),
                "responses": _answers(
                    201,
                    json_content(POSTED_COMMENT, "Taken"),
                    (400, 403, 404, 409, 413, 415, 422, 429),
                ),
            },
        },
        f"{PREFIX}/counts": {
            "get": {
                "summary": "How many approved comments each post has",
                "parameters": [counts_param],
                "responses": _answers(200, json_content(COUNTS, "The counts"), (400,)),
            }
        },
        one: {
            "patch": {
                "summary": "Edit one's own comment within the edit window",
                "parameters": [path_param("comment_id"), _EDIT_TOKEN],
                "requestBody": _json_body(EDIT, "The new text"),
                "responses": _answers(200, json_content(OWN_COMMENT, "Edited"), _WRITE_REFUSALS),
            },
            "delete": {
                "summary": "Delete one's own comment within the edit window",
                "parameters": [path_param("comment_id"), _EDIT_TOKEN],
                "requestBody": _json_body(
                    TOKEN_ONLY, "The token, if not in the header", required=False
                ),
                "responses": _answers(204, {"description": "Deleted"}, _WRITE_REFUSALS),
            },
        },
        f"{one}/like": {
            "post": {"summary": "Like a comment (once per reader)", **like},
            "delete": {"summary": "Take one's like back", **like},
        },
    }
    for operations in paths.values():
        for operation in operations.values():
            operation["tags"] = ["Comments"]
            operation["security"] = [{}, {"readerToken": []}, {"readerSession": []}]
    return paths
