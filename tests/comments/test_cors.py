"""Cross-origin use of the comments API: the sites the ``allowed_origins`` setting names get
the CORS headers and the preflight; any other origin gets neither (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from httpx import AsyncClient

from inkwell.comments import service
from inkwell.content.service import Post
from tests.comments.api_fixtures import API, send

pytestmark = pytest.mark.usefixtures("open_rules")
Configure = Callable[..., Awaitable[service.CommentSettings]]
FRIEND = "https://friend.example"
STRANGER = "https://stranger.example"


@pytest.fixture
async def friend(configure: Configure) -> None:
    """``FRIEND`` may embed the widget."""
    await configure(allowed_origins=[FRIEND])


def preflight_headers(method: str, origin: str = FRIEND) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type, x-edit-token",
    }


@pytest.mark.usefixtures("friend")
async def test_an_allowed_origin_may_read_a_thread(api: AsyncClient, post: Post) -> None:
    answer = await api.get(API, params={"post_id": post.id}, headers={"Origin": FRIEND})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == FRIEND
    assert "Origin" in answer.headers["vary"]
    # No cookies across sites: an embedded widget signs readers in with a header instead.
    assert "access-control-allow-credentials" not in answer.headers


@pytest.mark.usefixtures("friend")
async def test_an_allowed_origin_may_read_its_posts_answer_and_refusals(
    api: AsyncClient, post: Post
) -> None:
    made = await send(api, post, headers={"Origin": FRIEND})
    refused = await send(api, post, "", headers={"Origin": FRIEND})
    assert (made.status_code, refused.status_code) == (201, 422)
    for answer in (made, refused):
        assert answer.headers["access-control-allow-origin"] == FRIEND


@pytest.mark.usefixtures("friend")
async def test_another_origin_gets_no_cors_headers(api: AsyncClient, post: Post) -> None:
    answer = await api.get(API, params={"post_id": post.id}, headers={"Origin": STRANGER})
    assert answer.status_code == 200
    assert not [name for name in answer.headers if name.startswith("access-control-")]


async def test_no_origin_is_allowed_by_default(api: AsyncClient, post: Post) -> None:
    answer = await api.get(API, params={"post_id": post.id}, headers={"Origin": FRIEND})
    assert "access-control-allow-origin" not in answer.headers


@pytest.mark.usefixtures("friend")
@pytest.mark.parametrize(
    ("path", "method"),
    [("", "POST"), ("/abc", "PATCH"), ("/abc", "DELETE"), ("/abc/like", "POST")],
)
async def test_an_allowed_origin_gets_the_preflight(
    api: AsyncClient, path: str, method: str
) -> None:
    answer = await api.options(API + path, headers=preflight_headers(method))
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == FRIEND
    assert method in answer.headers["access-control-allow-methods"]
    allowed = answer.headers["access-control-allow-headers"].lower()
    assert {"content-type", "x-edit-token", "authorization"} <= {
        name.strip() for name in allowed.split(",")
    }
    assert int(answer.headers["access-control-max-age"]) > 0


@pytest.mark.usefixtures("friend")
async def test_another_origin_gets_no_preflight(api: AsyncClient) -> None:
    answer = await api.options(API, headers=preflight_headers("POST", STRANGER))
    assert not [name for name in answer.headers if name.startswith("access-control-")]


@pytest.mark.usefixtures("friend")
async def test_an_allowed_sites_page_has_its_own_thread(api: AsyncClient) -> None:
    page = f"{FRIEND}/2026/a-page-there/"
    origin = {"Origin": FRIEND}
    empty = await api.get(API, params={"url": page}, headers=origin)
    assert empty.status_code == 200 and empty.json()["meta"]["post_id"] is None
    data = {"url": page, "body": "From the friend's site.", "name": "Ada"}
    data["form_token"] = empty.json()["meta"]["form_token"]
    made = await api.post(API, json=data, headers=origin)
    assert made.status_code == 201 and made.json()["status"] == "approved", made.text
    # One thread per page: the query string and the fragment do not make another.
    read = await api.get(API, params={"url": page + "?utm=x#top"}, headers=origin)
    assert [c["id"] for c in read.json()["comments"]] == [made.json()["id"]]
