"""Ghost's roles, through the admin's HTTP forms (each refusal a 403 that changes nothing):
contributors write drafts only; authors publish their own posts; editors manage every post,
page and tag and invite authors and contributors; administrators all but ownership transfer."""

from __future__ import annotations

from httpx import AsyncClient

from tests.admin.conftest import SignIn, Staffer
from tests.admin.test_editor import new_draft, version_of

IMAGE = "/content/images/2026/12/cover.png"


async def edit(staffer: Staffer, post_id: str, action: str = "save", **fields: str) -> int:
    """Post the editor form of ``post_id`` as ``staffer`` (with the version they last saw)."""
    page = await staffer.get(f"/admin/posts/{post_id}/edit")
    version = version_of(page.text) if page.status_code == 200 else ""
    data = {"title": "Kept title", "source": "Words.", "expected_updated_at": version}
    answer = await staffer.post(
        f"/admin/posts/{post_id}/edit", {**data, **fields, "action": action}
    )
    return answer.status_code


async def feature_image_of(staffer: Staffer, post_id: str) -> str:
    page = await staffer.get(f"/admin/posts/{post_id}/edit")
    return page.text.split('name="feature_image"')[1].split('value="')[1].split('"')[0]


async def test_a_contributor_sets_a_feature_image_on_their_draft(sign_in: SignIn) -> None:
    contributor = await sign_in("contributor")
    post_id = await new_draft(contributor, "My draft")
    assert await edit(contributor, post_id, feature_image=IMAGE) == 303
    assert await feature_image_of(contributor, post_id) == IMAGE


async def test_a_contributor_cannot_set_a_feature_image_once_published(
    sign_in: SignIn, owner: Staffer
) -> None:
    contributor = await sign_in("contributor")
    post_id = await new_draft(contributor, "Theirs, then published")
    assert await edit(owner, post_id, "publish", title="Theirs, then published") == 303
    assert await edit(contributor, post_id, feature_image=IMAGE) == 403
    assert await feature_image_of(owner, post_id) == ""


async def test_an_author_publishes_their_own_post(sign_in: SignIn, anonymous: AsyncClient) -> None:
    author = await sign_in("author")
    post_id = await new_draft(author, "By the author")
    assert await edit(author, post_id, "publish", title="By the author") == 303
    assert "By the author" in (await anonymous.get("/")).text


async def test_an_author_cannot_touch_someone_elses_post(
    sign_in: SignIn, owner: Staffer, anonymous: AsyncClient
) -> None:
    author = await sign_in("author")
    post_id = await new_draft(owner, "The owner's draft")
    assert (await author.get(f"/admin/posts/{post_id}/edit")).status_code == 403
    assert await edit(author, post_id, "publish", title="Taken over") == 403
    assert "Taken over" not in (await anonymous.get("/")).text
    assert "The owner&#39;s draft" in (await owner.get(f"/admin/posts/{post_id}/edit")).text


async def test_an_author_cannot_manage_pages(sign_in: SignIn) -> None:
    author = await sign_in("author")
    answer = await author.post("/admin/pages/new", {"title": "About", "action": "save"})
    assert answer.status_code == 403


async def test_an_editor_edits_and_publishes_anyones_post(
    sign_in: SignIn, anonymous: AsyncClient
) -> None:
    author = await sign_in("author")
    editor = await sign_in("editor")
    post_id = await new_draft(author, "Edited by the editor")
    assert await edit(editor, post_id, "publish", title="Edited by the editor") == 303
    assert "Edited by the editor" in (await anonymous.get("/")).text


async def test_an_editor_manages_pages_and_tags(sign_in: SignIn) -> None:
    editor = await sign_in("editor")
    page = await editor.post("/admin/pages/new", {"title": "About us", "action": "publish"})
    assert page.status_code == 303
    tag = await editor.post("/admin/tags/", {"name": "Editorial"})
    assert tag.status_code == 303
    assert "Editorial" in (await editor.get("/admin/tags/")).text


async def test_an_editor_cannot_invite_an_administrator(sign_in: SignIn, owner: Staffer) -> None:
    editor = await sign_in("editor")
    answer = await editor.post(
        "/admin/staff/invite", {"email": "boss@example.com", "role": "administrator"}
    )
    assert answer.status_code == 403
    assert "cannot invite someone as administrator" in answer.text
    assert "boss@example.com" not in (await owner.get("/admin/staff/")).text


async def test_an_editor_cannot_change_roles_or_settings(sign_in: SignIn) -> None:
    author = await sign_in("author")
    editor = await sign_in("editor")
    role = await editor.post(f"/admin/staff/{author.user_id}/role", {"role": "editor"})
    assert role.status_code == 403
    assert "cannot manage staff" in role.text
    assert (await author.get("/admin/tags/")).status_code == 403  # still an author
    assert (await editor.post("/admin/settings/", {"title": "Editor's"})).status_code == 403


async def test_an_administrator_changes_settings_but_cannot_transfer_ownership(
    sign_in: SignIn, owner: Staffer
) -> None:
    admin = await sign_in("administrator")
    other = await sign_in("administrator")
    page = await admin.get("/admin/settings/")
    assert page.status_code == 200
    answer = await admin.post(f"/admin/staff/{other.user_id}/transfer")
    assert answer.status_code == 403
    assert "cannot transfer ownership" in answer.text
    assert "Transfer ownership" in (await owner.get("/admin/staff/")).text  # still the owner
