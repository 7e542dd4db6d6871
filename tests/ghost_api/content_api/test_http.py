"""The Content API over HTTP: keys, errors, Ghost's headers, ETags, the response cache."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from inkwell.content import service
from inkwell.core.db import Database
from inkwell.ghost_api import integrations
from tests.factories import make_post
from tests.ghost_api.content_api.conftest import ContentKey
from tests.ghost_api.reference import assert_same_shape, reference, reference_headers

pytestmark = pytest.mark.usefixtures("demo_site")
POSTS = "/ghost/api/content/posts/"


async def test_no_key_is_ghosts_403(client: AsyncClient) -> None:
    response = await client.get(POSTS)
    assert response.status_code == 403
    assert_same_shape(response.json(), reference("api_error_no_key.json"))
    assert response.json()["errors"][0]["type"] == "NoPermissionError"
    assert response.headers["content-version"] == "v6.64"


async def test_an_unknown_key_is_ghosts_401(client: AsyncClient) -> None:
    response = await client.get(POSTS, params={"key": "0" * 26})
    assert response.status_code == 401
    ghost = reference("api_error_bad_key.json")
    assert_same_shape(response.json(), ghost)
    assert response.json()["errors"][0]["code"] == "UNKNOWN_CONTENT_API_KEY"
    assert "0" * 26 not in response.text


async def test_answers_carry_ghosts_headers(api: AsyncClient) -> None:
    response = await api.get(POSTS, headers={"Accept-Version": "v5.0"})
    ghost = reference_headers("content_api_posts.json")
    for name in ("content-version", "cache-control", "access-control-allow-origin"):
        assert response.headers[name] == ghost[name], name
    assert response.headers["content-type"] == ghost["content-type"]
    assert response.headers["vary"] == ghost["vary"]
    assert response.headers["etag"]


async def test_an_unchanged_answer_revalidates_to_304(api: AsyncClient) -> None:
    first = await api.get(POSTS)
    again = await api.get(POSTS, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


async def test_a_cached_answer_follows_a_new_post(
    api: AsyncClient, site_database: Database
) -> None:
    before = (await api.get(POSTS)).json()["meta"]["pagination"]["total"]
    async with site_database.session() as session:
        await make_post(session, title="Fresh")
        await session.commit()
    after = (await api.get(POSTS)).json()["meta"]["pagination"]["total"]
    assert after == before + 1


async def test_a_cached_tag_list_follows_a_new_tag(
    api: AsyncClient, site_database: Database
) -> None:

    before = len((await api.get("/ghost/api/content/tags/")).json()["tags"])
    async with site_database.session() as session:
        await service.create_tag(session, "Fresh tag")
        await session.commit()
    after = len((await api.get("/ghost/api/content/tags/")).json()["tags"])
    assert after == before + 1


async def test_a_regenerated_key_no_longer_reads_cached_answers(
    api: AsyncClient, content_key: ContentKey, site_database: Database
) -> None:
    assert (await api.get(POSTS)).status_code == 200
    async with site_database.session() as session:
        found = await integrations.find_integration(session, "Static front-end")
        await integrations.regenerate_key(session, found.integration.id, "content")
        await session.commit()
    assert (await api.get(POSTS)).status_code == 401


async def test_a_cors_preflight_is_allowed(client: AsyncClient) -> None:
    response = await client.options(
        POSTS,
        headers={
            "Origin": "https://front.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "accept-version",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "accept-version" in response.headers["access-control-allow-headers"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"filter": "tag:"}, "filter"),
        ({"filter": "nonsense:1"}, "filter"),
        ({"filter": "featured:maybe"}, "filter"),
        ({"filter": "published_at:>'soon'"}, "filter"),
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"page": "-1"}, "page"),
        ({"order": "secret desc"}, "order"),
        ({"order": "title sideways"}, "order"),
        ({"include": "comments"}, "include"),
        ({"formats": "mobiledoc"}, "formats"),
        ({"fields": "password"}, "fields"),
    ],
)
async def test_bad_parameters_are_400_naming_them(
    api: AsyncClient, params: dict[str, str], name: str
) -> None:
    response = await api.get(POSTS, params=params)
    assert response.status_code == 400, response.text
    error = response.json()["errors"][0]
    assert error["type"] == "BadRequestError"
    assert error["property"] == name
    assert name in error["message"]
    assert response.headers["cache-control"].startswith("no-cache")


async def test_the_key_never_reaches_an_error(api: AsyncClient, content_key: ContentKey) -> None:
    response = await api.get(POSTS, params={"filter": "tag:"})
    assert content_key.secret not in response.text


async def test_head_answers_like_get_without_a_body(api: AsyncClient) -> None:
    response = await api.head(POSTS)
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-version"] == "v6.64"
