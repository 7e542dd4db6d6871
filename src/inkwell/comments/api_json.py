"""The JSON shapes of the comments API: comments, pages of them, errors.

Nothing here names an email address or an address hash: a comment shows its author's name,
website, avatar and badge only.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from inkwell.comments.types import CommentView, Posted, ThreadPage
from inkwell.core.time import iso_millis


def comment_json(view: CommentView) -> dict[str, Any]:
    """One comment with its replies, as readers see it."""
    return {
        "id": view.id,
        "parent_id": view.parent_id,
        "html": view.html,
        "author": {
            "name": view.author.name,
            "website": view.author.website,
            "avatar": view.author.avatar,
            "badge": view.author.badge,
        },
        "created_at": iso_millis(view.created_at),
        "edited_at": iso_millis(view.edited_at) if view.edited_at else None,
        "likes": view.likes,
        "replies": [comment_json(reply) for reply in view.replies],
    }


def own_json(view: CommentView, status: str) -> dict[str, Any]:
    """One's own comment for its author: the comment and whether it is shown or waits.

    A comment the rules filed as spam is answered as ``pending``: telling a robot which
    rule caught it would teach it to dodge that rule.
    """
    return comment_json(view) | {"status": "approved" if status == "approved" else "pending"}


def posted_json(posted: Posted) -> dict[str, Any]:
    """A new comment for its author: the comment, whether it waits, and its edit token."""
    body = own_json(posted.comment, posted.status) | {"edit_token": posted.edit_token}
    status = body["status"]
    if status == "pending":
        body["message"] = "Your comment is waiting for a moderator."
    return body


def page_json(page: ThreadPage, extra_meta: dict[str, Any]) -> dict[str, Any]:
    """One page of a thread with Ghost-style pagination and what the widget needs."""
    pagination = {
        "page": page.page,
        "limit": page.limit,
        "pages": page.pages,
        "total": page.total,
        "next": page.page + 1 if page.page < page.pages else None,
        "prev": page.page - 1 if page.page > 1 else None,
    }
    meta = {
        "pagination": pagination,
        "count": page.count,
        "open": page.open,
        "closed_reason": page.closed_reason,
        "sort": page.sort,
        "post_id": page.post_id,
        **extra_meta,
    }
    return {"comments": [comment_json(view) for view in page.comments], "meta": meta}


def error_response(
    status: int, message: str, field: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """``{"errors": [{"message", "field"}]}`` with ``status``."""
    body = {"errors": [{"message": message, "field": field}]}
    return JSONResponse(body, status_code=status, headers=headers)
