"""The Admin API's webhooks endpoints, over HTTP, answered as Ghost answers them."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from inkwell.accounts import service as accounts
from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.ghost_api import integrations, webhooks
from inkwell.ghost_api.integrations import IntegrationKeys
from inkwell.settings import Settings
from tests import app_on_test_database
from tests.factories import make_post
from tests.local_receiver import Receiver, receiver  # noqa: F401 - a fixture

site_database = app_on_test_database.site_database

SITE = "http://blog.test"
HOOKS = "/ghost/api/admin/webhooks/"
PASSWORD = "correct horse battery staple"
# The keys of a webhook in Ghost's answers (its e2e snapshots).
GHOST_KEYS = {
    "api_version",
    "created_at",
    "event",
    "id",
    "integration_id",
    "last_triggered_at",
    "last_triggered_error",
    "last_triggered_status",
    "name",
    "secret",
    "target_url",
    "updated_at",
}


@pytest.fixture
def settings(database: Database, tmp_path: Path) -> Settings:
    """The app on the test's database, allowed to deliver to the receiver on 127.0.0.1."""
    return Settings(
        database_url=database.url,
        demo_content=False,
        site_url=SITE,
        media_dir=tmp_path / "media",
        fetch_allowed_hosts=("127.0.0.1",),
    )


@pytest.fixture
async def app(settings: Settings, site_database: Database) -> AsyncIterator[FastAPI]:
    made = create_app(settings)
    async with made.router.lifespan_context(made):
        yield made


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(app=app), base_url=SITE) as client:
        yield client


async def make_keys(site_database: Database, name: str) -> IntegrationKeys:
    async with site_database.session(write=True) as session:
        return await integrations.create_integration(session, name)


@pytest.fixture
async def keys(site_database: Database) -> IntegrationKeys:
    return await make_keys(site_database, "Zapier")


def auth(keys: IntegrationKeys) -> dict[str, str]:
    """The header the official Admin API client sends."""
    key_id, secret = keys.admin_api_key.split(":")
    now = int(time.time())
    made = jwt.encode(
        {"iat": now, "exp": now + 300, "aud": "/admin/"},
        bytes.fromhex(secret),
        algorithm="HS256",
        headers={"kid": key_id},
    )
    return {"Authorization": f"Ghost {made}"}


def error_of(response: Response) -> dict[str, Any]:
    [entry] = response.json()["errors"]
    found: dict[str, Any] = entry
    return found


async def add(http: AsyncClient, keys: IntegrationKeys, **fields: Any) -> Response:
    hook = {"event": "post.published", "target_url": "https://example.com/hook", **fields}
    return await http.post(HOOKS, json={"webhooks": [hook]}, headers=auth(keys))


async def test_an_integration_adds_a_webhook_of_its_own(
    http: AsyncClient, keys: IntegrationKeys, site_database: Database
) -> None:
    other = await make_keys(site_database, "Other")
    answer = await add(
        http, keys, name="test", secret="thisissecret", integration_id=other.integration.id
    )
    assert answer.status_code == 201, answer.text
    [hook] = answer.json()["webhooks"]
    assert set(hook) == GHOST_KEYS
    assert hook["integration_id"] == keys.integration.id  # the token's, not the body's
    assert (hook["event"], hook["name"], hook["secret"], hook["api_version"]) == (
        "post.published",
        "test",
        "thisissecret",
        "v6",
    )
    assert hook["last_triggered_status"] is None
    assert hook["created_at"].endswith("Z")
    assert "no-store" in answer.headers["cache-control"]


async def test_the_same_event_and_target_twice_is_ghosts_validation_error(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    await add(http, keys)
    answer = await add(http, keys)
    assert answer.status_code == 422
    error = error_of(answer)
    assert (error["type"], error["message"], error["context"]) == (
        "ValidationError",
        "Validation error, cannot save webhook.",
        "Target URL has already been used for this event.",
    )


@pytest.mark.parametrize(
    ("fields", "culprit"),
    [
        ({"event": ""}, "event"),
        ({"event": "post.exploded"}, "event"),
        ({"target_url": "not a url"}, "target_url"),
        ({"target_url": 42}, "target_url"),
        ({"colour": "red"}, "colour"),
    ],
)
async def test_a_bad_webhook_is_refused_naming_the_field(
    http: AsyncClient, keys: IntegrationKeys, fields: dict[str, Any], culprit: str
) -> None:
    answer = await add(http, keys, **fields)
    assert answer.status_code == 422
    assert error_of(answer)["property"] == culprit


@pytest.mark.parametrize(
    "body", [b"not json", b"{}", b'{"webhooks": []}', b'{"webhooks": ["x"]}', b"[1]"]
)
async def test_a_body_without_webhooks_is_a_bad_request(
    http: AsyncClient, keys: IntegrationKeys, body: bytes
) -> None:
    answer = await http.post(
        HOOKS, content=body, headers={**auth(keys), "Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert error_of(answer)["type"] == "BadRequestError"


async def test_without_credentials_nothing_is_added(
    http: AsyncClient, site_database: Database
) -> None:
    answer = await http.post(
        HOOKS, json={"webhooks": [{"event": "post.added", "target_url": "https://a.b/"}]}
    )
    assert answer.status_code == 403
    assert error_of(answer)["type"] == "NoPermissionError"


async def test_an_integration_edits_its_webhook(http: AsyncClient, keys: IntegrationKeys) -> None:
    hook = (await add(http, keys)).json()["webhooks"][0]
    changed = {**hook, "event": "member.added", "name": "Edit Test"}
    answer = await http.put(
        f"{HOOKS}{hook['id']}/", json={"webhooks": [changed]}, headers=auth(keys)
    )
    assert answer.status_code == 200, answer.text
    [edited] = answer.json()["webhooks"]
    assert (edited["event"], edited["name"], edited["id"]) == (
        "member.added",
        "Edit Test",
        hook["id"],
    )


async def test_another_integrations_webhook_is_not_editable(
    http: AsyncClient, keys: IntegrationKeys, site_database: Database
) -> None:
    hook = (await add(http, keys)).json()["webhooks"][0]
    other = await make_keys(site_database, "Other")
    answer = await http.put(
        f"{HOOKS}{hook['id']}/", json={"webhooks": [{"name": "mine"}]}, headers=auth(other)
    )
    assert answer.status_code == 403
    error = error_of(answer)
    assert error["message"] == "You do not have permission to edit this webhook."
    deleted = await http.delete(f"{HOOKS}{hook['id']}/", headers=auth(other))
    assert error_of(deleted)["message"] == "You do not have permission to destroy this webhook."
    async with site_database.session() as session:
        stored = await webhooks.get_webhook(session, hook["id"])
        assert stored.name is None


async def test_an_unknown_webhook_is_ghosts_not_found(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    edit = await http.put(
        f"{HOOKS}{'a' * 24}/", json={"webhooks": [{"name": "x"}]}, headers=auth(keys)
    )
    delete = await http.delete(f"{HOOKS}{'a' * 24}/", headers=auth(keys))
    assert (edit.status_code, delete.status_code) == (404, 404)
    assert error_of(edit)["message"] == "Resource not found error, cannot edit webhook."
    assert error_of(delete)["message"] == "Resource not found error, cannot delete webhook."
    assert error_of(delete)["context"] == "Resource could not be found."


async def test_a_deleted_webhook_is_gone(
    http: AsyncClient, keys: IntegrationKeys, site_database: Database
) -> None:
    hook = (await add(http, keys)).json()["webhooks"][0]
    answer = await http.delete(f"{HOOKS}{hook['id']}/", headers=auth(keys))
    assert (answer.status_code, answer.content) == (204, b"")
    async with site_database.session() as session:
        assert await webhooks.list_webhooks(session, keys.integration.id) == []


async def _signed_in(app: FastAPI, site_database: Database, role: str) -> AsyncClient:
    async with site_database.session(write=True) as session:
        await accounts.create_user(
            session, name=f"A {role}", email=f"{role}@example.com", password=PASSWORD, role=role
        )
    browser = AsyncClient(transport=ASGITransport(app=app), base_url=SITE)
    form = await browser.get("/admin/signin")
    csrf = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    await browser.post(
        "/admin/signin",
        data={"email": f"{role}@example.com", "password": PASSWORD, "csrf_token": csrf},
    )
    # The session cookie is also scoped to /ghost/api/admin: the jar sends it there itself.
    return browser


@pytest.mark.parametrize(("role", "status"), [("administrator", 201), ("editor", 403)])
async def test_staff_who_manage_the_site_add_webhooks_for_an_integration(
    app: FastAPI, site_database: Database, keys: IntegrationKeys, role: str, status: int
) -> None:
    browser = await _signed_in(app, site_database, role)
    hook = {
        "event": "tag.added",
        "target_url": "https://a.b/",
        "integration_id": keys.integration.id,
    }
    try:
        answer = await browser.post(HOOKS, json={"webhooks": [hook]}, headers={"Origin": SITE})
    finally:
        await browser.aclose()
    assert answer.status_code == status, answer.text


async def test_a_webhook_added_through_the_api_is_delivered(
    app: FastAPI,
    http: AsyncClient,
    keys: IntegrationKeys,
    site_database: Database,
    receiver: Receiver,  # noqa: F811
) -> None:
    added = await add(http, keys, target_url=receiver.url(), secret="s")
    hook_id = added.json()["webhooks"][0]["id"]
    async with site_database.session(write=True) as session:
        post = await make_post(session, title="Through the API")
    await app.state.jobs.drain()
    [request] = receiver.received
    assert json.loads(request.body)["post"]["current"]["id"] == post.id
    async with site_database.session() as session:
        stored = await webhooks.get_webhook(session, hook_id)
        assert stored.last_triggered_status == 200
