"""Posting through the JSON API: ``POST /api/comments`` answers 201 with the comment, its
status and its edit token; every bad request gets a precise 4xx naming the field and stores
nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from httpx import AsyncClient

from inkwell.comments import service
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.api_fixtures import (
    API,
    error_of,
    posted,
    row_of,
    send,
    signed_in,
    stored,
    thread,
)
from tests.comments.test_api_read import COMMENT_KEYS
from tests.factories import make_post

Configure = Callable[..., Awaitable[service.CommentSettings]]
open_rules = pytest.mark.usefixtures("open_rules")


@open_rules
async def test_a_comment_is_answered_201_with_its_status_and_edit_token(
    api: AsyncClient, database: Database, post: Post
) -> None:
    answer = await send(api, post, "Hello *there*")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert set(body) == COMMENT_KEYS | {"status", "edit_token"}
    assert (body["status"], body["html"], body["replies"]) == (
        "approved",
        "<p>Hello <em>there</em></p>",
        [],
    )
    assert len(body["edit_token"]) >= 24
    row = await row_of(database, body["id"])
    assert row.edit_token_hash and body["edit_token"] not in row.edit_token_hash


@open_rules
async def test_a_reply_names_its_parent(api: AsyncClient, post: Post) -> None:
    top = await posted(api, post, "The question.")
    reply = await posted(api, post, "The answer.", parent_id=top["id"])
    assert reply["parent_id"] == top["id"]
    shown = (await thread(api, post))["comments"][0]
    assert [r["id"] for r in shown["replies"]] == [reply["id"]]


@open_rules
@pytest.mark.parametrize("absolute", [False, True], ids=["site path", "absolute url"])
async def test_a_comment_may_name_its_post_by_url(
    api: AsyncClient, database: Database, post: Post, absolute: bool
) -> None:
    from tests.comments.test_api_read import site_path

    path = await site_path(database, post)
    url = f"http://blog.test{path}" if absolute else path
    made = await posted(api, post, "Found it by address.", url=url)
    assert [c["id"] for c in (await thread(api, post))["comments"]] == [made["id"]]


async def test_a_first_comment_is_held_and_shown_to_no_one_else(
    api: AsyncClient, post: Post
) -> None:
    body = await posted(api, post, "My very first words here.")
    assert body["status"] == "pending" and body["message"]
    read = await thread(api, post)
    assert read["comments"] == [] and read["meta"]["count"] == 0
    counts = (await api.get(f"{API}/counts", params={"post_id": post.id})).json()
    assert counts == {"counts": {post.id: 0}}


@open_rules
async def test_an_api_client_without_the_form_token_is_held_not_refused(
    api: AsyncClient, database: Database, post: Post
) -> None:
    answer = await send(api, post, "Straight from a script.", token=False)
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "pending"
    row = await row_of(database, answer.json()["id"])
    assert (row.status, row.held_reason) == ("pending", "sent without a form token")
    assert (await thread(api, post))["comments"] == []


@open_rules
async def test_a_filled_honeypot_is_answered_as_pending_and_filed_as_spam(
    api: AsyncClient, database: Database, post: Post
) -> None:
    answer = await send(api, post, "Buy things.", honeypot="http://spam.example")
    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    assert (await row_of(database, answer.json()["id"])).status == "spam"


@open_rules
async def test_a_signed_in_reader_writes_under_their_account_name(
    api: AsyncClient, database: Database, post: Post
) -> None:
    reader = await signed_in(database, "Grace")
    answer = await send(
        api, post, "Signed in.", name="Someone Else", headers={"Authorization": reader}
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["author"]["name"] == "Grace"
    assert (await row_of(database, answer.json()["id"])).reader_id is not None


@open_rules
async def test_guests_are_refused_when_only_readers_may_comment(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    await configure(guests=False)
    refused = await send(api, post)
    assert refused.status_code == 403 and error_of(refused)["message"]
    reader = await signed_in(database)
    assert (await send(api, post, headers={"Authorization": reader})).status_code == 201


@open_rules
async def test_posting_and_reading_set_no_cookie(api: AsyncClient, post: Post) -> None:
    answer = await send(api, post)
    assert answer.status_code == 201 and "set-cookie" not in answer.headers
    assert not api.cookies


@open_rules
async def test_the_same_comment_twice_is_refused_as_a_double_submit(
    api: AsyncClient, database: Database, post: Post
) -> None:
    await posted(api, post, "Exactly these words, sent twice.")
    again = await send(api, post, "Exactly these words, sent twice.")
    assert again.status_code == 409 and error_of(again)["field"] == "body"
    assert await stored(database) == 1


@open_rules
async def test_too_many_comments_from_one_address_are_refused_with_retry_after(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    await configure(per_address_per_hour=2)
    await posted(api, post, "One.", name="Ada")
    await posted(api, post, "Two.", name="Bob")
    refused = await send(api, post, "Three.", name="Cy")
    assert refused.status_code == 429, refused.text
    assert int(refused.headers["retry-after"]) > 0 and error_of(refused)["message"]
    assert await stored(database) == 2


@open_rules
@pytest.mark.parametrize("length", [10_000, 10_001])
async def test_the_body_may_be_10000_characters_by_default(
    api: AsyncClient, database: Database, post: Post, length: int
) -> None:
    answer = await send(api, post, "x" * length)
    if length <= 10_000:
        assert answer.status_code == 201, answer.text
    else:
        assert answer.status_code == 422 and error_of(answer)["field"] == "body"
        assert "10,000" in error_of(answer)["message"] and await stored(database) == 0


@open_rules
async def test_the_body_length_follows_its_setting(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    await configure(max_length=50)
    answer = await send(api, post, "y" * 51)
    assert answer.status_code == 422 and "50" in error_of(answer)["message"]
    assert await stored(database) == 0
    assert (await send(api, post, "y" * 50)).status_code == 201


@open_rules
async def test_a_name_of_100_characters_is_taken(api: AsyncClient, post: Post) -> None:
    assert (await send(api, post, name="n" * 100)).status_code == 201


async def _closed(api: AsyncClient, database: Database, post: Post) -> dict[str, Any]:
    async with database.session(write=True) as session:
        await service.set_thread_open(session, post.id, False)
        await session.commit()
    return {}


async def _elsewhere(api: AsyncClient, database: Database, post: Post) -> dict[str, Any]:
    async with database.session(write=True) as session:
        other = await make_post(session, title="Another post")
        await session.commit()
    made = await posted(api, other, "Under the other post.")
    return {"parent_id": made["id"]}


async def _deleted(api: AsyncClient, database: Database, post: Post) -> dict[str, Any]:
    made = await posted(api, post, "Soon deleted.")
    gone = await api.delete(f"{API}/{made['id']}", headers={"X-Edit-Token": made["edit_token"]})
    assert gone.status_code == 204
    return {"parent_id": made["id"]}


Setup = Callable[[AsyncClient, Database, Post], Awaitable[dict[str, Any]]]
# (what is sent, or a setup giving it; status; field)
BAD_FIELDS: dict[str, tuple[dict[str, Any] | Setup, int, str | None]] = {
    "empty body": ({"body": " \n\t "}, 422, "body"),
    "missing body": ({"body": None}, 422, "body"),
    "over-long body": ({"body": "z" * 10_001}, 422, "body"),
    "body not text": ({"body": 42}, 422, "body"),
    "missing name": ({"name": ""}, 422, "name"),
    "name over 100": ({"name": "n" * 101}, 422, "name"),
    "bad email": ({"email": "ada at example"}, 422, "email"),
    "email with brackets": ({"email": "<ada@example.org>"}, 422, "email"),
    "javascript website": ({"website": "javascript:alert(1)"}, 422, "website"),
    "website without scheme": ({"website": "ada.example"}, 422, "website"),
    "unknown post": ({"post_id": "0123456789abcdef01234567"}, 404, "post_id"),
    "no post": ({"post_id": None}, 422, "post_id"),
    "post_id and url": ({"url": "/somewhere/"}, 422, "post_id"),
    "url of another site": ({"post_id": None, "url": "https://else.example/a/"}, 403, "url"),
    "url not parsable": ({"post_id": None, "url": "https://[broken/a/"}, 422, "url"),
    "post id with a NUL": ({"post_id": "a\x00b"}, 404, "post_id"),
    "parent id with a NUL": ({"parent_id": "a\x00b"}, 422, "parent_id"),
    "unknown parent": ({"parent_id": "0123456789abcdef01234567"}, 422, "parent_id"),
    "unknown field": ({"admin": True}, 422, "admin"),
    "notify not a boolean": ({"notify_replies": "yes"}, 422, "notify_replies"),
    "closed post": (_closed, 403, None),
    "parent on another post": (_elsewhere, 422, "parent_id"),
    "deleted parent": (_deleted, 422, "parent_id"),
}


@open_rules
@pytest.mark.parametrize("case", list(BAD_FIELDS))
async def test_a_bad_comment_is_refused_naming_the_field_and_nothing_is_stored(
    api: AsyncClient, database: Database, post: Post, case: str
) -> None:
    given, status, field = BAD_FIELDS[case]
    fields = given if isinstance(given, dict) else await given(api, database, post)
    before = await stored(database)
    data: dict[str, Any] = {"post_id": post.id, "body": "Fine words.", "name": "Ada", **fields}
    answer = await api.post(API, json={k: v for k, v in data.items() if v is not None})
    assert answer.status_code == status, answer.text
    assert error_of(answer)["field"] == field
    assert await stored(database) == before


BAD_REQUESTS: dict[str, tuple[dict[str, Any], int]] = {
    "malformed JSON": ({"content": b'{"body": "unfinished', "json": True}, 400),
    "a JSON array": ({"content": b'["body"]', "json": True}, 400),
    "a JSON string": ({"content": b'"body"', "json": True}, 400),
    "form encoded": ({"data": {"body": "Hi", "name": "Ada"}}, 415),
    "plain text": ({"content": b"body=Hi", "headers": {"content-type": "text/plain"}}, 415),
    "no content type": ({"content": b'{"body": "Hi"}'}, 415),
    "too large": ({"content": b'{"body": "' + b"a" * 600_000 + b'"}', "json": True}, 413),
}


@open_rules
@pytest.mark.parametrize("case", list(BAD_REQUESTS))
async def test_a_request_that_is_not_a_json_object_is_refused_and_nothing_is_stored(
    api: AsyncClient, database: Database, post: Post, case: str
) -> None:
    given, status = BAD_REQUESTS[case]
    options = dict(given)
    if options.pop("json", False):
        options["headers"] = {"content-type": "application/json"}
    answer = await api.post(API, **options)
    assert answer.status_code == status, answer.text
    assert error_of(answer)["field"] is None
    assert await stored(database) == 0
