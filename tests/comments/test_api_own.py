"""One's own comment through the JSON API: ``PATCH`` and ``DELETE /api/comments/{id}`` with the
edit token or a reader's session, only within the edit window; ``POST`` and ``DELETE
/api/comments/{id}/like``, one like per reader (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from httpx import AsyncClient, Response

from inkwell.comments import service
from inkwell.comments.models import CommentLike
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.comments.api_fixtures import (
    API,
    age,
    error_of,
    posted,
    row_of,
    send,
    signed_in,
    stored,
    thread,
)

pytestmark = pytest.mark.usefixtures("open_rules")
Configure = Callable[..., Awaitable[service.CommentSettings]]


async def edit(api: AsyncClient, comment_id: str, body: str, **headers: str) -> Response:
    return await api.patch(f"{API}/{comment_id}", json={"body": body}, headers=headers)


def token_of(made: dict[str, Any]) -> dict[str, str]:
    return {"X-Edit-Token": made["edit_token"]}


async def shown_html(api: AsyncClient, post: Post) -> list[str]:
    return [comment["html"] for comment in (await thread(api, post))["comments"]]


# --- editing ----------------------------------------------------------------------------


async def test_the_edit_token_edits_the_comment(api: AsyncClient, post: Post) -> None:
    made = await posted(api, post, "Frist!")
    answer = await edit(api, made["id"], "First, *sorry*.", **token_of(made))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["html"], body["status"]) == ("<p>First, <em>sorry</em>.</p>", "approved")
    assert body["edited_at"] is not None
    assert await shown_html(api, post) == ["<p>First, <em>sorry</em>.</p>"]


async def test_the_edit_token_may_come_in_the_body(api: AsyncClient, post: Post) -> None:
    made = await posted(api, post, "Typo here.")
    data = {"body": "No typo here.", "edit_token": made["edit_token"]}
    answer = await api.patch(f"{API}/{made['id']}", json=data)
    assert answer.status_code == 200 and answer.json()["html"] == "<p>No typo here.</p>"


@pytest.mark.parametrize(
    "headers", [{}, {"X-Edit-Token": "not-the-token"}], ids=["no token", "wrong token"]
)
async def test_an_edit_without_the_right_token_is_refused(
    api: AsyncClient, post: Post, headers: dict[str, str]
) -> None:
    made = await posted(api, post, "Mine alone.")
    answer = await edit(api, made["id"], "Defaced.", **headers)
    assert answer.status_code == 403 and error_of(answer)["field"] == "edit_token"
    assert await shown_html(api, post) == ["<p>Mine alone.</p>"]


async def test_another_comments_token_does_not_edit(api: AsyncClient, post: Post) -> None:
    mine = await posted(api, post, "Mine.")
    theirs = await posted(api, post, "Theirs.", name="Bob")
    answer = await edit(api, theirs["id"], "Changed by Ada.", **token_of(mine))
    assert answer.status_code == 403


@pytest.mark.parametrize(("minutes", "status"), [(14, 200), (16, 403)])
async def test_edits_are_taken_for_15_minutes_by_default(
    api: AsyncClient, database: Database, post: Post, minutes: int, status: int
) -> None:
    made = await posted(api, post, "Written a while ago.")
    await age(database, made["id"], minutes)
    answer = await edit(api, made["id"], "Changed later.", **token_of(made))
    assert answer.status_code == status, answer.text
    if status == 403:
        assert "15 minutes" in error_of(answer)["message"]
        assert (await row_of(database, made["id"])).body == "Written a while ago."


async def test_the_edit_window_follows_its_setting(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    made = await posted(api, post, "Written half an hour ago.")
    await age(database, made["id"], 30)
    await configure(edit_window_minutes=60)
    assert (await edit(api, made["id"], "Still mine.", **token_of(made))).status_code == 200
    await configure(edit_window_minutes=20)
    refused = await edit(api, made["id"], "Too late now.", **token_of(made))
    assert refused.status_code == 403 and "20 minutes" in error_of(refused)["message"]


async def test_a_reader_edits_their_comment_with_their_session(
    api: AsyncClient, database: Database, post: Post
) -> None:
    reader = await signed_in(database, "Grace")
    made = (await send(api, post, "Signed comment.", headers={"Authorization": reader})).json()
    answer = await edit(api, made["id"], "Signed, edited.", Authorization=reader)
    assert answer.status_code == 200 and answer.json()["html"] == "<p>Signed, edited.</p>"


async def test_another_readers_session_does_not_edit(
    api: AsyncClient, database: Database, post: Post
) -> None:
    grace = await signed_in(database, "Grace")
    made = (await send(api, post, "Grace's words.", headers={"Authorization": grace})).json()
    other = await signed_in(database, "Mallory")
    assert (await edit(api, made["id"], "Mallory's.", Authorization=other)).status_code == 403


async def test_an_empty_edit_is_refused_and_the_text_kept(
    api: AsyncClient, database: Database, post: Post
) -> None:
    made = await posted(api, post, "Keep me.")
    answer = await edit(api, made["id"], "   ", **token_of(made))
    assert answer.status_code == 422 and error_of(answer)["field"] == "body"
    assert (await row_of(database, made["id"])).body == "Keep me."


async def test_an_edit_with_too_many_links_is_held(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    await configure(max_links=1)
    made = await posted(api, post, "No links yet.")
    links = "https://a.example and https://b.example"
    answer = await edit(api, made["id"], links, **token_of(made))
    assert answer.status_code == 200 and answer.json()["status"] == "pending"
    assert (await thread(api, post))["comments"] == []


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
        ({"data": {"body": "form"}}, 415),
        ({"json": {"body": "x", "name": "Not editable"}}, 422),
    ],
    ids=["malformed JSON", "form encoded", "unknown field"],
)
async def test_a_bad_edit_request_is_refused(
    api: AsyncClient, database: Database, post: Post, options: dict[str, Any], status: int
) -> None:
    made = await posted(api, post, "Untouched.")
    sent = dict(options)  # the parameters are shared by both databases' runs
    headers = {**sent.pop("headers", {}), **token_of(made)}
    answer = await api.patch(f"{API}/{made['id']}", headers=headers, **sent)
    assert answer.status_code == status, answer.text
    assert (await row_of(database, made["id"])).body == "Untouched."


@pytest.mark.parametrize("comment_id", ["0123456789abcdef01234567", "a%00b"])
async def test_editing_an_unknown_comment_is_404(
    api: AsyncClient, post: Post, comment_id: str
) -> None:
    answer = await edit(api, comment_id, "Hello?", **{"X-Edit-Token": "x"})
    assert answer.status_code == 404 and error_of(answer)["message"]


# --- deleting ---------------------------------------------------------------------------


async def test_the_edit_token_deletes_the_comment(
    api: AsyncClient, database: Database, post: Post
) -> None:
    made = await posted(api, post, "Regrettable.")
    answer = await api.delete(f"{API}/{made['id']}", headers=token_of(made))
    assert answer.status_code == 204 and answer.content == b""
    assert (await thread(api, post))["comments"] == []
    row = await row_of(database, made["id"])
    assert (row.status, row.body) == ("deleted", "")
    again = await api.delete(f"{API}/{made['id']}", headers=token_of(made))
    assert again.status_code == 404


async def test_a_delete_with_a_wrong_token_is_refused(api: AsyncClient, post: Post) -> None:
    made = await posted(api, post, "Staying.")
    answer = await api.delete(f"{API}/{made['id']}", headers={"X-Edit-Token": "guess"})
    assert answer.status_code == 403
    assert await shown_html(api, post) == ["<p>Staying.</p>"]


async def test_a_delete_after_the_edit_window_is_refused(
    api: AsyncClient, database: Database, post: Post
) -> None:
    made = await posted(api, post, "Old words.")
    await age(database, made["id"], 16)
    answer = await api.delete(f"{API}/{made['id']}", headers=token_of(made))
    assert answer.status_code == 403 and "15 minutes" in error_of(answer)["message"]
    assert (await row_of(database, made["id"])).status == "approved"


async def test_a_reader_deletes_their_comment_with_their_session(
    api: AsyncClient, database: Database, post: Post
) -> None:
    reader = await signed_in(database)
    made = (await send(api, post, "Signed, to delete.", headers={"Authorization": reader})).json()
    answer = await api.delete(f"{API}/{made['id']}", headers={"Authorization": reader})
    assert answer.status_code == 204
    assert (await thread(api, post))["comments"] == []


async def test_the_token_may_come_in_a_json_body_of_the_delete(
    api: AsyncClient, post: Post
) -> None:
    made = await posted(api, post, "Delete by body.")
    answer = await api.request(
        "DELETE", f"{API}/{made['id']}", json={"edit_token": made["edit_token"]}
    )
    assert answer.status_code == 204


# --- likes ------------------------------------------------------------------------------


async def like(api: AsyncClient, comment_id: str, liker: str | None = None, **headers: str):
    data = {"liker": liker} if liker else None
    return await api.post(f"{API}/{comment_id}/like", json=data, headers=headers)


async def test_a_like_counts_once_per_reader(
    api: AsyncClient, database: Database, post: Post
) -> None:
    made = await posted(api, post, "Like me.")
    first = await like(api, made["id"], "browser-one")
    assert first.status_code == 200 and first.json() == {"likes": 1}
    assert (await like(api, made["id"], "browser-one")).json() == {"likes": 1}
    assert (await like(api, made["id"], "browser-two")).json() == {"likes": 2}
    assert await stored(database, CommentLike) == 2
    assert (await thread(api, post))["comments"][0]["likes"] == 2


async def test_a_signed_in_reader_likes_once_from_any_browser(
    api: AsyncClient, database: Database, post: Post
) -> None:
    made = await posted(api, post, "Like me, Grace.")
    reader = await signed_in(database, "Grace")
    await like(api, made["id"], "laptop", Authorization=reader)
    again = await like(api, made["id"], "phone", Authorization=reader)
    assert again.json() == {"likes": 1}


async def test_a_reader_without_token_or_session_likes_once_from_their_address(
    api: AsyncClient, post: Post
) -> None:
    made = await posted(api, post, "Like me twice?")
    await like(api, made["id"])
    assert (await like(api, made["id"])).json() == {"likes": 1}


async def test_a_like_is_taken_back(api: AsyncClient, database: Database, post: Post) -> None:
    made = await posted(api, post, "Changed my mind.")
    await like(api, made["id"], "fickle")
    answer = await api.request("DELETE", f"{API}/{made['id']}/like", json={"liker": "fickle"})
    assert answer.status_code == 200 and answer.json() == {"likes": 0}
    assert await stored(database, CommentLike) == 0


async def test_held_and_unknown_comments_cannot_be_liked(
    api: AsyncClient, database: Database, post: Post, configure: Configure
) -> None:
    await configure(moderation="all")
    held = await posted(api, post, "Not shown yet.")
    for comment_id in (held["id"], "0123456789abcdef01234567", "a%00b"):
        answer = await like(api, comment_id, "eager")
        assert answer.status_code == 404 and error_of(answer)["message"]
    assert await stored(database, CommentLike) == 0


async def test_an_over_long_liker_token_is_refused(api: AsyncClient, post: Post) -> None:
    made = await posted(api, post, "Like with a long token.")
    answer = await like(api, made["id"], "l" * 201)
    assert answer.status_code == 422 and error_of(answer)["field"] == "liker"
