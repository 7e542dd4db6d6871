"""What every admin page shares: every page renders, refusals are pages, CSRF, no cookie on the
public site, the admin's assets."""

from __future__ import annotations

import re

import pytest

from tests.admin.conftest import SignIn, Staffer

PAGES = {
    "/admin/": "Dashboard",
    "/admin/posts/": "Posts",
    "/admin/pages/": "Pages",
    "/admin/posts/new": "Title",
    "/admin/tags/": "Tags",
    "/admin/staff/": "Staff",
    "/admin/settings/": "Settings",
    "/admin/media/": "Media",
    "/admin/redirects/": "Redirects",
    "/admin/account/": "Your account",
}


@pytest.mark.parametrize("path", sorted(PAGES))
async def test_every_page_renders_for_the_owner(owner: Staffer, path: str) -> None:
    page = await owner.get(path)
    assert page.status_code == 200
    assert PAGES[path] in page.text
    assert '<a class="skip-link" href="#main">Skip to content</a>' in page.text


@pytest.mark.parametrize("path", sorted(PAGES))
async def test_no_page_has_inline_script_or_style(owner: Staffer, path: str) -> None:
    html = (await owner.get(path)).text
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html)
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+=", html)


@pytest.mark.parametrize("path", ["/admin/staff/", "/admin/settings/", "/admin/redirects/"])
async def test_a_contributor_cannot_reach_the_site_pages(sign_in: SignIn, path: str) -> None:
    contributor = await sign_in("contributor")
    page = await contributor.get(path)
    assert page.status_code == 403
    assert "<h1>Not allowed</h1>" in page.text


async def test_a_contributor_sees_no_staff_or_settings_in_the_navigation(sign_in: SignIn) -> None:
    contributor = await sign_in("contributor")
    page = await contributor.get("/admin/")
    assert 'href="/admin/settings/"' not in page.text
    assert 'href="/admin/staff/"' not in page.text


async def test_a_form_without_its_csrf_token_is_refused(owner: Staffer) -> None:
    answer = await owner.http.post("/admin/posts/new", data={"title": "Forged", "action": "save"})
    assert answer.status_code == 403
    assert "No posts match" in (await owner.get("/admin/posts/")).text


async def test_a_cross_site_form_is_refused(owner: Staffer) -> None:
    answer = await owner.http.post(
        "/admin/settings/",
        data={"csrf_token": owner.csrf, "title": "Hacked"},
        headers={"origin": "https://evil.example"},
    )
    assert answer.status_code == 403


async def test_a_public_page_sets_no_cookie_after_using_the_admin(owner: Staffer) -> None:
    await owner.post("/admin/posts/new", {"title": "Hello", "action": "publish"})
    home = await owner.get("/")
    assert home.status_code == 200
    assert "set-cookie" not in home.headers


async def test_admin_pages_carry_the_security_headers(owner: Staffer) -> None:
    page = await owner.get("/admin/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


async def test_assets_are_served_with_a_fingerprint(owner: Staffer) -> None:
    page = await owner.get("/admin/")
    found = re.search(r'href="(/admin/static/admin\.css\?v=[0-9a-f]{10})"', page.text)
    assert found
    css = await owner.get(found.group(1))
    assert css.status_code == 200
    assert "--accent: #0b6bcb" in css.text


async def test_an_unknown_post_is_a_404_page(owner: Staffer) -> None:
    page = await owner.get("/admin/posts/0123456789abcdef01234567/edit")
    assert page.status_code == 404
    assert "<h1>Not found</h1>" in page.text


async def test_a_malformed_page_number_is_an_admin_page_naming_the_parameter(
    owner: Staffer,
) -> None:
    page = await owner.get("/admin/posts/?page=abc")
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert "The query parameter page is refused" in page.text
    assert '"detail"' not in page.text and "abc" not in page.text


async def test_a_malformed_post_id_in_the_address_is_a_404_page(owner: Staffer) -> None:
    page = await owner.get("/admin/posts/zzz/edit")
    assert page.status_code == 404
    assert "<h1>Not found</h1>" in page.text
    assert "post_id in this address is not a valid id" in page.text


async def test_a_malformed_query_of_a_script_is_answered_in_json(owner: Staffer) -> None:
    answer = await owner.get("/admin/media/?page=0", headers={"Accept": "application/json"})
    assert answer.status_code == 400
    assert "page" in answer.json()["error"]
