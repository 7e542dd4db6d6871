"""Reading a thread through the JSON API: ``GET /api/comments?post_id=`` or ``?url=``, its
shape, what it never shows, its sorts, the reply depth and its pages (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from httpx import AsyncClient

from inkwell.comments import service
from inkwell.content import service as content
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.api_fixtures import API, error_of, posted, row_of, thread

pytestmark = pytest.mark.usefixtures("open_rules")
Configure = Callable[..., Awaitable[service.CommentSettings]]

COMMENT_KEYS = {
    "id",
    "parent_id",
    "html",
    "author",
    "created_at",
    "edited_at",
    "likes",
    "replies",
}
AUTHOR_KEYS = {"name", "website", "avatar", "badge"}


def ids(comments: list[dict[str, Any]]) -> list[str]:
    return [comment["id"] for comment in comments]


async def site_path(database: Database, post: Post) -> str:
    async with database.session() as session:
        return content.path_of(post, await content.load_settings(session))


async def test_a_thread_has_comments_and_pagination(api: AsyncClient, post: Post) -> None:
    first = await posted(api, post, "The first comment here.")
    read = await thread(api, post)
    assert ids(read["comments"]) == [first["id"]]
    assert read["meta"]["pagination"] == {
        "page": 1,
        "limit": 50,
        "pages": 1,
        "total": 1,
        "next": None,
        "prev": None,
    }


async def test_each_comment_has_exactly_the_documented_fields(api: AsyncClient, post: Post) -> None:
    top = await posted(api, post, "Top **level**", website="https://ada.example")
    await posted(api, post, "A reply.", parent_id=top["id"])
    comment = (await thread(api, post))["comments"][0]
    assert set(comment) == COMMENT_KEYS and set(comment["author"]) == AUTHOR_KEYS
    assert set(comment["replies"][0]) == COMMENT_KEYS
    assert comment["html"] == "<p>Top <strong>level</strong></p>"
    assert comment["author"]["name"] == "Ada"
    assert comment["author"]["website"] == "https://ada.example"
    assert comment["author"]["avatar"].startswith("/avatars/")
    assert (comment["parent_id"], comment["edited_at"], comment["likes"]) == (None, None, 0)
    assert comment["created_at"].endswith("Z")


@pytest.mark.parametrize("absolute", [False, True], ids=["site path", "absolute url"])
async def test_a_thread_is_read_by_its_url(
    api: AsyncClient, database: Database, post: Post, absolute: bool
) -> None:
    first = await posted(api, post)
    path = await site_path(database, post)
    url = f"http://blog.test{path}" if absolute else path
    answer = await api.get(API, params={"url": url})
    assert answer.status_code == 200, answer.text
    assert ids(answer.json()["comments"]) == [first["id"]]
    assert answer.json()["meta"]["post_id"] == post.id


async def test_held_comments_are_not_in_the_thread(
    api: AsyncClient, post: Post, configure: Configure
) -> None:
    shown = await posted(api, post, "Shown at once.")
    await configure(moderation="all")
    held = await posted(api, post, "Waits for a moderator.")
    assert held["status"] == "pending"
    read = await thread(api, post)
    assert ids(read["comments"]) == [shown["id"]]
    assert read["meta"]["pagination"]["total"] == 1


async def test_no_email_or_address_hash_is_anywhere_in_the_json(
    api: AsyncClient, database: Database, post: Post
) -> None:
    email = "ada.lovelace@example.org"
    top = await posted(api, post, "Mind my address.", email=email)
    await posted(api, post, "Mine too.", email="bob@example.org", parent_id=top["id"])
    text = json.dumps(await thread(api, post))
    row = await row_of(database, top["id"])
    secrets = [
        email,
        "bob@example.org",
        hashlib.md5(email.encode()).hexdigest(),  # Gravatar's old hash
        hashlib.sha256(email.encode()).hexdigest(),
        row.address_hash,
    ]
    assert row.address_hash
    assert not [secret for secret in secrets if secret and secret in text]
    assert "@" not in text


@pytest.mark.parametrize(
    ("sort", "order"),
    [("oldest", [0, 1, 2]), ("newest", [2, 1, 0]), ("best", [1, 2, 0])],
)
async def test_top_level_comments_follow_the_sort(
    api: AsyncClient, post: Post, sort: str, order: list[int]
) -> None:
    made = [await posted(api, post, f"Comment number {n}.") for n in range(3)]
    for liker in ("one", "two"):
        await api.post(f"{API}/{made[1]['id']}/like", json={"liker": liker})
    await api.post(f"{API}/{made[2]['id']}/like", json={"liker": "one"})
    read = await thread(api, post, sort=sort)
    assert ids(read["comments"]) == [made[n]["id"] for n in order]
    assert read["meta"]["sort"] == sort


async def test_the_sites_default_sort_applies_when_none_is_asked(
    api: AsyncClient, post: Post, configure: Configure
) -> None:
    made = [await posted(api, post, f"Comment number {n}.") for n in range(2)]
    await configure(default_sort="newest")
    read = await thread(api, post)
    assert read["meta"]["sort"] == "newest"
    assert ids(read["comments"]) == [made[1]["id"], made[0]["id"]]


async def test_comments_posted_in_the_same_second_keep_their_order(
    api: AsyncClient, post: Post
) -> None:
    made = [(await posted(api, post, f"Quick comment {n}."))["id"] for n in range(8)]
    assert ids((await thread(api, post, sort="oldest"))["comments"]) == made
    assert ids((await thread(api, post, sort="newest"))["comments"]) == made[::-1]


async def test_replies_are_oldest_first_whatever_the_sort(api: AsyncClient, post: Post) -> None:
    top = await posted(api, post, "Start here.")
    replies = [await posted(api, post, f"Reply {n}.", parent_id=top["id"]) for n in range(3)]
    read = await thread(api, post, sort="newest")
    assert ids(read["comments"][0]["replies"]) == ids(replies)


async def test_replies_deeper_than_the_last_level_are_listed_under_it(
    api: AsyncClient, post: Post
) -> None:
    chain = [await posted(api, post, "Level zero.")]
    for level in range(1, 6):
        chain.append(await posted(api, post, f"Level {level}.", parent_id=chain[-1]["id"]))
    top = (await thread(api, post))["comments"][0]
    first = top["replies"][0]
    last_level = first["replies"][0]
    assert [top["id"], first["id"], last_level["id"]] == ids(chain[:3])
    assert ids(last_level["replies"]) == ids(chain[3:])
    assert all(reply["replies"] == [] for reply in last_level["replies"])
    # Each flattened reply still names the comment it answers.
    assert [reply["parent_id"] for reply in last_level["replies"]] == ids(chain[2:5])


async def test_a_removed_comment_with_replies_stays_as_a_placeholder(
    api: AsyncClient, post: Post
) -> None:
    top = await posted(api, post, "Soon gone.")
    reply = await posted(api, post, "Still here.", parent_id=top["id"])
    gone = await api.delete(f"{API}/{top['id']}", headers={"X-Edit-Token": top["edit_token"]})
    assert gone.status_code == 204
    shown = (await thread(api, post))["comments"][0]
    assert shown["id"] == top["id"] and shown["html"] == ""
    assert shown["author"]["name"] != "Ada" and "Soon gone" not in json.dumps(shown)
    assert ids(shown["replies"]) == [reply["id"]]


async def test_pages_hold_limit_top_level_comments(api: AsyncClient, post: Post) -> None:
    made = [await posted(api, post, f"Comment number {n}.") for n in range(3)]
    await posted(api, post, "A reply is not a page entry.", parent_id=made[0]["id"])
    first = await thread(api, post, limit=2)
    second = await thread(api, post, limit=2, page=2)
    assert ids(first["comments"]) == ids(made[:2]) and ids(second["comments"]) == ids(made[2:])
    assert first["meta"]["pagination"] == {
        "page": 1,
        "limit": 2,
        "pages": 2,
        "total": 3,
        "next": 2,
        "prev": None,
    }
    assert (second["meta"]["pagination"]["next"], second["meta"]["pagination"]["prev"]) == (
        None,
        1,
    )
    assert first["meta"]["count"] == 4


async def test_a_page_past_the_last_is_empty(api: AsyncClient, post: Post) -> None:
    await posted(api, post)
    assert (await thread(api, post, page=5))["comments"] == []


async def test_a_post_without_comments_reads_as_an_empty_open_thread(
    api: AsyncClient, post: Post
) -> None:
    read = await thread(api, post)
    assert read["comments"] == [] and read["meta"]["open"] is True
    assert read["meta"]["pagination"]["total"] == 0


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({}, 400, "post_id"),
        ({"post_id": "nope"}, 404, "post_id"),
        ({"post_id": "a\x00b"}, 404, "post_id"),  # PostgreSQL refuses a NUL: never sent
        ({"url": "/a\x00b/"}, 422, "url"),
        ({"url": "/no/such/post/"}, 404, "url"),
        ({"url": "https://elsewhere.example/post/"}, 403, "url"),
        ({"url": "javascript:alert(1)"}, 422, "url"),
        ({"url": "http://[::1/broken"}, 422, "url"),
        ({"url": "/" + "a" * 600}, 422, "url"),
        ({"sort": "loudest"}, 400, "sort"),
        ({"page": "0"}, 400, "page"),
        ({"page": "two"}, 400, "page"),
        ({"limit": "0"}, 400, "limit"),
        ({"limit": "1000"}, 400, "limit"),
    ],
)
async def test_a_bad_read_is_refused_naming_the_parameter(
    api: AsyncClient, post: Post, params: dict[str, str], status: int, field: str
) -> None:
    if "url" not in params and params:
        params = {"post_id": post.id, **params}
    answer = await api.get(API, params=params)
    assert answer.status_code == status, answer.text
    assert error_of(answer)["field"] == field


async def test_post_id_and_url_together_are_refused(
    api: AsyncClient, database: Database, post: Post
) -> None:
    path = await site_path(database, post)
    answer = await api.get(API, params={"post_id": post.id, "url": path})
    assert answer.status_code == 400 and error_of(answer)["field"] == "post_id"


async def test_a_read_is_never_cached(api: AsyncClient, post: Post) -> None:
    answer = await api.get(API, params={"post_id": post.id})
    assert answer.headers["cache-control"] == "no-store"
    assert "set-cookie" not in answer.headers
