"""``/ghost/api/admin/tags/``: browse, read, add, edit, delete."""

from __future__ import annotations

from httpx import AsyncClient


async def _add(api: AsyncClient, **tag: object) -> dict:
    answer = await api.post("/tags/", json={"tags": [tag]})
    assert answer.status_code == 201, answer.text
    return dict(answer.json()["tags"][0])


async def test_a_tag_is_added_with_its_ghost_fields(api: AsyncClient) -> None:
    tag = await _add(
        api,
        name="Databases",
        description="Rows",
        meta_title="All about rows",
        accent_color="#ff0000",
    )
    assert (tag["name"], tag["slug"], tag["description"]) == ("Databases", "databases", "Rows")
    assert (tag["meta_title"], tag["accent_color"]) == ("All about rows", "#ff0000")
    assert tag["url"] == "http://blog.test/tag/databases/"
    assert tag["created_at"].endswith("Z")


async def test_a_tag_without_a_name_is_422(api: AsyncClient) -> None:
    answer = await api.post("/tags/", json={"tags": [{"slug": "x"}]})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["property"] == "name"


async def test_a_taken_slug_is_422_and_no_second_tag_is_made(api: AsyncClient) -> None:
    await _add(api, name="Python")
    answer = await api.post("/tags/", json={"tags": [{"name": "Other", "slug": "python"}]})
    assert answer.status_code == 422
    assert len((await api.get("/tags/")).json()["tags"]) == 1


async def test_browse_shows_internal_tags_with_counts_when_asked(api: AsyncClient) -> None:
    await _add(api, name="#hidden")
    await api.post(
        "/posts/", json={"posts": [{"title": "P", "status": "published", "tags": ["Shown"]}]}
    )
    listing = (await api.get("/tags/?include=count.posts")).json()
    counts = {t["name"]: t["count"]["posts"] for t in listing["tags"]}
    assert counts == {"#hidden": 0, "Shown": 1}
    assert listing["meta"]["pagination"]["total"] == 2


async def test_read_by_id_and_slug(api: AsyncClient) -> None:
    tag = await _add(api, name="Read me")
    assert (await api.get(f"/tags/{tag['id']}/")).json()["tags"][0]["slug"] == "read-me"
    assert (await api.get("/tags/slug/read-me/")).json()["tags"][0]["id"] == tag["id"]


async def test_an_unknown_tag_is_404(api: AsyncClient) -> None:
    answer = await api.get("/tags/slug/nope/")
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["context"] == "Tag not found."


async def test_an_edit_changes_what_it_sends(api: AsyncClient) -> None:
    tag = await _add(api, name="Old", description="Kept")
    answer = await api.put(
        f"/tags/{tag['id']}/", json={"tags": [{"name": "New", "og_title": "Shared"}]}
    )
    assert answer.status_code == 200, answer.text
    edited = answer.json()["tags"][0]
    assert (edited["name"], edited["description"], edited["og_title"]) == ("New", "Kept", "Shared")


async def test_a_wrongly_typed_field_is_422_naming_it(api: AsyncClient) -> None:
    tag = await _add(api, name="Typed")
    answer = await api.put(f"/tags/{tag['id']}/", json={"tags": [{"meta_title": 4}]})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["property"] == "meta_title"


async def test_delete_answers_204_and_posts_keep_other_tags(api: AsyncClient) -> None:
    created = await api.post("/posts/", json={"posts": [{"title": "P", "tags": ["A", "B"]}]})
    post = created.json()["posts"][0]
    tag_a = post["tags"][0]
    answer = await api.delete(f"/tags/{tag_a['id']}/")
    assert answer.status_code == 204
    again = (await api.get(f"/posts/{post['id']}/")).json()["posts"][0]
    assert [t["name"] for t in again["tags"]] == ["B"]
