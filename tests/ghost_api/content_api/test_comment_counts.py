"""``include=count.comments`` on the Content API's posts and pages: approved comments only."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from inkwell.comments import service as comments
from inkwell.content.service import Post, PostType
from inkwell.content.service import read_post as read_published
from inkwell.core.db import Database

API = "/ghost/api/content"

pytestmark = pytest.mark.usefixtures("demo_site")


async def _comment(database: Database, post: Post, body: str, *, held: bool = False) -> None:
    async with database.session() as session:
        await comments.update_settings(
            session, {"moderation": "all" if held else "none", "min_submit_seconds": 0}
        )
        submission = comments.Submission(
            body=body,
            post_id=post.id,
            commenter=comments.Commenter(name="Ada"),
            address="192.0.2.1",
            form_token=await comments.issue_form_token(session),
        )
        await comments.post_comment(session, submission, site_url="http://blog.test")
        await session.commit()


async def _post(database: Database, slug: str) -> Post:
    async with database.session() as session:
        found = await read_published(session, PostType.POST, slug=slug)
    assert found is not None
    return found


async def test_browse_counts_each_posts_approved_comments(
    api: AsyncClient, site_database: Database
) -> None:
    checklist = await _post(site_database, "column-change-checklist")
    await _comment(site_database, checklist, "First thought.")
    await _comment(site_database, checklist, "Second thought.")
    await _comment(site_database, checklist, "Waiting for a moderator.", held=True)
    body = (await api.get(f"{API}/posts/", params={"include": "count.comments"})).json()
    counts = {post["slug"]: post["count"] for post in body["posts"]}
    assert counts["column-change-checklist"] == {"comments": 2}
    assert counts["release-notes-for-one"] == {"comments": 0}


async def test_read_by_slug_counts_comments(api: AsyncClient, site_database: Database) -> None:
    tracebacks = await _post(site_database, "reading-tracebacks-bottom-up")
    await _comment(site_database, tracebacks, "Bottom up, always.")
    url = f"{API}/posts/slug/reading-tracebacks-bottom-up/"
    post = (await api.get(url, params={"include": "count.comments,tags"})).json()["posts"][0]
    assert post["count"] == {"comments": 1}
    assert post["tags"]


async def test_without_the_include_there_is_no_count(api: AsyncClient) -> None:
    body = (await api.get(f"{API}/posts/")).json()
    assert all("count" not in post for post in body["posts"])


async def test_pages_take_the_include_too(api: AsyncClient) -> None:
    body = (await api.get(f"{API}/pages/", params={"include": "count.comments"})).json()
    assert [page["count"] for page in body["pages"]] == [{"comments": 0}]


async def test_a_new_comment_refreshes_a_cached_count(
    api: AsyncClient, site_database: Database
) -> None:
    url = f"{API}/posts/slug/column-change-checklist/"
    before = (await api.get(url, params={"include": "count.comments"})).json()
    await _comment(site_database, await _post(site_database, "column-change-checklist"), "Hi.")
    after = (await api.get(url, params={"include": "count.comments"})).json()
    assert (before["posts"][0]["count"], after["posts"][0]["count"]) == (
        {"comments": 0},
        {"comments": 1},
    )
