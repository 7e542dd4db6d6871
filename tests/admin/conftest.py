"""Admin tests talk HTTP to a real app, signed in through ``/admin/signin`` as a staff member of
a given role: ``sign_in("contributor")`` gives a browser-like client with its own cookies."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import select

from inkwell.accounts import service as accounts
from inkwell.app import create_app
from inkwell.comments.models import Comment
from inkwell.content.service import AuthorRef
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests import app_on_test_database
from tests.comments.moderation_fixtures import make_comment, make_thread
from tests.factories import make_post

# The app of these tests runs on the test's own database (SQLite and PostgreSQL).
settings = app_on_test_database.settings
site_database = app_on_test_database.site_database

PASSWORD = "correct horse battery staple"
BASE_URL = "http://blog.test"
_numbers = itertools.count(1)
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def csrf_of(html: str) -> str:
    """The CSRF token a page carries (its meta tag, else its first form's hidden field)."""
    found = _META.search(html) or _TOKEN.search(html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


@dataclass
class Staffer:
    """A signed-in staff member's browser: its client (cookies kept) and CSRF token."""

    http: AsyncClient
    csrf: str
    user_id: str
    email: str
    name: str
    role: str

    async def get(self, path: str, **kwargs: Any) -> Response:
        """GET ``path``."""
        return await self.http.get(path, **kwargs)

    async def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Response:
        """POST a form to ``path`` with the CSRF token, as the admin's forms do."""
        return await self.http.post(path, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)

    async def api(self, path: str, **kwargs: Any) -> Response:
        """POST to the admin's JSON API with the token in the header, as its scripts do."""
        headers = {"X-CSRF-Token": self.csrf, "Accept": "application/json"}
        return await self.http.post(path, headers=headers, **kwargs)


SignIn = Callable[..., Awaitable[Staffer]]


@pytest.fixture
async def admin_app(settings: Settings, site_database: Database) -> AsyncIterator[FastAPI]:
    """The application (lifespan run) that every signed-in client of a test talks to."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def anonymous(admin_app: FastAPI) -> AsyncIterator[AsyncClient]:
    """A client that has not signed in."""
    async with AsyncClient(transport=ASGITransport(app=admin_app), base_url=BASE_URL) as http:
        yield http


@pytest.fixture
async def sign_in(admin_app: FastAPI, site_database: Database) -> AsyncIterator[SignIn]:
    """``await sign_in(role)``: a new staff member of ``role``, signed in with the form."""
    opened: list[AsyncClient] = []

    async def sign(
        role: str = "owner", *, name: str | None = None, again: Staffer | None = None
    ) -> Staffer:
        """A new member of ``role`` signed in; with ``again``, that member in a second browser."""
        if again is not None:
            role, name, email, user_id = again.role, again.name, again.email, again.user_id
        else:
            number = next(_numbers)
            name = name or f"{role.capitalize()} Number{number}"
            email = f"{role}{number}@example.com"
            async with site_database.session(write=True) as session:
                user = await accounts.create_user(
                    session, name=name, email=email, password=PASSWORD, role=role
                )
            user_id = user.id
        http = AsyncClient(transport=ASGITransport(app=admin_app), base_url=BASE_URL)
        opened.append(http)
        form = await http.get("/admin/signin")
        answer = await http.post(
            "/admin/signin",
            data={
                "email": email,
                "password": PASSWORD,
                "next": "/admin/",
                "csrf_token": csrf_of(form.text),
            },
        )
        assert answer.status_code == 303, answer.text
        dashboard = await http.get("/admin/")
        assert dashboard.status_code == 200
        return Staffer(http, csrf_of(dashboard.text), user_id, email, name, role)

    yield sign
    for http in opened:
        await http.aclose()


@pytest.fixture
async def owner(sign_in: SignIn) -> Staffer:
    """The signed-in owner."""
    return await sign_in("owner")


# --- comments: the moderation pages' data ---------------------------------------------------

COMMENTS = "/admin/comments/"
UNKNOWN_ID = "0" * 24
"""A well-formed id that names no comment."""


@dataclass(frozen=True)
class Queue:
    """Comments under a post by "Someone Else": one pending, one approved, one spam."""

    pending: str
    approved: str
    spam: str


async def statuses(database: Database) -> dict[str, str]:
    """Each stored comment's status, by id."""
    async with database.session() as session:
        rows = (await session.execute(select(Comment.id, Comment.status))).all()
    return {row[0]: row[1] for row in rows}


async def comments_under(database: Database, author: Staffer | None, *wanted: str) -> list[str]:
    """Comments of statuses ``wanted`` under a new post by ``author`` (else someone else)."""
    writer = AuthorRef(name=author.name, email=author.email) if author else None
    async with database.session() as session:
        post = await make_post(
            session,
            title=f"A post by {author.name if author else 'Someone Else'}",
            authors=[writer or AuthorRef(name="Someone Else", email="else@example.com")],
        )
        thread = await make_thread(session, post)
        made = [await make_comment(session, thread, status=status) for status in wanted]
        await session.commit()
    return [comment.id for comment in made]


@pytest.fixture
async def queue(site_database: Database) -> Queue:
    """A pending, an approved and a spam comment under someone else's post."""
    return Queue(*await comments_under(site_database, None, "pending", "approved", "spam"))
