"""Reading what a client sent to the comments API: a JSON object with known keys of the
right types, and query parameters. Every refusal is an ``ApiError`` naming the field."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request

from inkwell.comments.validation import plausible_id

MAX_BODY_BYTES = 512 * 1024
TEXT_FIELDS = ("post_id", "url", "parent_id", "body", "name", "email", "website")
POST_FIELDS = frozenset({*TEXT_FIELDS, "notify_replies", "form_token", "honeypot"})
EDIT_FIELDS = frozenset({"body", "edit_token"})
DELETE_FIELDS = frozenset({"edit_token"})
LIKE_FIELDS = frozenset({"liker"})
MAX_COUNT_IDS = 100


class ApiError(Exception):
    """A request the API refuses: HTTP ``status``, a ``message`` and the ``field`` it names."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


async def json_object(
    request: Request, allowed: Collection[str], *, optional: bool = False
) -> dict[str, Any]:
    """The request's JSON object: 415 when it is not JSON, 413 when too large, 400 when it
    does not parse or is not an object, 422 for an unknown key. ``optional``: an empty body
    (a DELETE without one) is an empty object."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, f"The request is larger than {MAX_BODY_BYTES // 1024} KB.")
    raw = await request.body()
    if optional and not raw.strip():
        return {}
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise ApiError(415, "Send the comment as JSON (Content-Type: application/json).")
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(413, f"The request is larger than {MAX_BODY_BYTES // 1024} KB.")
    try:
        found = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(400, "The body is not valid JSON.") from None
    if not isinstance(found, dict):
        raise ApiError(400, "The body must be a JSON object.")
    unknown = sorted(key for key in found if key not in allowed)
    if unknown:
        raise ApiError(422, f"Unknown field {unknown[0]!r}.", unknown[0])
    return found


def text_field(data: dict[str, Any], name: str) -> str | None:
    """A text field: a string or null/absent (None); anything else is refused (422)."""
    value = data.get(name)
    if value is None or isinstance(value, str):
        return value
    raise ApiError(422, f"{name} must be text.", name)


def bool_field(data: dict[str, Any], name: str) -> bool:
    """A true/false field (absent: false)."""
    value = data.get(name, False)
    if isinstance(value, bool):
        return value
    raise ApiError(422, f"{name} must be true or false.", name)


def int_param(query: QueryParams, name: str, default: int) -> int:
    """A positive whole number in the query string (400 otherwise)."""
    text = query.get(name)
    if text is None or text == "":
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        raise ApiError(400, f"{name} must be a whole number.", name)
    return int(text)


def one_param(query: QueryParams, name: str) -> str | None:
    """A query parameter given at most once (400 when repeated)."""
    values = query.getlist(name)
    if len(values) > 1:
        raise ApiError(400, f"Give {name} only once.", name)
    return values[0] if values else None


def thread_params(query: QueryParams) -> tuple[str | None, str | None]:
    """``post_id`` or ``url``: exactly one of them (400 otherwise)."""
    post_id, url = one_param(query, "post_id"), one_param(query, "url")
    if post_id and url:
        raise ApiError(400, "Give post_id or url, not both.", "post_id")
    if not post_id and not url:
        raise ApiError(400, "Say which post: post_id or url.", "post_id")
    return post_id or None, url or None


def count_ids(query: QueryParams) -> list[str]:
    """The post ids of a counts request (1 to ``MAX_COUNT_IDS``; comma lists accepted)."""
    ids = [part.strip() for value in query.getlist("post_id") for part in value.split(",")]
    ids = [found for found in ids if found]
    if not ids:
        raise ApiError(400, "Give one or more post_id.", "post_id")
    if len(ids) > MAX_COUNT_IDS:
        raise ApiError(400, f"At most {MAX_COUNT_IDS} post ids at once.", "post_id")
    if not all(plausible_id(found) for found in ids):
        raise ApiError(400, "That is not a post id.", "post_id")
    return ids
