"""``/site/`` (no authentication), users, members resources of a site without members, the
versioned prefixes of older clients."""

from __future__ import annotations

from httpx import AsyncClient

from tests.ghost_api.admin_api.conftest import OWNER_EMAIL, client_token


async def test_site_answers_without_a_token(anonymous: AsyncClient) -> None:
    answer = await anonymous.get("/site/")
    assert answer.status_code == 200
    site = answer.json()["site"]
    assert list(site) == [
        "title",
        "description",
        "logo",
        "icon",
        "accent_color",
        "locale",
        "url",
        "version",
    ]
    assert site["url"] == "http://blog.test/"


async def test_users_browse_shows_staff_with_their_role(api: AsyncClient) -> None:
    listing = (await api.get("/users/")).json()
    [owner] = listing["users"]
    assert (owner["email"], owner["status"]) == (OWNER_EMAIL, "active")
    assert owner["roles"][0]["name"] == "Owner"
    assert listing["meta"]["pagination"]["total"] == 1


async def test_users_read_by_id_slug_and_email(api: AsyncClient) -> None:
    [owner] = (await api.get("/users/")).json()["users"]
    for path in (
        f"/users/{owner['id']}/",
        f"/users/slug/{owner['slug']}/",
        f"/users/email/{OWNER_EMAIL}/",
    ):
        assert (await api.get(path)).json()["users"][0]["id"] == owner["id"], path


async def test_users_me_is_nobody_for_an_integration(api: AsyncClient) -> None:
    answer = await api.get("/users/me/")
    assert answer.status_code == 404


async def test_members_newsletters_and_tiers_are_empty(api: AsyncClient) -> None:
    for resource in ("members", "newsletters", "tiers"):
        answer = await api.get(f"/{resource}/")
        assert answer.status_code == 200
        body = answer.json()
        assert body[resource] == []
        assert body["meta"]["pagination"]["total"] == 0


async def test_members_need_a_token_too(anonymous: AsyncClient) -> None:
    assert (await anonymous.get("/members/")).status_code == 403


async def test_a_v4_client_reaches_the_same_api(anonymous: AsyncClient, admin_key: str) -> None:
    token = client_token(admin_key, audience="/v4/admin/")
    answer = await anonymous.get(
        "http://blog.test/ghost/api/v4/admin/posts/", headers={"Authorization": f"Ghost {token}"}
    )
    assert answer.status_code == 200, answer.text
