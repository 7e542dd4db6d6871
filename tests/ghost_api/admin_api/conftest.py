"""Admin API tests talk HTTP to a real app on the test's database (SQLite and PostgreSQL) as
Ghost's official client does: every request carries ``Authorization: Ghost <jwt>``, a token
signed as ``@tryghost/admin-api``'s ``token.js`` signs it (HS256 over the hex-decoded secret,
``kid`` the key id, ``aud`` ``/admin/``, five minutes to live)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Generator

import httpx
import jwt
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from inkwell.accounts import service as accounts
from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.ghost_api import integrations
from inkwell.settings import Settings
from tests import app_on_test_database

settings = app_on_test_database.settings
site_database = app_on_test_database.site_database

BASE_URL = "http://blog.test"
API = "/ghost/api/admin"
OWNER_EMAIL = "owner@example.com"


def client_token(admin_api_key: str, audience: str = "/admin/") -> str:
    """A token exactly as the official client makes one for ``admin_api_key`` (``id:secret``)."""
    key_id, secret = admin_api_key.split(":")
    now = int(time.time())
    return jwt.encode(
        {"iat": now, "exp": now + 5 * 60, "aud": audience},
        bytes.fromhex(secret),
        algorithm="HS256",
        headers={"kid": key_id},
    )


class GhostToken(httpx.Auth):
    """Signs each request with a fresh token, as the client does per call."""

    def __init__(self, admin_api_key: str) -> None:
        self.admin_api_key = admin_api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Ghost {client_token(self.admin_api_key)}"
        yield request


@pytest.fixture
async def app(settings: Settings, site_database: Database) -> AsyncIterator[FastAPI]:
    """The application, lifespan run, with an owner (the author of posts naming none)."""
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        async with site_database.session(write=True) as session:
            if await accounts.owner_id(session) is None:
                await accounts.create_user(
                    session,
                    name="Site Owner",
                    email=OWNER_EMAIL,
                    password="correct horse battery staple",
                    role="owner",
                )
        yield application


@pytest.fixture
async def admin_key(app: FastAPI, site_database: Database) -> str:
    """The Admin API key (``id:secret``) of a new integration."""
    async with site_database.session(write=True) as session:
        keys = await integrations.create_integration(session, "Publishing script")
    return keys.admin_api_key


@pytest.fixture
async def api(app: FastAPI, admin_key: str) -> AsyncIterator[AsyncClient]:
    """A client of the Admin API signing every request like the official client."""
    transport = ASGITransport(app=app)
    async with AsyncClient(
        transport=transport, base_url=BASE_URL + API, auth=GhostToken(admin_key)
    ) as http:
        yield http


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """A client sending no credentials."""
    async with AsyncClient(transport=ASGITransport(app=app), base_url=BASE_URL + API) as http:
        yield http
