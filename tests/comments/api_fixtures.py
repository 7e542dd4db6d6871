"""Helpers for the comments JSON API tests: post as the widget would (with the form token a
read hands out), count stored rows, sign a reader in, age a comment past the edit window.

Every helper talks to the app over HTTP, or to the test's real database; none replaces a part
of Inkwell.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy import func, select, update

from inkwell.accounts import reader_sessions
from inkwell.accounts.readers import Identity, sign_up_or_in
from inkwell.comments.models import Comment, CommentLike
from inkwell.content.service import Post
from inkwell.core.db import Database
from inkwell.core.time import utcnow

API = "/api/comments"


async def form_token(api: AsyncClient, post: Post) -> str:
    """The time-to-submit token a thread read hands the widget."""
    answer = await api.get(API, params={"post_id": post.id})
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["meta"]["form_token"]
    return token


async def send(
    api: AsyncClient,
    post: Post | None,
    body: str = "A fine post, thank you.",
    *,
    token: bool = True,
    headers: dict[str, str] | None = None,
    **fields: Any,
) -> Response:
    """POST a comment as JSON, as the widget does (``token=False``: as a bare API client)."""
    data: dict[str, Any] = {"body": body, "name": "Ada", **fields}
    if post is not None and "url" not in fields:
        data.setdefault("post_id", post.id)
    if token and post is not None:
        data.setdefault("form_token", await form_token(api, post))
    return await api.post(API, json=data, headers=headers)


async def posted(api: AsyncClient, post: Post, body: str = "A fine post.", **fields: Any) -> Any:
    """Post a comment that must be taken (201); its JSON."""
    answer = await send(api, post, body, **fields)
    assert answer.status_code == 201, answer.text
    return answer.json()


async def thread(api: AsyncClient, post: Post, **params: Any) -> Any:
    """The JSON of a thread read (200)."""
    answer = await api.get(API, params={"post_id": post.id, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()


async def stored(database: Database, model: type[Comment] | type[CommentLike] = Comment) -> int:
    """How many rows the comments (or likes) table holds."""
    async with database.session() as session:
        query = select(func.count()).select_from(model)
        return int((await session.execute(query)).scalar_one())


async def row_of(database: Database, comment_id: str) -> Comment:
    """The stored comment ``comment_id``."""
    async with database.session() as session:
        found = await session.get(Comment, comment_id)
    assert found is not None
    return found


async def age(database: Database, comment_id: str, minutes: float) -> None:
    """Make comment ``comment_id`` look posted ``minutes`` ago."""
    async with database.session(write=True) as session:
        when = utcnow() - timedelta(minutes=minutes)
        await session.execute(
            update(Comment).where(Comment.id == comment_id).values(created_at=when)
        )
        await session.commit()


async def signed_in(database: Database, name: str = "Grace", email: str | None = None) -> str:
    """A reader signed in by email link: the ``Authorization`` header the widget sends."""
    async with database.session(write=True) as session:
        address = email or f"{name.lower()}@example.org"
        identity = Identity("email", address, name, email=address, email_verified=True)
        reader = await sign_up_or_in(session, identity)
        token = await reader_sessions.create(session, reader.id)
        await session.commit()
    return f"Reader {token}"


def error_of(answer: Response) -> dict[str, Any]:
    """The one error of a refusal, checked to be ``{"errors": [{"message", "field"}]}``."""
    body = answer.json()
    assert set(body) == {"errors"} and len(body["errors"]) == 1, body
    error: dict[str, Any] = body["errors"][0]
    assert set(error) == {"message", "field"} and error["message"], error
    return error
