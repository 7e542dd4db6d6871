"""The /admin guard over real HTTP: require_staff, CSRF on every write, security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import APIRouter, Form, Request, UploadFile
from httpx import AsyncClient

from inkwell.accounts import service
from inkwell.accounts.web import StaffDep, csrf_token
from inkwell.core.db import Database
from tests.accounts.conftest import MakeMember, Member, WebFactory, sign_in

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)

changes: list[str] = []
router = APIRouter()


@router.get("/admin/t/me")
@router.get("/admin/api/t/me")
async def whoami(request: Request, staff: StaffDep) -> dict[str, str]:
    return {"email": staff.email, "role": staff.role, "csrf": csrf_token(request)}


@router.api_route("/admin/t/change", methods=["POST", "PUT", "PATCH", "DELETE"])
async def change(staff: StaffDep) -> dict[str, str]:
    changes.append(staff.email)
    return {"ok": "yes"}


@router.post("/admin/t/upload")
async def upload(staff: StaffDep, file: UploadFile, title: str = Form("")) -> dict[str, str]:
    changes.append(f"{title}:{len(await file.read())}")
    return {"ok": "yes"}


@router.post("/admin/t/publish")
async def publish(staff: StaffDep) -> dict[str, str]:
    service.require(staff, "posts.publish")
    return {"ok": "yes"}


@pytest.fixture
async def http(make_web: WebFactory) -> AsyncIterator[AsyncClient]:
    changes.clear()
    async with make_web(router=router) as client:
        yield client


async def signed_in(http: AsyncClient, who: Member) -> str:
    """Sign ``who`` in; the CSRF token of their session."""
    assert (await sign_in(http, who.email)).status_code == 303
    me = await http.get("/admin/t/me")
    return str(me.json()["csrf"])


async def test_a_page_load_without_a_session_goes_to_sign_in(http: AsyncClient) -> None:
    answer = await http.get("/admin/t/me?tab=2", headers={"Accept": "text/html"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin/signin?next=/admin/t/me%3Ftab%3D2"


async def test_a_script_without_a_session_gets_a_401(http: AsyncClient) -> None:
    answer = await http.get("/admin/api/t/me")
    assert (answer.status_code, answer.json()) == (401, {"error": "Sign in first."})


async def test_a_signed_in_request_knows_who_is_there(
    http: AsyncClient, member: MakeMember
) -> None:
    dee = await member("editor")
    token = await signed_in(http, dee)
    me = (await http.get("/admin/t/me")).json()
    assert (me["email"], me["role"], me["csrf"]) == (dee.email, "editor", token)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_a_write_without_the_token_is_refused_and_changes_nothing(
    http: AsyncClient, member: MakeMember, method: str
) -> None:
    await signed_in(http, await member())
    answer = await http.request(method, "/admin/t/change")
    assert answer.status_code == 403
    assert "security token" in answer.json()["error"]
    assert changes == []


async def test_a_wrong_token_is_refused(http: AsyncClient, member: MakeMember) -> None:
    await signed_in(http, await member())
    answer = await http.post("/admin/t/change", headers={"X-CSRF-Token": "guess" * 10})
    assert answer.status_code == 403 and changes == []


async def test_the_token_in_a_header_is_accepted(http: AsyncClient, member: MakeMember) -> None:
    dee = await member()
    token = await signed_in(http, dee)
    answer = await http.post("/admin/t/change", headers={"X-CSRF-Token": token})
    assert answer.status_code == 200 and changes == [dee.email]


async def test_the_token_in_a_form_field_is_accepted(http: AsyncClient, member: MakeMember) -> None:
    dee = await member()
    token = await signed_in(http, dee)
    answer = await http.post("/admin/t/change", data={"csrf_token": token})
    assert answer.status_code == 200 and changes == [dee.email]


async def test_a_multipart_form_keeps_its_file_after_the_check(
    http: AsyncClient, member: MakeMember
) -> None:
    token = await signed_in(http, await member())
    answer = await http.post(
        "/admin/t/upload",
        data={"csrf_token": token, "title": "cat"},
        files={"file": ("cat.png", b"x" * 5000, "image/png")},
    )
    assert answer.status_code == 200, answer.text
    assert changes == ["cat:5000"]


async def test_the_pre_session_token_does_not_replace_the_sessions(
    http: AsyncClient, member: MakeMember
) -> None:
    page = await http.get("/admin/signin")
    pre = page.cookies.get("inkwell_csrf") or http.cookies.get("inkwell_csrf")
    await signed_in(http, await member())
    answer = await http.post("/admin/t/change", headers={"X-CSRF-Token": str(pre)})
    assert answer.status_code == 403 and changes == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
async def test_cross_site_writes_are_refused_even_with_the_token(
    http: AsyncClient, member: MakeMember, headers: dict[str, str]
) -> None:
    token = await signed_in(http, await member())
    answer = await http.post("/admin/t/change", headers={"X-CSRF-Token": token, **headers})
    assert answer.status_code == 403
    assert answer.json()["error"] == "Cross-site requests to the admin are refused."
    assert changes == []


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://blog.test"}, {"Sec-Fetch-Site": "same-origin"}, {}],
)
async def test_same_site_writes_go_through(
    http: AsyncClient, member: MakeMember, headers: dict[str, str]
) -> None:
    token = await signed_in(http, await member())
    answer = await http.post("/admin/t/change", headers={"X-CSRF-Token": token, **headers})
    assert answer.status_code == 200


async def test_a_browser_form_refused_gets_a_page(http: AsyncClient, member: MakeMember) -> None:
    await signed_in(http, await member())
    answer = await http.post(
        "/admin/t/change", data={"csrf_token": "stale"}, headers={"Accept": "text/html"}
    )
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("text/html")
    assert "Reload the page" in answer.text


async def test_permission_denied_is_a_403_that_says_why(
    http: AsyncClient, member: MakeMember
) -> None:
    token = await signed_in(http, await member("contributor"))
    answer = await http.post("/admin/t/publish", headers={"X-CSRF-Token": token})
    assert answer.status_code == 403
    assert answer.json() == {"error": "A contributor cannot publish this post."}


async def test_a_disabled_account_is_signed_out_at_once(
    http: AsyncClient, member: MakeMember, database: Database
) -> None:
    dee = await member()
    await signed_in(http, dee)
    async with database.session(write=True) as session:
        await service.set_disabled(session, None, dee.user_id, disabled=True)
    assert (await http.get("/admin/t/me", headers={"Accept": "text/html"})).status_code == 303


@pytest.mark.parametrize(
    "path",
    ["/admin/signin", "/admin/no-such-page", "/admin/assets/accounts/accounts.css", "/admin"],
)
async def test_every_admin_response_carries_the_security_headers(
    http: AsyncClient, path: str
) -> None:
    answer = await http.get(path)
    assert answer.headers["content-security-policy"] == CSP
    assert answer.headers["referrer-policy"] == "same-origin"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"


async def test_redirects_and_refusals_carry_them_too(http: AsyncClient) -> None:
    for answer in (
        await http.get("/admin/t/me", headers={"Accept": "text/html"}),
        await http.post("/admin/t/change"),
    ):
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["cache-control"] == "no-store"


async def test_public_pages_do_not_get_the_admin_headers(http: AsyncClient) -> None:
    answer = await http.get("/")
    assert answer.headers.get("content-security-policy") != CSP
    assert answer.headers.get("cache-control") != "no-store"


async def test_a_form_too_large_to_check_is_refused(
    http: AsyncClient, member: MakeMember, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inkwell.accounts import guard

    token = await signed_in(http, await member())
    monkeypatch.setattr(guard, "MAX_FORM_BYTES", 1000)
    answer = await http.post("/admin/t/change", data={"csrf_token": token, "text": "x" * 2000})
    assert answer.status_code == 413 and changes == []


@router.get("/admin/t/broken")
async def broken() -> None:
    raise RuntimeError("a bug")


async def test_an_error_page_carries_the_headers_too(make_web: WebFactory) -> None:
    async with make_web(router=router) as client:  # no exception escapes, either
        answer = await client.get("/admin/t/broken")
    assert answer.status_code == 500, answer.text
    assert answer.headers.get("content-security-policy") == CSP, (answer.headers, answer.text)
    assert "a bug" not in answer.text
