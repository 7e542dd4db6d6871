"""The Content API's posts and pages: Ghost's shapes, pagination, parameters, filters."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.ghost_api.reference import assert_same_shape, reference

pytestmark = pytest.mark.usefixtures("demo_site")
POSTS = "/ghost/api/content/posts/"


async def test_browse_with_tags_and_authors_has_ghosts_shape(api: AsyncClient) -> None:
    response = await api.get(POSTS, params={"include": "tags,authors"})
    assert response.status_code == 200
    body = response.json()
    assert_same_shape(body, reference("content_api_posts.json"))
    assert [post["slug"] for post in body["posts"]] == [
        "sqlite-on-a-tiny-server",
        "reading-tracebacks-bottom-up",
        "column-change-checklist",
        "release-notes-for-one",
    ]


async def test_pagination_is_ghosts(api: AsyncClient) -> None:
    response = await api.get(POSTS, params={"include": "tags,authors", "limit": "2"})
    body = response.json()
    assert_same_shape(body, reference("api_posts_include_limit2.json"))
    assert body["meta"] == reference("api_posts_include_limit2.json")["meta"]


async def test_the_second_page_follows_the_first(api: AsyncClient) -> None:
    body = (await api.get(POSTS, params={"limit": "2", "page": "2"})).json()
    assert [post["slug"] for post in body["posts"]] == [
        "column-change-checklist",
        "release-notes-for-one",
    ]
    assert body["meta"]["pagination"]["prev"] == 1
    assert body["meta"]["pagination"]["next"] is None


async def test_limit_all_answers_every_post_on_one_page(api: AsyncClient) -> None:
    body = (await api.get(POSTS, params={"limit": "all"})).json()
    assert len(body["posts"]) == 4
    assert body["meta"]["pagination"]["limit"] == "all"


async def test_read_by_slug_has_ghosts_shape(api: AsyncClient) -> None:
    response = await api.get(f"{POSTS}slug/sqlite-on-a-tiny-server/")
    assert response.status_code == 200
    assert_same_shape(response.json(), reference("api_post_by_slug.json"))


async def test_read_by_id(api: AsyncClient) -> None:
    first = (await api.get(POSTS, params={"limit": "1"})).json()["posts"][0]
    body = (await api.get(f"{POSTS}{first['id']}/")).json()
    assert body["posts"][0]["slug"] == first["slug"]


async def test_an_unknown_slug_is_ghosts_404(api: AsyncClient) -> None:
    response = await api.get(f"{POSTS}slug/no-such-post/")
    assert response.status_code == 404
    assert_same_shape(response.json(), reference("api_error_unknown_slug.json"))
    assert response.json()["errors"][0]["message"] == "Resource not found error, cannot read post."


async def test_a_draft_is_not_found(api: AsyncClient) -> None:
    response = await api.get(f"{POSTS}slug/unfinished/")
    assert response.status_code == 404


async def test_pages_are_apart_from_posts(api: AsyncClient) -> None:
    pages = (await api.get("/ghost/api/content/pages/")).json()["pages"]
    assert [page["slug"] for page in pages] == ["about"]
    assert pages[0]["url"] == "http://blog.test/about/"
    assert pages[0]["show_title_and_feature_image"] is True
    page = (await api.get("/ghost/api/content/pages/slug/about/")).json()["pages"][0]
    assert page["id"] == pages[0]["id"]
    missing = await api.get("/ghost/api/content/posts/slug/about/")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["message"] == "Resource not found error, cannot read post."


async def test_internal_tags_are_never_shown(api: AsyncClient) -> None:
    url = f"{POSTS}slug/reading-tracebacks-bottom-up/"
    body = (await api.get(url, params={"include": "tags"})).json()
    assert [tag["slug"] for tag in body["posts"][0]["tags"]] == ["python", "debugging"]


async def test_fields_keeps_only_those_fields(api: AsyncClient) -> None:
    body = (await api.get(POSTS, params={"fields": "title,url", "limit": "1"})).json()
    assert list(body["posts"][0]) == ["title", "url"]


async def test_formats_plaintext_replaces_html(api: AsyncClient) -> None:
    body = (await api.get(POSTS, params={"formats": "plaintext", "limit": "1"})).json()
    post = body["posts"][0]
    assert "html" not in post
    assert post["plaintext"].startswith("An opening paragraph")


async def test_order_by_several_fields(api: AsyncClient) -> None:
    body = (await api.get(POSTS, params={"order": "featured desc, title asc"})).json()
    assert [post["slug"] for post in body["posts"]] == [
        "column-change-checklist",
        "sqlite-on-a-tiny-server",
        "reading-tracebacks-bottom-up",
        "release-notes-for-one",
    ]


@pytest.mark.parametrize(
    ("nql", "slugs"),
    [
        ("tag:databases", ["sqlite-on-a-tiny-server", "column-change-checklist"]),
        ("tags:[writing,debugging]", ["reading-tracebacks-bottom-up", "release-notes-for-one"]),
        ("tags:[databases+python]", ["sqlite-on-a-tiny-server"]),
        ("primary_tag:python", ["reading-tracebacks-bottom-up"]),
        ("featured:true", ["column-change-checklist"]),
        ("slug:release-notes-for-one", ["release-notes-for-one"]),
        ("tag:-python", ["column-change-checklist"]),
        ("tag:-[python,databases]", []),
        ("author:test-author+tag:writing", ["release-notes-for-one"]),
        ("authors:[test-author]+featured:false+tag:databases", ["sqlite-on-a-tiny-server"]),
        (
            "visibility:public+published_at:>'2026-03-08'",
            [
                "sqlite-on-a-tiny-server",
                "reading-tracebacks-bottom-up",
            ],
        ),
        (
            "published_at:<='2026-03-05 09:00:00'",
            [
                "column-change-checklist",
                "release-notes-for-one",
            ],
        ),
        (
            "(tag:writing,tag:debugging)+tag:python",
            [
                "reading-tracebacks-bottom-up",
                "release-notes-for-one",
            ],
        ),
        (
            "tag:writing,featured:true+tag:databases",
            [
                "column-change-checklist",
                "release-notes-for-one",
            ],
        ),
        ("title:~'sqlite'", ["sqlite-on-a-tiny-server"]),
        ("title:~^'column'", ["column-change-checklist"]),
        ("title:~$'UP'", ["reading-tracebacks-bottom-up"]),
        (
            "slug:-[sqlite-on-a-tiny-server,release-notes-for-one]+custom_excerpt:null",
            [
                "reading-tracebacks-bottom-up",
                "column-change-checklist",
            ],
        ),
        ("tag:'#internal'", []),
        ("status:draft", []),
    ],
)
async def test_filters(api: AsyncClient, nql: str, slugs: list[str]) -> None:
    response = await api.get(POSTS, params={"filter": nql})
    assert response.status_code == 200, response.text
    assert [post["slug"] for post in response.json()["posts"]] == slugs


async def test_filter_by_id_excludes_it(api: AsyncClient) -> None:
    first = (await api.get(POSTS, params={"limit": "1"})).json()["posts"][0]
    body = (await api.get(POSTS, params={"filter": f"id:-{first['id']}"})).json()
    assert first["slug"] not in [post["slug"] for post in body["posts"]]
    assert len(body["posts"]) == 3


async def test_relative_dates(api: AsyncClient) -> None:
    # The demo posts are from March 2026: long before any run of this test.
    old = (await api.get(POSTS, params={"filter": "published_at:<now-1d"})).json()
    assert len(old["posts"]) == 4
    recent = (await api.get(POSTS, params={"filter": "published_at:>now+1d"})).json()
    assert recent["posts"] == []
