"""Bodies the fuzzer found: text no database can store, and dates before the year 1000.

Each runs on SQLite and PostgreSQL; PostgreSQL refuses NUL in text, so these once answered 500.
"""

from __future__ import annotations

import json

import pytest
from httpx import AsyncClient


def _lexical_with(text: str) -> str:
    paragraph = {"type": "paragraph", "children": [{"type": "text", "text": text}]}
    return json.dumps({"root": {"type": "root", "children": [paragraph]}})


@pytest.mark.parametrize("text", ["Nul\x00here", "lone \ud800 surrogate"])
async def test_a_tag_name_no_database_can_store_is_422_naming_the_field(
    api: AsyncClient, text: str
) -> None:
    body = json.dumps({"tags": [{"name": text}]})
    answer = await api.post("/tags/", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert (error["type"], error["property"]) == ("ValidationError", "tags.0.name")
    assert (await api.get("/tags/")).json()["tags"] == []


async def test_a_nul_in_a_post_field_is_422_and_nothing_is_saved(api: AsyncClient) -> None:
    body = json.dumps({"posts": [{"title": "Fine", "custom_excerpt": "a\x00b"}]})
    answer = await api.post("/posts/", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["property"] == "posts.0.custom_excerpt"
    assert (await api.get("/posts/")).json()["posts"] == []


async def test_a_nul_escaped_inside_lexical_is_dropped_from_the_rendered_body(
    api: AsyncClient,
) -> None:
    # The lexical string itself is storable; the NUL appears only once it is parsed and rendered.
    post = {"title": "Escaped", "lexical": _lexical_with("before\x00after")}
    answer = await api.post("/posts/?formats=html,plaintext", json={"posts": [post]})
    assert answer.status_code == 201, answer.text
    saved = answer.json()["posts"][0]
    assert "\x00" not in saved["html"]
    assert "beforeafter" in saved["plaintext"]


async def test_a_date_before_the_year_1000_comes_back_with_four_digits_to_the_second(
    api: AsyncClient,
) -> None:
    post = {"title": "Old", "status": "published", "published_at": "0924-11-14T10:33:29.128Z"}
    answer = await api.post("/posts/", json={"posts": [post]})
    assert answer.status_code == 201, answer.text
    assert answer.json()["posts"][0]["published_at"] == "0924-11-14T10:33:29.000Z"
