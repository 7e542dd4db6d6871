"""The sign-in page over real HTTP: the form, cookies, wrong passwords, next, 429, sign-out."""

from __future__ import annotations

import re

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from inkwell.accounts import signin
from inkwell.accounts.models import StaffSession
from inkwell.core.db import Database
from tests.accounts.conftest import PASSWORD, MakeMember, WebFactory, form_token, sign_in


def cookie(response_cookies: list[str], name: str, path: str = "/admin") -> str:
    [found] = [
        c
        for c in response_cookies
        if c.startswith(f"{name}=") and re.search(rf"[Pp]ath={re.escape(path)}(;|$)", c)
    ]
    return found


async def session_count(database: Database) -> int:
    async with database.session() as session:
        return (await session.execute(select(func.count()).select_from(StaffSession))).scalar_one()


async def test_the_form_has_visible_labels_and_a_sign_in_button(web: AsyncClient) -> None:
    page = await web.get("/admin/signin")
    assert page.status_code == 200
    assert re.search(r'<label for="email">Email</label>', page.text)
    assert re.search(r'<label for="password">Password</label>', page.text)
    assert re.search(r'<button type="submit">Sign in</button>', page.text)
    assert '<meta name="csrf-token" content="' in page.text
    assert "style=" not in page.text and "<script" not in page.text


async def test_the_form_sets_a_pre_session_cookie_for_the_admin_only(web: AsyncClient) -> None:
    page = await web.get("/admin/signin")
    pre = cookie(page.headers.get_list("set-cookie"), "inkwell_csrf")
    assert "Path=/admin" in pre and "HttpOnly" in pre and "SameSite=Lax" in pre
    assert "Secure" not in pre


async def test_signing_in_redirects_to_next_with_a_session_cookie(
    web: AsyncClient, member: MakeMember
) -> None:
    dee = await member()
    page = await web.get("/admin/signin?next=/admin/posts/?status=draft")
    answer = await web.post(
        "/admin/signin",
        data={
            "email": dee.email.upper(),
            "password": PASSWORD,
            "csrf_token": form_token(page),
            "next": "/admin/posts/?status=draft",
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin/posts/?status=draft"
    session_cookie = cookie(answer.headers.get_list("set-cookie"), "inkwell_session")
    for flag in ("HttpOnly", "Path=/admin", "SameSite=lax"):
        assert flag in session_cookie
    assert "Secure" not in session_cookie


async def test_signing_in_sets_the_same_session_cookie_for_the_admin_api(
    web: AsyncClient, member: MakeMember
) -> None:
    dee = await member()
    answer = await sign_in(web, dee.email)
    cookies = answer.headers.get_list("set-cookie")
    for_admin = cookie(cookies, "inkwell_session")
    for_api = cookie(cookies, "inkwell_session", "/ghost/api/admin")
    assert for_api.split(";")[0] == for_admin.split(";")[0]
    for flag in ("HttpOnly", "SameSite=lax", "Max-Age=5184000"):
        assert flag in for_api


async def test_the_admin_api_cookie_is_secure_when_the_site_is_https(
    make_web: WebFactory, member: MakeMember
) -> None:
    dee = await member()
    async with make_web(site_url="https://blog.test") as http:
        answer = await sign_in(http, dee.email)
    cookies = answer.headers.get_list("set-cookie")
    assert "Secure" in cookie(cookies, "inkwell_session", "/ghost/api/admin")


async def test_cookies_are_secure_when_the_site_is_https(
    make_web: WebFactory, member: MakeMember
) -> None:
    dee = await member()
    async with make_web(site_url="https://blog.test") as http:
        page = await http.get("/admin/signin")
        assert "Secure" in cookie(page.headers.get_list("set-cookie"), "inkwell_csrf")
        answer = await sign_in(http, dee.email)
    assert "Secure" in cookie(answer.headers.get_list("set-cookie"), "inkwell_session")


async def test_the_session_cookie_outlives_the_browser_for_the_session_lifetime(
    web: AsyncClient, member: MakeMember
) -> None:
    dee = await member()
    answer = await sign_in(web, dee.email)
    assert "Max-Age=5184000" in cookie(answer.headers.get_list("set-cookie"), "inkwell_session")


async def test_a_wrong_password_shows_the_form_again_with_the_email(
    web: AsyncClient, member: MakeMember, database: Database
) -> None:
    dee = await member()
    answer = await sign_in(web, dee.email, "not my password")
    assert answer.status_code == 401
    assert "Wrong email or password." in answer.text
    assert f'value="{dee.email}"' in answer.text
    assert "inkwell_session" not in answer.headers.get("set-cookie", "")
    assert await session_count(database) == 0


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "admin", "/a\nb"]
)
async def test_next_never_leaves_the_site(
    web: AsyncClient, member: MakeMember, target: str
) -> None:
    dee = await member()
    page = await web.get("/admin/signin")
    answer = await web.post(
        "/admin/signin",
        data={
            "email": dee.email,
            "password": PASSWORD,
            "csrf_token": form_token(page),
            "next": target,
        },
    )
    assert answer.headers["location"] == "/admin/"


async def test_a_signed_in_visitor_skips_the_form(web: AsyncClient, member: MakeMember) -> None:
    dee = await member()
    await sign_in(web, dee.email)
    again = await web.get("/admin/signin?next=/admin/tags/")
    assert (again.status_code, again.headers["location"]) == (303, "/admin/tags/")


async def test_a_sign_in_post_without_the_token_is_refused(
    web: AsyncClient, member: MakeMember, database: Database
) -> None:
    dee = await member()
    answer = await web.post("/admin/signin", data={"email": dee.email, "password": PASSWORD})
    assert answer.status_code == 403
    assert await session_count(database) == 0


async def test_a_cross_site_sign_in_post_is_refused(
    web: AsyncClient, member: MakeMember, database: Database
) -> None:
    dee = await member()
    page = await web.get("/admin/signin")
    answer = await web.post(
        "/admin/signin",
        data={"email": dee.email, "password": PASSWORD, "csrf_token": form_token(page)},
        headers={"Origin": "https://evil.example"},
    )
    assert answer.status_code == 403
    assert await session_count(database) == 0


async def test_five_wrong_passwords_lock_the_account_with_retry_after(
    web: AsyncClient, member: MakeMember
) -> None:
    dee = await member()
    for _ in range(signin.ACCOUNT_LIMIT):
        assert (await sign_in(web, dee.email, "wrong password")).status_code == 401
    locked = await sign_in(web, dee.email, PASSWORD)
    assert locked.status_code == 429
    assert 0 < int(locked.headers["retry-after"]) <= 15 * 60
    assert "Too many sign-in attempts. Try again in" in locked.text
    assert "inkwell_session" not in locked.headers.get("set-cookie", "")


async def test_behind_a_trusted_proxy_the_address_limit_counts_forwarded_clients(
    make_web: WebFactory, member: MakeMember
) -> None:
    dee = await member()
    async with make_web(trusted_proxies="127.0.0.1", client=("127.0.0.1", 50000)) as http:
        page = await http.get("/admin/signin")
        token = form_token(page)

        async def attempt(email: str, password: str, client: str) -> int:
            data = {"email": email, "password": password, "csrf_token": token}
            headers = {"X-Forwarded-For": f"10.9.9.9, {client}"}
            return (await http.post("/admin/signin", data=data, headers=headers)).status_code

        for n in range(signin.ADDRESS_LIMIT):
            assert await attempt(f"guess{n}@example.com", "x", "203.0.113.5") == 401
        assert await attempt(dee.email, PASSWORD, "203.0.113.5") == 429
        assert await attempt(dee.email, PASSWORD, "203.0.113.6") == 303


async def test_signing_out_ends_the_session(
    web: AsyncClient, member: MakeMember, database: Database
) -> None:
    dee = await member()
    await sign_in(web, dee.email)
    page = await web.get("/admin/signin?next=/admin/signin")  # signed in: follows to itself
    assert page.status_code == 303
    me = await web.get("/admin/reset")  # any admin page carries the session's token
    out = await web.post("/admin/signout", data={"csrf_token": form_token(me)})
    assert (out.status_code, out.headers["location"]) == (303, "/admin/signin")
    for path in ("/admin", "/ghost/api/admin"):
        cleared = cookie(out.headers.get_list("set-cookie"), "inkwell_session", path)
        assert 'inkwell_session=""' in cleared or "Max-Age=0" in cleared
    assert await session_count(database) == 0


async def test_public_pages_never_set_a_cookie(web: AsyncClient, member: MakeMember) -> None:
    dee = await member()
    await sign_in(web, dee.email)
    for path in ("/", "/rss/", "/sitemap.xml", "/no-such-page/", "/admin"):
        answer = await web.get(path)
        if not path.startswith("/admin"):
            assert "set-cookie" not in answer.headers, path


async def test_signing_in_again_ends_the_previous_session(
    web: AsyncClient, member: MakeMember, database: Database
) -> None:
    dee, eve = await member(), await member()
    await sign_in(web, dee.email)
    page = await web.get("/admin/reset")
    answer = await web.post(
        "/admin/signin",
        data={"email": eve.email, "password": PASSWORD, "csrf_token": form_token(page)},
    )
    assert answer.status_code == 303
    assert await session_count(database) == 1
