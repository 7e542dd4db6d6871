"""``/ghost/api/admin/posts/`` over HTTP with the official client's tokens."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from httpx import AsyncClient

from inkwell.core.time import utcnow
from inkwell.ghost_api.admin_api import common
from tests.ghost_api.admin_api.conftest import OWNER_EMAIL

HTML = '<p>First paragraph with <strong>bold</strong> words.</p><h2 id="more">More</h2>'


async def _add(api: AsyncClient, params: str = "?source=html", **post: object) -> dict:
    answer = await api.post(f"/posts/{params}", json={"posts": [post]})
    assert answer.status_code == 201, answer.text
    return dict(answer.json()["posts"][0])


async def test_a_post_added_from_html_answers_201_with_ghosts_admin_shape(
    api: AsyncClient,
) -> None:
    answer = await api.post(
        "/posts/?source=html", json={"posts": [{"title": "From HTML", "html": HTML}]}
    )
    assert answer.status_code == 201
    assert answer.headers["cache-control"].startswith("no-cache, private")
    post = answer.json()["posts"][0]
    assert (post["title"], post["slug"], post["status"]) == ("From HTML", "from-html", "draft")
    for key in (
        "id",
        "uuid",
        "lexical",
        "mobiledoc",
        "tags",
        "authors",
        "primary_author",
        "url",
        "excerpt",
        "updated_at",
        "count",
        "email_segment",
        "tiers",
    ):
        assert key in post, key
    assert "html" not in post  # the Admin API sends bodies only when asked (?formats=html)
    assert post["updated_at"].endswith(".000Z")


async def test_html_sent_comes_back_the_same_with_formats_html(api: AsyncClient) -> None:
    post = await _add(api, "?source=html&formats=html", title="Same HTML", html=HTML)
    assert post["html"] == HTML


async def test_the_lexical_answered_holds_the_body_as_one_card(api: AsyncClient) -> None:
    post = await _add(api, title="Doc", html=HTML)
    doc = json.loads(post["lexical"])
    assert doc["root"]["children"][0]["type"] == "html"
    assert doc["root"]["children"][0]["html"] == HTML


async def test_a_markdown_field_is_rendered(api: AsyncClient) -> None:
    post = await _add(api, "?formats=html", title="Markdown", markdown="Some **bold** words.")
    assert post["html"].strip() == "<p>Some <strong>bold</strong> words.</p>"


async def test_a_markdown_card_in_mobiledoc_is_rendered(api: AsyncClient) -> None:
    doc = {
        "version": "0.3.1",
        "atoms": [],
        "markups": [],
        "sections": [[10, 0]],
        "cards": [["markdown", {"markdown": "# Title\n\nText"}]],
    }
    post = await _add(api, "?formats=html", title="Mobiledoc", mobiledoc=json.dumps(doc))
    assert "<p>Text</p>" in post["html"] and "<h1" in post["html"]


async def test_a_post_without_authors_is_the_owners(api: AsyncClient) -> None:
    post = await _add(api, title="Owned")
    assert [a["email"] for a in post["authors"]] == [OWNER_EMAIL]
    assert post["primary_author"]["email"] == OWNER_EMAIL


async def test_tags_by_name_are_created_and_shown_in_order(api: AsyncClient) -> None:
    post = await _add(api, title="Tagged", tags=["Python", {"name": "SQLite"}])
    assert [t["name"] for t in post["tags"]] == ["Python", "SQLite"]
    assert post["primary_tag"]["slug"] == "python"


async def test_an_unknown_author_is_a_422_and_nothing_is_stored(api: AsyncClient) -> None:
    answer = await api.post(
        "/posts/", json={"posts": [{"title": "Nobody's", "authors": ["ghost@nowhere.test"]}]}
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["type"] == "ValidationError"
    listing = await api.get("/posts/")
    assert listing.json()["posts"] == []


async def test_an_edit_with_the_read_updated_at_is_saved(api: AsyncClient) -> None:
    post = await _add(api, title="Before")
    answer = await api.put(
        f"/posts/{post['id']}/",
        json={"posts": [{"title": "After", "updated_at": post["updated_at"]}]},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["posts"][0]["title"] == "After"


async def test_a_stale_edit_is_409_update_collision_and_changes_nothing(
    api: AsyncClient,
) -> None:
    post = await _add(api, title="Original")
    first = await api.put(
        f"/posts/{post['id']}/",
        json={"posts": [{"title": "First edit", "updated_at": post["updated_at"]}]},
    )
    assert first.status_code == 200
    stale = await api.put(
        f"/posts/{post['id']}/",
        json={"posts": [{"title": "Second edit", "updated_at": post["updated_at"]}]},
    )
    assert stale.status_code == 409
    error = stale.json()["errors"][0]
    assert (error["type"], error["message"]) == (
        "UpdateCollisionError",
        "Saving failed! Someone else is editing this post.",
    )
    read = await api.get(f"/posts/{post['id']}/")
    assert read.json()["posts"][0]["title"] == "First edit"


async def test_an_edit_without_updated_at_is_a_422_naming_it(api: AsyncClient) -> None:
    post = await _add(api, title="Keep")
    answer = await api.put(f"/posts/{post['id']}/", json={"posts": [{"title": "X"}]})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["property"] == "updated_at"


async def test_a_post_scheduled_ahead_is_scheduled(api: AsyncClient) -> None:
    when = (utcnow() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    post = await _add(api, title="Later", status="scheduled", published_at=when)
    assert (post["status"], post["published_at"]) == ("scheduled", when)


async def test_publishing_by_edit_dates_the_post(api: AsyncClient) -> None:
    post = await _add(api, title="Draft first")
    answer = await api.put(
        f"/posts/{post['id']}/",
        json={"posts": [{"status": "published", "updated_at": post["updated_at"]}]},
    )
    published = answer.json()["posts"][0]
    assert published["status"] == "published" and published["published_at"] is not None


async def test_read_by_slug_and_browse_see_drafts(api: AsyncClient) -> None:
    post = await _add(api, title="Hidden draft")
    by_slug = await api.get("/posts/slug/hidden-draft/")
    assert by_slug.json()["posts"][0]["id"] == post["id"]
    listing = (await api.get("/posts/")).json()
    assert [p["id"] for p in listing["posts"]] == [post["id"]]
    assert listing["meta"]["pagination"] == {
        "page": 1,
        "limit": 15,
        "pages": 1,
        "total": 1,
        "next": None,
        "prev": None,
    }


async def test_browse_pages_with_limit(api: AsyncClient) -> None:
    for n in range(3):
        await _add(api, title=f"Post {n}")
    page = (await api.get("/posts/?limit=2&page=2")).json()
    assert len(page["posts"]) == 1
    assert page["meta"]["pagination"]["prev"] == 1


async def test_a_bad_limit_is_400_naming_it(api: AsyncClient) -> None:
    answer = await api.get("/posts/?limit=zero")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["property"] == "limit"


async def test_an_unknown_id_is_404_in_ghosts_words(api: AsyncClient) -> None:
    answer = await api.get("/posts/" + "a" * 24 + "/")
    assert answer.status_code == 404
    error = answer.json()["errors"][0]
    assert (error["message"], error["context"]) == (
        "Resource not found error, cannot read post.",
        "Post not found.",
    )


async def test_delete_answers_204_and_the_post_is_gone(api: AsyncClient) -> None:
    post = await _add(api, title="Short lived")
    answer = await api.delete(f"/posts/{post['id']}/")
    assert (answer.status_code, answer.content) == (204, b"")
    assert (await api.get(f"/posts/{post['id']}/")).status_code == 404


async def test_a_body_that_is_not_json_is_400(api: AsyncClient) -> None:
    answer = await api.post(
        "/posts/", content=b"{oops", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["type"] == "BadRequestError"


async def test_without_a_token_it_is_403(anonymous: AsyncClient) -> None:
    answer = await anonymous.get("/posts/")
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["type"] == "NoPermissionError"


async def test_pages_are_separate_from_posts(api: AsyncClient) -> None:
    answer = await api.post("/pages/", json={"pages": [{"title": "About"}]})
    assert answer.status_code == 201
    page = answer.json()["pages"][0]
    assert (await api.get(f"/posts/{page['id']}/")).status_code == 404
    assert (await api.get(f"/pages/{page['id']}/")).json()["pages"][0]["title"] == "About"
    assert (await api.get("/posts/")).json()["posts"] == []


async def test_filter_by_status_and_tag(api: AsyncClient) -> None:
    await _add(api, title="Draft in python", tags=["Python"])
    published = await _add(api, title="Live in python", tags=["Python"], status="published")
    await _add(api, title="Live elsewhere", tags=["Rust"], status="published")
    answer = await api.get("/posts/?filter=status:published%2Btag:python")
    assert answer.status_code == 200, answer.text
    assert [p["id"] for p in answer.json()["posts"]] == [published["id"]]


async def test_a_bad_filter_is_400_naming_it(api: AsyncClient) -> None:
    answer = await api.get("/posts/?filter=status:(")
    assert answer.status_code == 400
    error = answer.json()["errors"][0]
    assert (error["type"], error["property"]) == ("BadRequestError", "filter")


async def test_formats_choose_the_bodies(api: AsyncClient) -> None:
    post = await _add(api, title="Bodies", html="<p>Plain words</p>")
    answer = await api.get(f"/posts/{post['id']}/?formats=html,plaintext")
    shaped = answer.json()["posts"][0]
    assert shaped["html"] == "<p>Plain words</p>"
    assert shaped["plaintext"].strip() == "Plain words"
    assert "lexical" not in shaped and "mobiledoc" not in shaped


async def test_include_limits_the_relations(api: AsyncClient) -> None:
    post = await _add(api, title="Bare", tags=["Python"])
    shaped = (await api.get(f"/posts/{post['id']}/?include=tags")).json()["posts"][0]
    assert "tags" in shaped and "authors" not in shaped


async def test_an_unknown_include_is_400_naming_it(api: AsyncClient) -> None:
    answer = await api.get("/posts/?include=comments")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["property"] == "include"


async def test_fields_keep_only_those_keys(api: AsyncClient) -> None:
    await _add(api, title="Few fields")
    shaped = (await api.get("/posts/?fields=id,title")).json()["posts"][0]
    assert list(shaped) == ["id", "title"]


async def test_a_post_read_changed_and_sent_back_whole_keeps_its_body(api: AsyncClient) -> None:
    # What scripts do with the official client: read a post, change a field, edit with the
    # whole object (read-only fields, the lexical document, tag and author objects and all).
    created = await _add(api, title="Whole", html=HTML, tags=["Python"], status="published")
    read = (await api.get(f"/posts/{created['id']}/")).json()["posts"][0]
    read["title"] = "Whole, renamed"
    answer = await api.put(f"/posts/{created['id']}/", json={"posts": [read]})
    assert answer.status_code == 200, answer.text
    again = (await api.get(f"/posts/{created['id']}/?formats=html")).json()["posts"][0]
    assert (again["title"], again["html"]) == ("Whole, renamed", HTML)
    assert [t["name"] for t in again["tags"]] == ["Python"]
    assert again["published_at"] == created["published_at"]


async def test_a_markdown_post_keeps_its_markdown_through_a_whole_object_edit(
    api: AsyncClient,
) -> None:
    created = await _add(api, "", title="Md", markdown="Some *emphasis* here.")
    read = (await api.get(f"/posts/{created['id']}/")).json()["posts"][0]
    assert json.loads(read["lexical"])["root"]["children"][0]["markdown"] == (
        "Some *emphasis* here."
    )
    read["custom_excerpt"] = "Short"
    answer = await api.put(f"/posts/{created['id']}/", json={"posts": [read]})
    again = answer.json()["posts"][0]
    assert json.loads(again["lexical"]) == json.loads(read["lexical"])
    assert again["custom_excerpt"] == "Short"


async def test_a_body_over_the_limit_is_413_unread(
    api: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "MAX_JSON_BYTES", 100)
    body = json.dumps({"posts": [{"title": "x" * 200}]}).encode()
    answer = await api.post("/posts/", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["errors"][0]["type"] == "RequestEntityTooLargeError"
    assert (await api.get("/posts/")).json()["posts"] == []
