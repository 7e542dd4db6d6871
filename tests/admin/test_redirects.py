"""Custom redirects: added in the admin, answered by the site."""

from __future__ import annotations

from httpx import AsyncClient

from tests.admin.conftest import Staffer


async def test_a_redirect_added_in_the_admin_answers_on_the_site(
    owner: Staffer, anonymous: AsyncClient
) -> None:
    answer = await owner.post(
        "/admin/redirects/", {"from_path": "/old/", "to": "/new/", "status_code": "301"}
    )
    assert answer.status_code == 303
    moved = await anonymous.get("/old/")
    assert moved.status_code == 301
    assert moved.headers["location"].endswith("/new/")


async def test_a_redirect_to_itself_is_refused(owner: Staffer) -> None:
    answer = await owner.post("/admin/redirects/", {"from_path": "/loop/", "to": "/loop/"})
    assert answer.status_code == 422
    assert 'class="field-error"' in answer.text


async def test_a_redirect_is_deleted(owner: Staffer) -> None:
    await owner.post("/admin/redirects/", {"from_path": "/a/", "to": "/b/"})
    await owner.post("/admin/redirects/delete", {"from_path": "/a/"})
    assert "<code>/a/</code>" not in (await owner.get("/admin/redirects/")).text
