"""The tags page: counts, internal tags apart, create, edit, delete."""

from __future__ import annotations

from tests.admin.conftest import SignIn, Staffer


async def test_tags_are_listed_with_their_post_counts(owner: Staffer) -> None:
    await owner.post("/admin/posts/new", {"title": "A", "tags": "Python", "action": "save"})
    await owner.post("/admin/posts/new", {"title": "B", "tags": "Python", "action": "save"})
    page = await owner.get("/admin/tags/")
    assert '<a href="/admin/posts/?tag=python">2</a>' in page.text


async def test_internal_tags_are_listed_apart(owner: Staffer) -> None:
    await owner.post("/admin/tags/", {"name": "#newsletter"})
    page = await owner.get("/admin/tags/")
    internal = page.text.split('id="internal-heading"')[1]
    assert "#newsletter" in internal
    assert "#newsletter" not in page.text.split('id="internal-heading"')[0]


async def test_a_tag_name_too_long_is_named(owner: Staffer) -> None:
    answer = await owner.post("/admin/tags/", {"name": "x" * 200})
    assert answer.status_code == 422
    assert '<p class="field-error" id="tag-name-error">' in answer.text


async def test_a_tag_is_renamed(owner: Staffer) -> None:
    await owner.post("/admin/tags/", {"name": "Pyhton"})
    answer = await owner.post("/admin/tags/pyhton/edit", {"name": "Python", "slug": "python"})
    assert answer.status_code == 303
    assert ">Python</a>" in (await owner.get("/admin/tags/")).text


async def test_a_tag_is_deleted(owner: Staffer) -> None:
    await owner.post("/admin/tags/", {"name": "Gone"})
    await owner.post("/admin/tags/gone/delete")
    assert "Gone" not in (await owner.get("/admin/tags/")).text


async def test_an_author_cannot_manage_tags(sign_in: SignIn) -> None:
    author = await sign_in("author")
    assert (await author.get("/admin/tags/")).status_code == 403


async def test_a_contributor_cannot_create_a_tag_on_the_fly(sign_in: SignIn) -> None:
    contributor = await sign_in("contributor")
    answer = await contributor.post(
        "/admin/posts/new", {"title": "Tagged", "tags": "Brand new", "action": "save"}
    )
    assert answer.status_code == 422
    assert '<p class="field-error" id="tags-error">' in answer.text
