"""The comments API in the OpenAPI document: every route is there with its request and response
schemas, real answers keep those schemas, and the documented limits are the feature's own.
(The random requests against a running server are in tests/compat/test_schemathesis.py.)"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.routing import APIRoute
from httpx import AsyncClient, Response

from inkwell.comments import api as comments_api
from inkwell.comments import api_input, listing, validation
from inkwell.comments.settings import CommentSettings
from inkwell.content.service import Post
from inkwell.core.db import Database
from inkwell.ghost_api import openapi_comment_schemas as documented
from inkwell.ghost_api.openapi import openapi_document
from tests.comments.api_fixtures import API, age, posted, send, signed_in

DOCUMENT = openapi_document("http://blog.test")
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
COMMENT_PATHS = {path: ops for path, ops in DOCUMENT["paths"].items() if path.startswith(API)}


def keeps_the_schema(path: str, method: str, answer: Response) -> None:
    """``answer`` has a documented status, content type and body shape."""
    assert str(answer.status_code) in COMMENT_PATHS[path][method.lower()]["responses"]
    SCHEMA[path][method.upper()].validate_response(answer)


def test_every_comments_route_is_documented() -> None:
    routes = {
        (route.path, method.lower())
        for route in comments_api.router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
        if method != "OPTIONS"
    }
    listed = {(path, method) for path, ops in COMMENT_PATHS.items() for method in ops}
    assert routes == listed and len(listed) == 7


@pytest.mark.parametrize(
    ("path", "method"),
    [(path, method) for path, ops in COMMENT_PATHS.items() for method in ops],
)
def test_each_operation_has_its_request_and_answer_schemas(path: str, method: str) -> None:
    operation = COMMENT_PATHS[path][method]
    assert operation["summary"] and operation["tags"] == ["Comments"]
    statuses = set(operation["responses"])
    assert {"200", "201", "204"} & statuses and "400" in statuses
    for status, answer in operation["responses"].items():
        if status != "204":
            assert answer["content"]["application/json"]["schema"]
    if method in ("post", "patch") and not path.endswith("/like"):
        assert operation["requestBody"]["required"] is True
        assert operation["requestBody"]["content"]["application/json"]["schema"]


def test_the_documented_limits_are_the_features_own() -> None:
    assert documented.MAX_NAME == validation.MAX_NAME
    assert documented.MAX_EMAIL == validation.MAX_EMAIL
    assert documented.MAX_WEBSITE == validation.MAX_WEBSITE
    assert documented.MAX_LIMIT == listing.MAX_LIMIT
    assert documented.MAX_COUNT_IDS == api_input.MAX_COUNT_IDS
    assert (
        f"{CommentSettings().max_length:,}"
        in documented.NEW_COMMENT["properties"]["body"]["description"]
    )
    sent = set(documented.NEW_COMMENT["properties"])
    assert sent == set(api_input.POST_FIELDS)
    assert set(documented.EDIT["properties"]) == set(api_input.EDIT_FIELDS)


def test_the_comment_schema_names_exactly_the_fields_answered() -> None:
    from tests.comments.test_api_read import AUTHOR_KEYS, COMMENT_KEYS

    assert set(documented.COMMENT["properties"]) == COMMENT_KEYS
    assert set(documented.AUTHOR["properties"]) == AUTHOR_KEYS
    assert documented.COMMENT["additionalProperties"] is False


@pytest.mark.usefixtures("open_rules")
async def test_real_answers_keep_the_documented_schemas(
    api: AsyncClient, database: Database, post: Post
) -> None:
    top = await send(api, post, "Top of the *thread*.", website="https://ada.example")
    keeps_the_schema(API, "post", top)
    made = top.json()
    reply = await posted(api, post, "A reply.", parent_id=made["id"])
    held = await send(api, post, "Held: sent by a script.", token=False)
    assert held.json()["status"] == "pending"
    keeps_the_schema(API, "post", held)
    one = f"{API}/{{comment_id}}"
    token = {"X-Edit-Token": reply["edit_token"]}
    edited = await api.patch(f"{API}/{reply['id']}", json={"body": "Edited."}, headers=token)
    keeps_the_schema(one, "patch", edited)
    liked = await api.post(f"{API}/{made['id']}/like", json={"liker": "me"})
    keeps_the_schema(f"{one}/like", "post", liked)
    keeps_the_schema(f"{one}/like", "delete", await api.delete(f"{API}/{made['id']}/like"))
    removed = await api.delete(f"{API}/{made['id']}", headers={"X-Edit-Token": made["edit_token"]})
    keeps_the_schema(one, "delete", removed)
    # The thread now holds a placeholder with a reply under it.
    keeps_the_schema(API, "get", await api.get(API, params={"post_id": post.id}))
    counts = await api.get(f"{API}/counts", params={"post_id": post.id})
    keeps_the_schema(f"{API}/counts", "get", counts)


@pytest.mark.usefixtures("open_rules")
async def test_refusals_keep_the_documented_schemas(
    api: AsyncClient, database: Database, post: Post
) -> None:
    made = await posted(api, post, "Mine.")
    await age(database, made["id"], 60)
    one = f"{API}/{{comment_id}}"
    answers: list[tuple[str, str, Response]] = [
        (API, "get", await api.get(API)),
        (API, "get", await api.get(API, params={"post_id": "nope"})),
        (API, "post", await send(api, post, "")),
        (API, "post", await api.post(API, content=b"{", headers={"content-type": "text/x"})),
        (API, "post", await api.post(API, content=b"{", headers=_json())),
        (one, "patch", await api.patch(f"{API}/{made['id']}", json={"body": "Too late."})),
        (one, "delete", await api.delete(f"{API}/nope")),
        (f"{one}/like", "post", await api.post(f"{API}/nope/like")),
        (f"{API}/counts", "get", await api.get(f"{API}/counts")),
    ]
    for path, method, answer in answers:
        assert answer.status_code >= 400
        keeps_the_schema(path, method, answer)


def _json() -> dict[str, Any]:
    return {"content-type": "application/json"}


@pytest.mark.usefixtures("open_rules")
async def test_a_reader_session_is_a_documented_way_in(
    api: AsyncClient, database: Database, post: Post
) -> None:
    reader = await signed_in(database)
    answer = await send(api, post, "Signed in.", headers={"Authorization": reader})
    keeps_the_schema(API, "post", answer)
    schemes = DOCUMENT["components"]["securitySchemes"]
    assert schemes["readerToken"]["name"] == "Authorization"
    assert {"readerToken": []} in COMMENT_PATHS[API]["post"]["security"]
