"""Accounts fixtures: staff members of each role, an app on either database, signing in."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import profiles
from fastapi import APIRouter
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import passwords, service
from inkwell.app import create_app
from inkwell.core.db import Database
from inkwell.settings import Settings

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    """Hash passwords with argon2-cffi's cheapest parameters: a verification costs a
    millisecond, not a quarter of a second (argon2-cffi's advice for test suites)."""
    passwords.configure(profiles.CHEAPEST)
    try:
        yield
    finally:
        passwords.configure(None)


@dataclass(frozen=True)
class Member:
    """A staff member made for a test, and how to act as them."""

    user_id: str
    email: str
    name: str
    role: str
    password: str = PASSWORD

    def as_staff(self, session_id: str = "s") -> service.Staff:
        """The member as a signed-in ``Staff`` (for service calls)."""
        return service.Staff(self.user_id, self.name, self.email, "slug", self.role, session_id)


MakeMember = Callable[..., Awaitable[Member]]


async def make_member(session: AsyncSession, role: str = "author", **fields: str) -> Member:
    """Create a staff member through the service (committed by the caller)."""
    n = next(_numbers)
    name = fields.get("name", f"{role.title()} {n}")
    email = fields.get("email", f"{role}{n}@example.com")
    user = await service.create_user(
        session, name=name, email=email, password=fields.get("password", PASSWORD), role=role
    )
    return Member(user.id, email, name, role, fields.get("password", PASSWORD))


@pytest.fixture
def member(database: Database) -> MakeMember:
    """``await member("editor")``: a committed staff member of that role."""

    async def make(role: str = "author", **fields: str) -> Member:
        async with database.session(write=True) as session:
            return await make_member(session, role, **fields)

    return make


def web_settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    """Settings for an app on ``database_url`` whose mail goes to an outbox in ``tmp_path``."""
    fields: dict[str, object] = {
        "database_url": database_url,
        "demo_content": False,
        "site_url": "http://blog.test",
        "media_dir": tmp_path / "media",
        "outbox_dir": tmp_path / "outbox",
    }
    fields.update(overrides)
    return Settings(**fields)  # type: ignore[arg-type]


@asynccontextmanager
async def running_app(
    settings: Settings, router: APIRouter | None = None, **client: object
) -> AsyncIterator[AsyncClient]:
    """An HTTP client on a real app for ``settings`` (lifespan run), plus ``router``'s routes."""
    app = create_app(settings)
    if router is not None:
        # Before the site's fallback route, as a feature's routes would be.
        app.router.routes[0:0] = router.routes
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app, **client)  # type: ignore[arg-type]
        async with AsyncClient(transport=transport, base_url=settings.site_url) as http:
            yield http


WebFactory = Callable[..., AbstractAsyncContextManager[AsyncClient]]


@pytest.fixture
def make_web(database: Database, tmp_path: Path) -> WebFactory:
    """``async with make_web(site_url=...) as http``: an app on the test's database."""

    def make(
        client: tuple[str, int] | None = None,
        router: APIRouter | None = None,
        raise_app_exceptions: bool = True,
        **overrides: object,
    ) -> Any:
        settings = web_settings(database.url, tmp_path, **overrides)
        extra: dict[str, object] = {"raise_app_exceptions": raise_app_exceptions}
        if client is not None:
            extra["client"] = client
        return running_app(settings, router, **extra)

    return make


@pytest.fixture
async def web(make_web: WebFactory) -> AsyncIterator[AsyncClient]:
    """An HTTP client on an app on the test's database (SQLite, then PostgreSQL)."""
    async with make_web() as http:
        yield http


def form_token(page: Response) -> str:
    """The hidden ``csrf_token`` of the form on ``page``."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


async def sign_in(http: AsyncClient, email: str, password: str = PASSWORD) -> Response:
    """Sign in through the form, as a browser would."""
    page = await http.get("/admin/signin")
    return await http.post(
        "/admin/signin",
        data={"email": email, "password": password, "csrf_token": form_token(page)},
    )
