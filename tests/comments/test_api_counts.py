"""Counting many posts' comments at once: ``GET /api/comments/counts?post_id=A&post_id=B``
(SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from httpx import AsyncClient

from inkwell.comments import service
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.api_fixtures import API, error_of, posted
from tests.factories import make_post

pytestmark = pytest.mark.usefixtures("open_rules")
Configure = Callable[..., Awaitable[service.CommentSettings]]
COUNTS = f"{API}/counts"


async def another_post(database: Database) -> Post:
    async with database.session(write=True) as session:
        found = await make_post(session, title="A quieter post")
        await session.commit()
    return found


async def test_each_post_gets_its_count_of_shown_comments(
    api: AsyncClient, database: Database, post: Post
) -> None:
    quiet = await another_post(database)
    top = await posted(api, post, "One.")
    await posted(api, post, "Two, a reply.", parent_id=top["id"])
    await posted(api, quiet, "Three, elsewhere.")
    answer = await api.get(COUNTS, params=[("post_id", post.id), ("post_id", quiet.id)])
    assert answer.status_code == 200
    assert answer.json() == {"counts": {post.id: 2, quiet.id: 1}}


async def test_held_and_deleted_comments_are_not_counted(
    api: AsyncClient, post: Post, configure: Configure
) -> None:
    gone = await posted(api, post, "Deleted soon.")
    await api.delete(f"{API}/{gone['id']}", headers={"X-Edit-Token": gone["edit_token"]})
    await configure(moderation="all")
    await posted(api, post, "Held for a moderator.")
    answer = await api.get(COUNTS, params={"post_id": post.id})
    assert answer.json() == {"counts": {post.id: 0}}


async def test_posts_without_comments_and_unknown_ids_count_zero(
    api: AsyncClient, post: Post
) -> None:
    answer = await api.get(COUNTS, params=[("post_id", post.id), ("post_id", "nope")])
    assert answer.json() == {"counts": {post.id: 0, "nope": 0}}


async def test_ids_may_come_as_one_comma_list(
    api: AsyncClient, database: Database, post: Post
) -> None:
    quiet = await another_post(database)
    await posted(api, quiet, "Counted.")
    answer = await api.get(COUNTS, params={"post_id": f"{post.id},{quiet.id}"})
    assert answer.json() == {"counts": {post.id: 0, quiet.id: 1}}


@pytest.mark.parametrize(
    "params",
    [
        [],
        [("post_id", "")],
        [("post_id", str(n)) for n in range(101)],
        [("post_id", "x" * 65)],
        [("post_id", "a\x00b")],
    ],
    ids=["none", "empty", "over 100", "too long", "a NUL"],
)
async def test_a_bad_counts_request_is_refused(
    api: AsyncClient, params: list[tuple[str, str]]
) -> None:
    answer = await api.get(COUNTS, params=params)
    assert answer.status_code == 400 and error_of(answer)["field"] == "post_id"
