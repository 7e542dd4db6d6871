"""Deleting a reader's account: their sessions end, their comments stay but no longer say who
wrote them, and the replies under those comments keep their place (on SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from inkwell.accounts import service as accounts
from inkwell.accounts.models import Reader
from inkwell.comments.models import Comment
from inkwell.content.service import Post
from inkwell.core.db import Database
from tests.accounts.readers.conftest import Site, follow_provider, github_settings
from tests.accounts.readers.fake_github import FakeGitHub
from tests.comments.conftest import OPEN_RULES


@pytest.fixture
async def site(make_site: Any, fake_github: FakeGitHub, configure: Any) -> Any:
    """An app with GitHub sign-in, comments shown at once."""
    await configure(**OPEN_RULES)
    async with make_site(**github_settings(fake_github)) as running:
        yield running


async def comment(site: Site, post: Post, body: str, **fields: str) -> dict[str, Any]:
    """Comment on ``post`` (as whoever the client is) with the widget's form token."""
    thread = (await site.http.get("/api/comments", params={"post_id": post.id})).json()
    sent = {"post_id": post.id, "body": body, "form_token": thread["meta"]["form_token"]}
    posted = await site.http.post("/api/comments", json=sent | fields)
    assert posted.json()["status"] == "approved", posted.text
    found: dict[str, Any] = posted.json()
    return found


@pytest.fixture
async def deleted(site: Site, post: Post, database: Database) -> dict[str, Any]:
    """A reader commented, a guest replied, then the reader's account was deleted."""
    start = await site.http.get("/comments/auth/github/start")
    await follow_provider(site.http, start)
    reader_id = (await site.http.get("/comments/auth/me")).json()["reader"]["id"]
    written = await comment(site, post, "What the reader said.", website="https://octo.example")
    cookies = dict(site.http.cookies)
    site.http.cookies.clear()
    reply = await comment(site, post, "A guest's answer.", parent_id=written["id"], name="Bo")
    async with database.session(write=True) as session:
        await accounts.delete_reader(session, reader_id)
    await site.jobs_done()
    return {"reader_id": reader_id, "comment": written, "reply": reply, "cookies": cookies}


async def shown(site: Site, post: Post) -> list[dict[str, Any]]:
    """The thread under ``post`` as the API shows it."""
    found: list[dict[str, Any]] = (
        await site.http.get("/api/comments", params={"post_id": post.id})
    ).json()["comments"]
    return found


async def test_the_deleted_readers_comment_no_longer_names_them(
    site: Site, post: Post, deleted: dict[str, Any]
) -> None:
    [top] = await shown(site, post)
    assert top["id"] == deleted["comment"]["id"]
    assert top["author"]["name"] == "Deleted reader"
    assert top["author"]["website"] is None
    assert "Octo" not in str(top["author"])


async def test_the_deleted_readers_words_stay(
    site: Site, post: Post, deleted: dict[str, Any]
) -> None:
    [top] = await shown(site, post)
    assert "What the reader said." in top["html"]


async def test_the_replies_under_it_keep_their_place(
    site: Site, post: Post, deleted: dict[str, Any]
) -> None:
    [top] = await shown(site, post)
    [reply] = top["replies"]
    assert reply["id"] == deleted["reply"]["id"]
    assert reply["author"]["name"] == "Bo"


async def test_nothing_stored_links_the_comment_to_the_reader(
    database: Database, deleted: dict[str, Any]
) -> None:
    async with database.session() as session:
        stored = await session.get(Comment, deleted["comment"]["id"])
        reader = await session.get(Reader, deleted["reader_id"])
    assert stored is not None and reader is not None
    assert (stored.reader_id, stored.author_email, stored.author_website) == (None, None, None)
    assert stored.address_hash is None and stored.edit_token_hash is None
    assert (reader.provider, reader.email, reader.name) == ("deleted", None, "Deleted reader")


async def test_the_deleted_readers_session_ends(site: Site, deleted: dict[str, Any]) -> None:
    for name, value in deleted["cookies"].items():
        site.http.cookies.set(name, value, domain="blog.test")
    assert (await site.http.get("/comments/auth/me")).status_code == 401


async def test_signing_in_again_makes_a_new_reader(
    site: Site, database: Database, deleted: dict[str, Any]
) -> None:
    await follow_provider(site.http, await site.http.get("/comments/auth/github/start"))
    me = (await site.http.get("/comments/auth/me")).json()["reader"]
    assert me["id"] != deleted["reader_id"]
    async with database.session() as session:
        names = (await session.execute(select(Reader.name))).scalars().all()
    assert sorted(names) == ["Deleted reader", "Octo Cat"]


async def test_deleting_twice_changes_nothing(
    site: Site, post: Post, database: Database, deleted: dict[str, Any]
) -> None:
    async with database.session(write=True) as session:
        await accounts.delete_reader(session, deleted["reader_id"])
    await site.jobs_done()
    [top] = await shown(site, post)
    assert (top["author"]["name"], len(top["replies"])) == ("Deleted reader", 1)
