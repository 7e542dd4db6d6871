"""The dashboard: recent, draft and scheduled posts, quick links, the New post link."""

from __future__ import annotations

from httpx import AsyncClient

from tests.admin.conftest import SignIn, Staffer


async def test_the_dashboard_links_to_the_editor_as_new_post(owner: Staffer) -> None:
    page = await owner.get("/admin/")
    assert page.status_code == 200
    assert '<a class="button button-primary" href="/admin/posts/new">New post</a>' in page.text


async def test_the_dashboard_lists_a_new_draft(owner: Staffer) -> None:
    await owner.post("/admin/posts/new", {"title": "Half-written thoughts", "action": "save"})
    page = await owner.get("/admin/")
    assert "Half-written thoughts" in page.text


async def test_signed_out_visitors_are_sent_to_sign_in(anonymous: AsyncClient) -> None:
    answer = await anonymous.get("/admin/", headers={"accept": "text/html"})
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/admin/signin")


async def test_a_contributor_sees_only_their_own_drafts(sign_in: SignIn) -> None:
    editor = await sign_in("editor")
    await editor.post("/admin/posts/new", {"title": "The editor's draft", "action": "save"})
    contributor = await sign_in("contributor")
    page = await contributor.get("/admin/")
    assert "The editor&#39;s draft" not in page.text
