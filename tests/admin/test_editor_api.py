"""The editor's JSON API: the live preview and autosave with conflict detection."""

from __future__ import annotations

from httpx import AsyncClient

from tests.admin.conftest import Staffer
from tests.admin.test_editor import new_draft, version_of


async def test_the_preview_renders_cards_as_the_site_does(owner: Staffer) -> None:
    source = (
        "::: callout 💡 blue\nWAL is a property of the **file**.\n:::\n\n```python\nprint(1)\n```"
    )
    answer = await owner.api("/admin/api/preview", json={"source": source})
    assert answer.status_code == 200
    html = answer.json()["html"]
    assert '<div class="kg-card kg-callout-card kg-callout-card-blue">' in html
    assert "<strong>file</strong>" in html
    assert 'class="highlight"' in html  # code highlighted, as on the site


async def test_the_preview_refuses_a_body_without_source(owner: Staffer) -> None:
    answer = await owner.api("/admin/api/preview", json={"text": "# Hi"})
    assert answer.status_code == 400
    assert "source" in answer.json()["error"]


async def test_the_preview_needs_the_csrf_token(owner: Staffer) -> None:
    answer = await owner.http.post("/admin/api/preview", json={"source": "# Hi"})
    assert answer.status_code == 403


async def test_the_preview_needs_a_signed_in_user(anonymous: AsyncClient) -> None:
    answer = await anonymous.post("/admin/api/preview", json={"source": "# Hi"})
    assert answer.status_code in (401, 403)


async def test_autosave_creates_a_draft_and_says_where_it_lives(owner: Staffer) -> None:
    answer = await owner.api(
        "/admin/api/posts/autosave", data={"title": "Typed fast", "source": "So far."}
    )
    assert answer.status_code == 200
    saved = answer.json()
    assert saved["edit_url"] == f"/admin/posts/{saved['id']}/edit"
    page = await owner.get(saved["edit_url"])
    assert "So far.</textarea>" in page.text


async def test_autosave_answers_the_new_version(owner: Staffer) -> None:
    post_id = await new_draft(owner)
    opened = version_of((await owner.get(f"/admin/posts/{post_id}/edit")).text)
    answer = await owner.api(
        f"/admin/api/posts/{post_id}/autosave",
        data={"title": "A first draft", "source": "More.", "expected_updated_at": opened},
    )
    assert answer.status_code == 200
    assert answer.json()["updated_at"] > opened


async def test_a_stale_autosave_is_refused_with_409(owner: Staffer) -> None:
    post_id = await new_draft(owner)
    opened = version_of((await owner.get(f"/admin/posts/{post_id}/edit")).text)
    fields = {"title": "A first draft", "expected_updated_at": opened}
    first = await owner.api(f"/admin/api/posts/{post_id}/autosave", data={**fields, "source": "1"})
    assert first.status_code == 200
    second = await owner.api(f"/admin/api/posts/{post_id}/autosave", data={**fields, "source": "2"})
    assert second.status_code == 409
    assert second.json()["error"].startswith("Not saved: this post was changed elsewhere")
    assert second.json()["current_updated_at"] == first.json()["updated_at"]


async def test_autosave_names_the_refused_field(owner: Staffer) -> None:
    answer = await owner.api("/admin/api/posts/autosave", data={"title": "", "source": "x"})
    assert answer.status_code == 422
    assert "title" in answer.json()["errors"]


async def test_autosave_leaves_published_posts_alone(owner: Staffer) -> None:
    published = await owner.post("/admin/posts/new", {"title": "Live", "action": "publish"})
    post_id = published.headers["location"].split("/")[3]
    opened = version_of((await owner.get(f"/admin/posts/{post_id}/edit")).text)
    answer = await owner.api(
        f"/admin/api/posts/{post_id}/autosave",
        data={"title": "Live!", "expected_updated_at": opened},
    )
    assert answer.status_code == 409
    assert "drafts only" in answer.json()["error"]
