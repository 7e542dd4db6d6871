"""Authentication of the Ghost APIs, over HTTP, checked as Ghost checks it.

The routes here are the smallest ones using the dependencies (the real APIs are tested in their
own folders); the application around them is the real one, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient, Response

from inkwell.accounts import service as accounts
from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.ghost_api import integrations
from inkwell.ghost_api.auth import AdminCallerDep, ApiCaller, ContentKeyDep
from inkwell.ghost_api.integrations import IntegrationKeys
from inkwell.settings import Settings
from tests import app_on_test_database

settings = app_on_test_database.settings
site_database = app_on_test_database.site_database

SITE = "http://blog.test"
REFERENCE = Path(__file__).parent / "ghost_reference"
CLIENT_TOKEN = Path(__file__).parents[2] / "node_modules/@tryghost/admin-api/lib/token.js"
PASSWORD = "correct horse battery staple"


def _describe(caller: ApiCaller) -> dict[str, Any]:
    return {
        "integration_id": caller.integration_id,
        "api_key_id": caller.api_key_id,
        "staff": caller.staff.user_id if caller.staff else None,
        "role": caller.staff.role if caller.staff else None,
    }


def _routes() -> APIRouter:
    router = APIRouter()

    @router.get("/ghost/api/content/whoami/")
    async def content_whoami(caller: ContentKeyDep) -> dict[str, Any]:
        return _describe(caller)

    @router.get("/ghost/api/admin/whoami/")
    @router.post("/ghost/api/admin/whoami/")
    @router.get("/ghost/api/v4/admin/whoami/")
    async def admin_whoami(caller: AdminCallerDep) -> dict[str, Any]:
        return _describe(caller)

    return router


@pytest.fixture
async def app(settings: Settings, site_database: Database) -> AsyncIterator[FastAPI]:
    """The real application with the two probe routes in front of the site's fallback."""
    made = create_app(settings)
    made.router.routes[0:0] = _routes().routes
    async with made.router.lifespan_context(made):
        yield made


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """A client without cookies."""
    async with AsyncClient(transport=ASGITransport(app=app), base_url=SITE) as client:
        yield client


@pytest.fixture
async def keys(site_database: Database) -> IntegrationKeys:
    """An integration's keys."""
    async with site_database.session(write=True) as session:
        return await integrations.create_integration(session, "Probe")


def token(
    keys: IntegrationKeys,
    *,
    audience: Any = "/admin/",
    now: float | None = None,
    lifetime: int = 300,
    secret: bytes | None = None,
    algorithm: str = "HS256",
    headers: dict[str, Any] | None = None,
    claims: dict[str, Any] | None = None,
) -> str:
    """A token as the official client makes one (PyJWT here), with one thing changed."""
    key_id, hex_secret = keys.admin_api_key.split(":")
    issued = int(now if now is not None else time.time())
    payload: dict[str, Any] = {"iat": issued, "exp": issued + lifetime, "aud": audience}
    if audience is None:
        del payload["aud"]
    payload.update(claims or {})
    payload = {k: v for k, v in payload.items() if v is not None}
    return jwt.encode(
        payload,
        secret or bytes.fromhex(hex_secret),
        algorithm=algorithm,
        headers={"kid": key_id, **(headers or {})},
    )


def error_of(response: Response) -> dict[str, Any]:
    """The one error of a Ghost error answer."""
    errors = response.json()["errors"]
    assert len(errors) == 1
    entry: dict[str, Any] = errors[0]
    return entry


async def admin(http: AsyncClient, value: str, path: str = "/ghost/api/admin/whoami/") -> Response:
    """GET an Admin API probe with ``Authorization: value``."""
    return await http.get(path, headers={"Authorization": value})


# The Content API key


async def test_no_content_key_is_refused_as_ghost_refuses_it(http: AsyncClient) -> None:
    answer = await http.get("/ghost/api/content/whoami/")
    reference = json.loads((REFERENCE / "api_error_no_key.json").read_text())["errors"][0]
    assert answer.status_code == 403
    got = error_of(answer)
    assert list(got) == list(reference)
    assert {k: got[k] for k in ("message", "context", "type", "code")} == {
        k: reference[k] for k in ("message", "context", "type", "code")
    }


async def test_an_empty_content_key_is_no_key(http: AsyncClient) -> None:
    answer = await http.get("/ghost/api/content/whoami/?key=")
    assert answer.status_code == 403


async def test_an_unknown_content_key_is_refused_as_ghost_refuses_it(http: AsyncClient) -> None:
    answer = await http.get("/ghost/api/content/whoami/?key=0123456789abcdef0123456789")
    reference = json.loads((REFERENCE / "api_error_bad_key.json").read_text())["errors"][0]
    assert answer.status_code == 401
    got = error_of(answer)
    assert {k: got[k] for k in ("message", "type", "code")} == {
        k: reference[k] for k in ("message", "type", "code")
    }
    assert "0123456789abcdef0123456789" not in answer.text


async def test_two_content_keys_are_a_bad_request(http: AsyncClient, keys: IntegrationKeys) -> None:
    key = keys.content_api_key
    answer = await http.get(f"/ghost/api/content/whoami/?key={key}&key={key}")
    assert answer.status_code == 400
    assert error_of(answer)["code"] == "INVALID_REQUEST"


async def test_an_admin_secret_is_not_a_content_key(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    secret = keys.admin_api_key.split(":")[1]
    answer = await http.get(f"/ghost/api/content/whoami/?key={secret}")
    assert answer.status_code == 401
    assert error_of(answer)["code"] == "INVALID_API_KEY_TYPE"
    assert secret not in answer.text


async def test_a_content_key_names_its_integration_and_key(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    answer = await http.get(f"/ghost/api/content/whoami/?key={keys.content_api_key}")
    assert answer.status_code == 200
    assert answer.json()["integration_id"] == keys.integration.id
    assert answer.json()["api_key_id"] == keys.content_key_id


async def test_a_regenerated_content_key_stops_working(
    http: AsyncClient, keys: IntegrationKeys, site_database: Database
) -> None:
    async with site_database.session(write=True) as session:
        fresh = await integrations.regenerate_key(session, keys.integration.id, "content")
    old = await http.get(f"/ghost/api/content/whoami/?key={keys.content_api_key}")
    new = await http.get(f"/ghost/api/content/whoami/?key={fresh.content_api_key}")
    assert (old.status_code, new.status_code) == (401, 200)


async def test_an_error_of_the_apis_is_never_cached(http: AsyncClient) -> None:
    answer = await http.get("/ghost/api/content/whoami/")
    assert "no-store" in answer.headers["cache-control"]
    assert answer.headers["access-control-allow-origin"] == "*"


# The Admin API token


async def test_a_token_like_the_official_clients_is_accepted(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    answer = await admin(http, f"Ghost {token(keys)}")
    assert answer.status_code == 200, answer.text
    assert answer.json()["integration_id"] == keys.integration.id
    assert answer.json()["api_key_id"] == keys.admin_key_id


async def test_a_token_made_by_the_official_client_is_accepted(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    script = f"console.log(require({json.dumps(str(CLIENT_TOKEN))})(process.argv[1], '/admin/'))"
    made = await asyncio.to_thread(
        subprocess.run,
        ["node", "-e", script, keys.admin_api_key],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    answer = await admin(http, f"Ghost {made.stdout.strip()}")
    assert answer.status_code == 200, answer.text


async def test_the_scheme_is_case_insensitive(http: AsyncClient, keys: IntegrationKeys) -> None:
    answer = await admin(http, f"ghost {token(keys)}")
    assert answer.status_code == 200


@pytest.mark.parametrize("audience", ["/admin/", "/admin", "admin/", "/v5/admin/", "/v6/admin/"])
async def test_the_audiences_ghost_accepts_are_accepted(
    http: AsyncClient, keys: IntegrationKeys, audience: str
) -> None:
    answer = await admin(http, f"Ghost {token(keys, audience=audience)}")
    assert answer.status_code == 200, answer.text


async def test_one_right_audience_in_a_list_is_enough(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    answer = await admin(http, f"Ghost {token(keys, audience=['/content/', '/admin/'])}")
    assert answer.status_code == 200


async def test_a_versioned_url_wants_a_versioned_audience(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    path = "/ghost/api/v4/admin/whoami/"
    refused = await admin(http, f"Ghost {token(keys, audience='/admin/')}", path)
    accepted = await admin(http, f"Ghost {token(keys, audience='/v4/admin/')}", path)
    assert (refused.status_code, accepted.status_code) == (401, 200)
    assert error_of(refused)["message"] == (
        r"Invalid token: jwt audience invalid. expected: /\/?v4\/admin\/?$/"
    )


@pytest.mark.parametrize("audience", ["/content/", "/admin/posts/", None])
async def test_another_audience_is_refused(
    http: AsyncClient, keys: IntegrationKeys, audience: str | None
) -> None:
    answer = await admin(http, f"Ghost {token(keys, audience=audience)}")
    assert answer.status_code == 401
    assert error_of(answer)["code"] == "INVALID_JWT"
    assert error_of(answer)["message"] == (
        r"Invalid token: jwt audience invalid. expected: /\/?admin\/?$/"
    )


async def test_a_token_signed_with_another_secret_is_refused(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    answer = await admin(http, f"Ghost {token(keys, secret=bytes(32))}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: invalid signature"


async def test_a_token_signed_with_the_hex_text_instead_of_its_bytes_is_refused(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    hex_text = keys.admin_api_key.split(":")[1].encode()
    answer = await admin(http, f"Ghost {token(keys, secret=hex_text)}")
    assert error_of(answer)["message"] == "Invalid token: invalid signature"


async def test_a_token_after_its_exp_is_refused(http: AsyncClient, keys: IntegrationKeys) -> None:
    answer = await admin(http, f"Ghost {token(keys, now=time.time() - 400)}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: jwt expired"


async def test_a_token_older_than_five_minutes_is_refused_whatever_its_exp(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    issued = int(time.time()) - 301
    answer = await admin(http, f"Ghost {token(keys, now=issued, claims={'exp': issued + 3600})}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: maxAge exceeded"


async def test_a_token_meant_to_live_longer_than_five_minutes_is_refused(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    answer = await admin(http, f"Ghost {token(keys, lifetime=301)}")
    assert answer.status_code == 401
    assert error_of(answer)["code"] == "INVALID_JWT"


async def test_a_token_without_iat_is_refused(http: AsyncClient, keys: IntegrationKeys) -> None:
    answer = await admin(http, f"Ghost {token(keys, claims={'iat': None})}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: iat required when maxAge is specified"


async def test_a_token_from_a_clock_a_little_ahead_is_accepted(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    answer = await admin(http, f"Ghost {token(keys, now=time.time() + 30)}")
    assert answer.status_code == 200


async def test_a_token_not_active_yet_is_refused(http: AsyncClient, keys: IntegrationKeys) -> None:
    answer = await admin(http, f"Ghost {token(keys, claims={'nbf': int(time.time()) + 120})}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: jwt not active"


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
async def test_another_algorithm_is_refused(
    http: AsyncClient, keys: IntegrationKeys, algorithm: str
) -> None:
    secret = bytes.fromhex(keys.admin_api_key.split(":")[1]) * 2  # long enough for HS512
    answer = await admin(http, f"Ghost {token(keys, algorithm=algorithm, secret=secret)}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: invalid algorithm"


async def test_an_unsigned_token_is_refused(http: AsyncClient, keys: IntegrationKeys) -> None:
    key_id = keys.admin_key_id
    unsigned = jwt.encode(
        {"iat": int(time.time()), "aud": "/admin/"}, None, algorithm="none", headers={"kid": key_id}
    )
    answer = await admin(http, f"Ghost {unsigned}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: invalid algorithm"


async def test_a_token_without_kid_is_a_bad_request(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    plain = jwt.encode({"iat": int(time.time())}, bytes(32), algorithm="HS256")
    answer = await admin(http, f"Ghost {plain}")
    assert answer.status_code == 400
    assert error_of(answer)["code"] == "MISSING_ADMIN_API_KID"


async def test_an_unknown_kid_is_refused(http: AsyncClient, keys: IntegrationKeys) -> None:
    answer = await admin(http, f"Ghost {token(keys, headers={'kid': 'f' * 24})}")
    assert answer.status_code == 401
    assert error_of(answer)["code"] == "UNKNOWN_ADMIN_API_KEY"


async def test_a_content_key_id_is_not_an_admin_key(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    answer = await admin(http, f"Ghost {token(keys, headers={'kid': keys.content_key_id})}")
    assert answer.status_code == 401
    assert error_of(answer)["code"] == "INVALID_API_KEY_TYPE"


async def test_a_regenerated_admin_key_refuses_tokens_of_the_old_secret(
    http: AsyncClient, keys: IntegrationKeys, site_database: Database
) -> None:
    old = token(keys)
    async with site_database.session(write=True) as session:
        fresh = await integrations.regenerate_key(session, keys.integration.id, "admin")
    assert (await admin(http, f"Ghost {old}")).status_code == 401
    assert (await admin(http, f"Ghost {token(fresh)}")).status_code == 200


async def test_a_stored_secret_that_is_not_hex_signs_nothing(
    http: AsyncClient, keys: IntegrationKeys, site_database: Database
) -> None:
    from inkwell.ghost_api.models import ApiKey

    async with site_database.session(write=True) as session:
        stored = await session.get(ApiKey, keys.admin_key_id)
        assert stored is not None
        stored.secret = "not hex at all"
    answer = await admin(http, f"Ghost {token(keys)}")
    assert answer.status_code == 401
    assert error_of(answer)["message"] == "Invalid token: invalid signature"


async def test_a_deleted_integrations_tokens_are_refused(
    http: AsyncClient, keys: IntegrationKeys, site_database: Database
) -> None:
    async with site_database.session(write=True) as session:
        await integrations.delete_integration(session, keys.integration.id)
    answer = await admin(http, f"Ghost {token(keys)}")
    assert error_of(answer)["code"] == "UNKNOWN_ADMIN_API_KEY"


@pytest.mark.parametrize("header", ["Bearer abc", "Ghost", "Ghost ", "Basic Z2hvc3Q6"])
async def test_another_authorization_scheme_is_refused(http: AsyncClient, header: str) -> None:
    answer = await admin(http, header)
    assert answer.status_code == 401
    assert error_of(answer)["code"] == "INVALID_AUTH_HEADER"


@pytest.mark.parametrize("garbage", ["abc", "a.b.c", "e30.e30", "!!!.???.$$$"])
async def test_a_token_that_is_no_jwt_is_a_bad_request(http: AsyncClient, garbage: str) -> None:
    answer = await admin(http, f"Ghost {garbage}")
    assert answer.status_code == 400
    assert error_of(answer) | {"id": None} == error_of(answer) | {
        "id": None,
        "message": "Invalid token",
        "code": "INVALID_JWT",
    }


async def test_a_refused_token_is_not_repeated_in_the_answer(
    http: AsyncClient, keys: IntegrationKeys
) -> None:
    sent = token(keys, secret=bytes(32))
    answer = await admin(http, f"Ghost {sent}")
    assert sent not in answer.text
    assert keys.admin_api_key.split(":")[1] not in answer.text


async def test_no_credentials_at_all_are_refused_as_ghost_refuses_them(http: AsyncClient) -> None:
    answer = await http.get("/ghost/api/admin/whoami/")
    assert answer.status_code == 403
    got = error_of(answer)
    assert (got["type"], got["message"]) == ("NoPermissionError", "Authorization failed")
    assert "session authentication" in got["context"]


# The admin's session


async def _signed_in(app: FastAPI, site_database: Database, role: str) -> AsyncClient:
    async with site_database.session(write=True) as session:
        await accounts.create_user(
            session, name=f"A {role}", email=f"{role}@example.com", password=PASSWORD, role=role
        )
    browser = AsyncClient(transport=ASGITransport(app=app), base_url=SITE)
    form = await browser.get("/admin/signin")
    csrf = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    answer = await browser.post(
        "/admin/signin",
        data={"email": f"{role}@example.com", "password": PASSWORD, "csrf_token": csrf},
    )
    assert answer.status_code == 303, answer.text
    return browser


@pytest.fixture
async def editor(app: FastAPI, site_database: Database) -> AsyncIterator[AsyncClient]:
    """A browser signed in to the admin as an editor."""
    browser = await _signed_in(app, site_database, "editor")
    try:
        yield browser
    finally:
        await browser.aclose()


async def test_the_admins_session_from_the_sites_origin_is_a_caller(editor: AsyncClient) -> None:
    answer = await editor.get("/ghost/api/admin/whoami/", headers={"Origin": SITE})
    assert answer.status_code == 200, answer.text
    assert answer.json()["role"] == "editor"
    assert answer.json()["integration_id"] is None


async def test_the_session_cookie_reaches_the_admin_api_but_not_the_public_site(
    editor: AsyncClient,
) -> None:
    jar = [(c.name, c.path) for c in editor.cookies.jar]
    assert ("inkwell_session", "/ghost/api/admin") in jar
    assert all(path != "/" for name, path in jar if name == "inkwell_session")


async def test_signing_out_ends_the_admin_api_session_too(editor: AsyncClient) -> None:
    page = await editor.get("/admin/account/")
    csrf = page.text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    await editor.post("/admin/signout", data={"csrf_token": csrf})
    answer = await editor.get("/ghost/api/admin/whoami/", headers={"Origin": SITE})
    assert answer.status_code == 403


async def test_a_session_without_origin_or_referer_is_taken_as_the_sites(
    editor: AsyncClient,
) -> None:
    answer = await editor.get("/ghost/api/admin/whoami/")
    assert answer.status_code == 200


async def test_a_session_from_the_sites_pages_by_referer_is_a_caller(editor: AsyncClient) -> None:
    answer = await editor.get(
        "/ghost/api/admin/whoami/", headers={"Referer": f"{SITE}/admin/posts/"}
    )
    assert answer.status_code == 200


@pytest.mark.parametrize("header", ["Origin", "Referer"])
async def test_a_session_used_from_another_origin_is_refused(
    editor: AsyncClient, header: str
) -> None:
    answer = await editor.post(
        "/ghost/api/admin/whoami/", headers={header: "https://evil.test/page"}
    )
    assert answer.status_code == 400
    assert error_of(answer)["message"].startswith(
        f"Request made from incorrect origin. Expected '{SITE}' received 'https://evil.test"
    )


async def test_an_unknown_session_is_no_caller(http: AsyncClient) -> None:
    answer = await http.get(
        "/ghost/api/admin/whoami/", headers={"Cookie": "inkwell_session=nope", "Origin": SITE}
    )
    assert answer.status_code == 403


async def test_a_token_wins_over_a_session(editor: AsyncClient, keys: IntegrationKeys) -> None:
    answer = await editor.get(
        "/ghost/api/admin/whoami/",
        headers={"Authorization": f"Ghost {token(keys)}", "Origin": SITE},
    )
    assert answer.json()["integration_id"] == keys.integration.id


# What a caller may do


def test_an_integration_may_write_content_but_not_manage_the_site() -> None:
    caller = ApiCaller(integration_id="i" * 24, staff=None, api_key_id="k" * 24)
    assert caller.may("posts.publish") and caller.may("tags.manage")
    assert not caller.may("settings.manage") and not caller.may("staff.manage")


def test_a_staff_caller_may_do_what_their_role_may() -> None:
    contributor = accounts.Staff("u", "C", "c@example.com", "c", "contributor", "s")
    caller = ApiCaller(integration_id=None, staff=contributor)
    assert caller.may("posts.create")
    assert not caller.may("posts.publish")


def test_a_forbidden_action_is_ghosts_no_permission_error() -> None:
    from inkwell.ghost_api.errors import NoPermissionError

    caller = ApiCaller(integration_id="i" * 24, staff=None)
    with pytest.raises(NoPermissionError, match="You do not have permission"):
        caller.require("owner.transfer")


def test_a_content_caller_tags_its_cached_answers_by_key() -> None:
    caller = ApiCaller(integration_id="i" * 24, staff=None, api_key_id="abc")
    assert caller.cache_tag == "api-key:abc"
