"""The Content API's tags, authors, settings and the members' resources of a site without
members: Ghost's shapes and Ghost's answers."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.ghost_api.reference import assert_same_shape, reference

pytestmark = pytest.mark.usefixtures("demo_site")
API = "/ghost/api/content"


async def test_tags_have_ghosts_shape_and_order(api: AsyncClient) -> None:
    body = (await api.get(f"{API}/tags/")).json()
    assert_same_shape(body, reference("api_tags.json"))
    assert [tag["slug"] for tag in body["tags"]] == ["databases", "debugging", "python", "writing"]


async def test_tags_with_post_counts_have_ghosts_shape(api: AsyncClient) -> None:
    body = (await api.get(f"{API}/tags/", params={"include": "count.posts"})).json()
    assert_same_shape(body, reference("content_api_tags.json"))
    counts = {tag["slug"]: tag["count"]["posts"] for tag in body["tags"]}
    assert counts == {"databases": 2, "debugging": 1, "python": 3, "writing": 1}


async def test_tags_ordered_by_post_count(api: AsyncClient) -> None:
    body = (
        await api.get(f"{API}/tags/", params={"order": "count.posts desc", "limit": "1"})
    ).json()
    assert body["tags"][0]["slug"] == "python"


async def test_a_tag_by_slug_and_by_id(api: AsyncClient) -> None:
    by_slug = (await api.get(f"{API}/tags/slug/python/")).json()["tags"][0]
    by_id = (await api.get(f"{API}/tags/{by_slug['id']}/")).json()["tags"][0]
    assert by_id == by_slug
    assert by_slug["url"] == "http://blog.test/tag/python/"


async def test_an_internal_tag_is_not_found(api: AsyncClient) -> None:
    response = await api.get(f"{API}/tags/slug/internal/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["message"] == "Resource not found error, cannot read tag."


async def test_tags_filtered(api: AsyncClient) -> None:
    body = (await api.get(f"{API}/tags/", params={"filter": "slug:[python,writing]"})).json()
    assert [tag["slug"] for tag in body["tags"]] == ["python", "writing"]


async def test_authors_have_ghosts_shape(api: AsyncClient) -> None:
    body = (await api.get(f"{API}/authors/")).json()
    assert_same_shape(body, reference("api_authors.json"))
    assert body["authors"][0]["url"] == "http://blog.test/author/test-author/"


async def test_an_author_by_slug_with_post_count(api: AsyncClient) -> None:
    url = f"{API}/authors/slug/test-author/"
    author = (await api.get(url, params={"include": "count.posts"})).json()["authors"][0]
    assert author["count"] == {"posts": 4}
    by_id = (await api.get(f"{API}/authors/{author['id']}/")).json()["authors"][0]
    assert by_id["slug"] == "test-author"


async def test_an_unknown_author_is_ghosts_404(api: AsyncClient) -> None:
    response = await api.get(f"{API}/authors/slug/nobody/")
    assert response.status_code == 404
    error = response.json()["errors"][0]
    assert error["message"] == "Resource not found error, cannot read author."
    assert error["type"] == "NotFoundError"


async def test_settings_have_ghosts_shape(api: AsyncClient) -> None:
    body = (await api.get(f"{API}/settings/")).json()
    assert_same_shape(body, reference("content_api_settings.json"))
    assert body["settings"]["title"] == "Inkwell"
    assert body["settings"]["url"] == "http://blog.test/"


async def test_tiers_and_newsletters_are_empty_lists(api: AsyncClient) -> None:
    for resource in ("tiers", "newsletters"):
        body = (await api.get(f"{API}/{resource}/")).json()
        assert body[resource] == []
        assert body["meta"]["pagination"]["total"] == 0


async def test_no_offer_exists(api: AsyncClient) -> None:
    response = await api.get(f"{API}/offers/6b0695025a9772699b61dd5e/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["type"] == "NotFoundError"


async def test_an_unknown_path_is_ghosts_404(api: AsyncClient) -> None:
    response = await api.get(f"{API}/nothing-here/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["type"] == "NotFoundError"
