"""The Admin API used by a signed-in staff member (the admin's session cookie, Ghost's
``Origin`` check): what their role allows, and nothing more."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from inkwell.accounts import service as accounts
from inkwell.core.db import Database
from tests.ghost_api.admin_api.conftest import API, BASE_URL

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

StaffClient = Callable[[str], Awaitable[AsyncClient]]


@pytest.fixture
async def staff_client(app: FastAPI, site_database: Database) -> AsyncIterator[StaffClient]:
    """``await staff_client(role)``: an Admin API client carrying a new staff member's session."""
    opened: list[AsyncClient] = []

    async def make(role: str) -> AsyncClient:
        email = f"{role}-api@example.com"
        async with site_database.session(write=True) as session:
            await accounts.create_user(
                session, name=f"{role.title()} Person", email=email, password=PASSWORD, role=role
            )
        browser = AsyncClient(transport=ASGITransport(app=app), base_url=BASE_URL)
        opened.append(browser)
        form = await browser.get("/admin/signin")
        found = _CSRF.search(form.text)
        assert found is not None
        signed = await browser.post(
            "/admin/signin",
            data={
                "email": email,
                "password": PASSWORD,
                "next": "/admin/",
                "csrf_token": found.group(1),
            },
        )
        assert signed.status_code == 303
        # The browser's own cookie jar: it sends the session only where its path reaches.
        api = AsyncClient(
            transport=ASGITransport(app=app),
            base_url=BASE_URL + API,
            headers={"Origin": BASE_URL},
            cookies=browser.cookies,
        )
        opened.append(api)
        return api

    yield make
    for client in opened:
        await client.aclose()


async def test_an_editor_publishes_and_is_the_author(staff_client: StaffClient) -> None:
    api = await staff_client("editor")
    answer = await api.post(
        "/posts/", json={"posts": [{"title": "By the editor", "status": "published"}]}
    )
    assert answer.status_code == 201, answer.text
    post = answer.json()["posts"][0]
    assert [a["email"] for a in post["authors"]] == ["editor-api@example.com"]


async def test_a_contributor_may_add_a_draft_but_not_publish(staff_client: StaffClient) -> None:
    api = await staff_client("contributor")
    draft = await api.post("/posts/", json={"posts": [{"title": "Mine"}]})
    assert draft.status_code == 201, draft.text
    refused = await api.post("/posts/", json={"posts": [{"title": "Live", "status": "published"}]})
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["type"] == "NoPermissionError"
    titles = [p["title"] for p in (await api.get("/posts/")).json()["posts"]]
    assert titles == ["Mine"]


async def test_a_contributor_may_not_manage_tags(staff_client: StaffClient) -> None:
    api = await staff_client("contributor")
    answer = await api.post("/tags/", json={"tags": [{"name": "Nope"}]})
    assert answer.status_code == 403


async def test_users_me_is_the_signed_in_member(staff_client: StaffClient) -> None:
    api = await staff_client("author")
    me = (await api.get("/users/me/")).json()["users"][0]
    assert (me["email"], me["roles"][0]["name"]) == ("author-api@example.com", "Author")


async def test_a_session_from_another_origin_is_refused(staff_client: StaffClient) -> None:
    api = await staff_client("editor")
    answer = await api.get("/posts/", headers={"Origin": "https://elsewhere.example"})
    assert answer.status_code == 400
    assert "incorrect origin" in answer.json()["errors"][0]["message"]


async def test_a_contributor_uses_existing_tags_but_makes_none(
    staff_client: StaffClient, api: AsyncClient
) -> None:
    await api.post("/tags/", json={"tags": [{"name": "Existing"}]})
    contributor = await staff_client("contributor")
    tagged = await contributor.post(
        "/posts/", json={"posts": [{"title": "Tagged", "tags": ["Existing"]}]}
    )
    assert tagged.status_code == 201, tagged.text
    refused = await contributor.post(
        "/posts/", json={"posts": [{"title": "New tag", "tags": ["Brand new"]}]}
    )
    assert refused.status_code == 403
    names = [t["name"] for t in (await api.get("/tags/")).json()["tags"]]
    assert names == ["Existing"]
