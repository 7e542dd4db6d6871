"""Ghost's error shape: the body and headers every API refusal carries."""

from __future__ import annotations

import json

from inkwell.ghost_api.errors import NO_CACHE, NotFoundError, UpdateCollisionError, error_response


def test_an_error_has_exactly_ghosts_keys() -> None:
    entry = NotFoundError("Resource not found error, cannot read post.", context="Post not found.")
    body = json.loads(error_response(entry).body)
    expected_keys = [
        "message",
        "context",
        "type",
        "details",
        "property",
        "help",
        "code",
        "id",
        "ghostErrorCode",
    ]
    assert list(body["errors"][0]) == expected_keys
    assert body["errors"][0]["type"] == "NotFoundError"
    assert body["errors"][0]["context"] == "Post not found."


def test_an_error_answers_with_its_status_and_is_never_cached() -> None:
    response = error_response(UpdateCollisionError())
    assert response.status_code == 409
    assert response.headers["cache-control"] == NO_CACHE
    assert response.headers["access-control-allow-origin"] == "*"


def test_each_error_gets_its_own_id() -> None:
    first, second = (NotFoundError().as_json()["id"] for _ in range(2))
    assert first != second
