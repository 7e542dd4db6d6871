"""Comment fixtures: a published post, comment settings, submissions, an app on either
database (the HTTP tests run on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts.readers import Identity, sign_up_or_in
from inkwell.app import create_app
from inkwell.comments import service
from inkwell.content.service import Post
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.app_on_test_database import settings, site_database  # noqa: F401
from tests.factories import make_post

# Rules off unless a test is about them: shown at once, no time-to-submit wait.
OPEN_RULES: dict[str, Any] = {"moderation": "none", "min_submit_seconds": 0}


@pytest.fixture
async def post(database: Database) -> Post:
    """A published post that takes comments (committed)."""
    async with database.session() as s:
        found = await make_post(s, title="A post to talk about")
        await s.commit()
    return found


@pytest.fixture
def configure(database: Database) -> Callable[..., Awaitable[service.CommentSettings]]:
    """Change comment settings (committed): ``await configure(moderation="all")``."""

    async def change(**wanted: Any) -> service.CommentSettings:
        async with database.session() as s:
            updated = await service.update_settings(s, wanted)
            await s.commit()
        return updated

    return change


@pytest.fixture
async def open_rules(configure: Callable[..., Awaitable[object]]) -> None:
    """Comments shown at once and no minimum time: the rule under test is the only one."""
    await configure(**OPEN_RULES)


@pytest.fixture
async def lenient(configure: Callable[..., Awaitable[object]]) -> None:
    """As ``open_rules``, and no rate or link limit in the way of many comments from one client."""
    limits = {"max_links": 100, "per_address_per_hour": 10_000, "per_identity_per_hour": 10_000}
    await configure(**OPEN_RULES, **limits)


def guest(name: str = "Ada", **fields: Any) -> service.Commenter:
    """A guest commenter."""
    return service.Commenter(name=name, **fields)


async def signed_in(session: AsyncSession, subject: str = "41") -> service.Commenter:
    """A signed-in reader (a GitHub account) as the HTTP layer would name them."""
    found = await sign_up_or_in(session, Identity(provider="github", subject=subject, name="Grace"))
    return service.Commenter(name=found.name, reader_id=found.id)


async def submit(session: AsyncSession, post: Post, body: str = "A fine post.", **fields: Any):
    """Post a comment under ``post`` with a fresh form token, from 192.0.2.1."""
    fields.setdefault("commenter", guest())
    fields.setdefault("address", "192.0.2.1")
    if "form_token" not in fields:
        fields["form_token"] = await service.issue_form_token(session)
    submission = service.Submission(body=body, post_id=post.id, **fields)
    return await service.post_comment(session, submission, site_url="http://blog.test")


async def widget_token(http: AsyncClient, post: Post) -> str:
    """The form token the widget gets when it reads ``post``'s thread."""
    thread = await http.get("/api/comments", params={"post_id": post.id})
    return str(thread.json()["meta"]["form_token"])


OpenApi = Callable[..., AbstractAsyncContextManager[AsyncClient]]


@pytest.fixture
def open_api(settings: Settings, site_database: Database) -> OpenApi:  # noqa: F811
    """Start an app of its own on the test's database: ``async with open_api(**overrides)``
    (app settings such as ``trusted_proxies``); two of them stand for two web workers."""

    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[AsyncClient]:
        app = create_app(settings.model_copy(update=overrides))
        async with app.router.lifespan_context(app):
            transport = ASGITransport(app=app)
            async with AsyncClient(transport=transport, base_url="http://blog.test") as http:
                yield http

    return start


@pytest.fixture
async def api(open_api: OpenApi) -> AsyncIterator[AsyncClient]:
    """An HTTP client on an app on the test's database."""
    async with open_api() as http:
        yield http


# Shared fixtures: the stand-in for Akismet (spam tests), and the mail helpers' (the
# notification, link and privacy tests).
from tests.comments.fake_akismet import akismet  # noqa: E402, F401
from tests.comments.mail_fixtures import mail_site  # noqa: E402, F401

# Posting through the API, for the XSS and privacy tests (their checks' asserts explain
# themselves when they fail).
pytest.register_assert_rewrite("tests.comments.xss_pages")
from tests.comments.xss_pages import followed_target, mail_target, target  # noqa: E402, F401
