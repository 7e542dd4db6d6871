"""The posts list: filters, search by title, sorting, bulk actions with their permissions."""

from __future__ import annotations

from httpx import AsyncClient

from tests.admin.conftest import SignIn, Staffer
from tests.admin.test_editor import new_draft


async def test_the_posts_list_links_to_the_editor_as_new_post(owner: Staffer) -> None:
    page = await owner.get("/admin/posts/")
    assert '<a class="button button-primary" href="/admin/posts/new">New post</a>' in page.text
    for label in ("Search by title", "Status", "Tag", "Sort"):
        assert f">{label}</label>" in page.text


async def test_search_finds_posts_by_title(owner: Staffer) -> None:
    await new_draft(owner, "Profiling Python")
    await new_draft(owner, "Caching headers")
    page = await owner.get("/admin/posts/", params={"q": "profil"})
    assert "Profiling Python" in page.text
    assert "Caching headers" not in page.text


async def test_the_status_filter_keeps_drafts(owner: Staffer) -> None:
    await new_draft(owner, "Still a draft")
    await owner.post("/admin/posts/new", {"title": "Out there", "action": "publish"})
    page = await owner.get("/admin/posts/", params={"status": "draft"})
    assert "Still a draft" in page.text
    assert "Out there" not in page.text


async def test_the_tag_filter_keeps_tagged_posts(owner: Staffer) -> None:
    await owner.post("/admin/posts/new", {"title": "Tagged", "tags": "SQLite", "action": "save"})
    await new_draft(owner, "Untagged")
    page = await owner.get("/admin/posts/", params={"tag": "sqlite"})
    assert "Tagged" in page.text
    assert "Untagged" not in page.text


async def test_an_unknown_sort_falls_back_to_recently_updated(owner: Staffer) -> None:
    page = await owner.get("/admin/posts/", params={"sort": "nonsense"})
    assert page.status_code == 200
    assert '<option value="updated" selected>' in page.text


async def test_bulk_publish_publishes_the_ticked_posts(
    owner: Staffer, anonymous: AsyncClient
) -> None:
    first, second = await new_draft(owner, "Bulk one"), await new_draft(owner, "Bulk two")
    answer = await owner.post(
        "/admin/posts/bulk", {"ids": [first, second], "action": "publish", "back": "/admin/posts/"}
    )
    assert answer.headers["location"] == "/admin/posts/?done=bulk"
    home = await anonymous.get("/")
    assert "Bulk one" in home.text and "Bulk two" in home.text


async def test_bulk_add_tag_tags_every_ticked_post(owner: Staffer) -> None:
    post_id = await new_draft(owner, "Needs a tag")
    await owner.post("/admin/posts/bulk", {"ids": [post_id], "action": "add_tag", "tag": "Ops"})
    page = await owner.get("/admin/posts/", params={"tag": "ops"})
    assert "Needs a tag" in page.text


async def test_bulk_delete_of_someone_elses_post_is_refused_whole(sign_in: SignIn) -> None:
    editor = await sign_in("editor")
    theirs = await new_draft(editor, "The editor's")
    author = await sign_in("author")
    mine = await new_draft(author, "The author's")
    answer = await author.post("/admin/posts/bulk", {"ids": [mine, theirs], "action": "delete"})
    assert answer.status_code == 403
    assert (await author.get(f"/admin/posts/{mine}/edit")).status_code == 200


async def test_a_contributor_has_no_publish_bulk_action(sign_in: SignIn) -> None:
    contributor = await sign_in("contributor")
    await new_draft(contributor, "Mine")
    page = await contributor.get("/admin/posts/")
    assert '<option value="delete">Delete</option>' in page.text
    assert '<option value="publish">' not in page.text


async def test_a_contributor_lists_only_their_own_posts(sign_in: SignIn) -> None:
    editor = await sign_in("editor")
    await new_draft(editor, "Not yours")
    contributor = await sign_in("contributor")
    await new_draft(contributor, "Yours")
    page = await contributor.get("/admin/posts/")
    assert "Yours" in page.text
    assert "Not yours" not in page.text


async def test_pages_need_the_pages_permission(sign_in: SignIn) -> None:
    author = await sign_in("author")
    answer = await author.get("/admin/pages/")
    assert answer.status_code == 403
