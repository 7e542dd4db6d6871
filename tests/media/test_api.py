"""The editor's media API over HTTP: staff only, CSRF, precise refusals."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from httpx import AsyncClient, Response

from inkwell.accounts import service as accounts
from inkwell.core.db import Database
from inkwell.settings import Settings
from tests.factories import make_post
from tests.media import pictures

PASSWORD = "correct horse battery staple"
SignIn = Callable[..., Awaitable[str]]


def _field(html: str, pattern: str) -> str:
    match = re.search(pattern, html)
    assert match, f"{pattern} not in page"
    return match.group(1)


@pytest.fixture
def sign_in(client: AsyncClient, site_database: Database) -> SignIn:
    """Make a staff user of ``role`` and sign in as them; returns the CSRF token."""

    async def _sign_in(role: str = "author", email: str = "writer@example.com") -> str:
        async with site_database.session(write=True) as session:
            await accounts.create_user(
                session, name=f"A {role}", email=email, password=PASSWORD, role=role
            )
        form = await client.get("/admin/signin")
        token = _field(form.text, r'name="csrf_token" value="([^"]+)"')
        done = await client.post(
            "/admin/signin",
            data={"email": email, "password": PASSWORD, "csrf_token": token},
        )
        assert done.status_code == 303, done.text
        page = await client.get("/admin/reset")
        return _field(page.text, r'<meta name="csrf-token" content="([^"]+)"')

    return _sign_in


async def post_file(
    client: AsyncClient, token: str | None, data: bytes, name: str = "photo.jpg", **fields: str
) -> Response:
    headers = {"X-CSRF-Token": token} if token else {}
    return await client.post(
        "/admin/api/media", files={"file": (name, data, "image/jpeg")}, data=fields, headers=headers
    )


async def test_upload_answers_201_with_the_url(
    client: AsyncClient, sign_in: SignIn, settings: Settings
) -> None:
    token = await sign_in()
    response = await post_file(client, token, pictures.jpeg_with_gps(1200, 800), alt="A beach")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["url"].startswith("/content/images/") and body["url"].endswith("/photo.jpg")
    assert (body["width"], body["height"], body["alt"]) == (1200, 800, "A beach")
    assert len(body["id"]) == 24
    stored = await client.get(body["url"])
    assert stored.status_code == 200
    assert pictures.has_metadata(stored.content) == []


async def test_not_signed_in_is_refused(client: AsyncClient, settings: Settings) -> None:
    response = await post_file(client, None, pictures.png(10, 10))
    assert response.status_code == 403  # the guard refuses a write without a token first
    listed = await client.get("/admin/api/media")
    assert listed.status_code == 401
    assert listed.json() == {"error": "Sign in first."}
    assert not any(settings.media_dir.rglob("*.png"))


async def test_the_variants_job_runs_after_an_upload(
    client: AsyncClient, sign_in: SignIn, settings: Settings
) -> None:
    token = await sign_in()
    body = (await post_file(client, token, pictures.jpeg_with_gps(1700, 1000))).json()
    await client._transport.app.state.jobs.drain()  # type: ignore[attr-defined]
    path = body["url"].removeprefix("/content/images/")
    for width in (600, 1000, 1600):
        assert (settings.media_dir / f"size/w{width}/{path}").is_file()
        assert (settings.media_dir / f"size/w{width}/format/webp/{path}").is_file()


async def test_without_the_csrf_token_nothing_is_kept(
    client: AsyncClient, sign_in: SignIn, settings: Settings
) -> None:
    await sign_in()
    response = await post_file(client, None, pictures.png(10, 10))
    assert response.status_code == 403
    assert not any(settings.media_dir.rglob("*.png"))


@pytest.mark.parametrize(
    ("data", "name", "status", "message"),
    [
        (
            pictures.HTML_PAGE,
            "cat.png",
            415,
            "The file is not a JPEG, PNG, GIF, WebP or AVIF image.",
        ),
        (pictures.SVG_WITH_SCRIPT, "logo.svg", 415, "SVG images are not accepted"),
        (pictures.png_bomb(), "bomb.png", 413, "too many pixels"),
        (b"", "empty.png", 400, "The file is empty."),
    ],
)
async def test_refusals_are_precise(
    client: AsyncClient, sign_in: SignIn, data: bytes, name: str, status: int, message: str
) -> None:
    token = await sign_in()
    response = await post_file(client, token, data, name)
    assert response.status_code == status
    assert message in response.json()["error"]


async def test_too_large_is_413_before_reading_it_all(
    client: AsyncClient, sign_in: SignIn, settings: Settings
) -> None:
    token = await sign_in()
    settings.max_upload_mb = 1  # the app reads its settings object per request
    response = await post_file(client, token, b"\xff" * (3 * 1024 * 1024), "big.jpg")
    assert response.status_code == 413
    assert "1 MB allowed (INKWELL_MAX_UPLOAD_MB)" in response.json()["error"]


async def test_no_file_field_is_400(client: AsyncClient, sign_in: SignIn) -> None:
    token = await sign_in()
    response = await client.post(
        "/admin/api/media",
        data={"alt": "x"},
        files={"other": ("a", b"x")},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 400
    assert "field named 'file'" in response.json()["error"]


async def test_list_and_search(client: AsyncClient, sign_in: SignIn) -> None:
    token = await sign_in()
    await post_file(client, token, pictures.png(20, 20), "beach.png", alt="Sand")
    await post_file(client, token, pictures.png(20, 20), "desk.png")
    listed = (await client.get("/admin/api/media")).json()
    assert {m["filename"] for m in listed["media"]} == {"desk.png", "beach.png"}
    assert (listed["total"], listed["page"], listed["pages"]) == (2, 1, 1)
    found = (await client.get("/admin/api/media", params={"q": "sand"})).json()
    assert [m["filename"] for m in found["media"]] == ["beach.png"]
    bad = await client.get("/admin/api/media", params={"page": "x"})
    assert bad.status_code == 400
    assert bad.json() == {"error": "The page must be a whole number from 1."}


async def test_delete_refuses_a_used_image_then_force(
    client: AsyncClient, sign_in: SignIn, site_database: Database, settings: Settings
) -> None:
    token = await sign_in(role="editor", email="editor@example.com")
    body = (await post_file(client, token, pictures.png(20, 20), "used.png")).json()
    async with site_database.session(write=True) as session:
        await make_post(session, title="Shows it", feature_image=body["url"])
    headers = {"X-CSRF-Token": token}
    refused = await client.delete(f"/admin/api/media/{body['id']}", headers=headers)
    assert refused.status_code == 409
    assert refused.json()["posts"] == ["Shows it"]
    forced = await client.delete(f"/admin/api/media/{body['id']}?force=1", headers=headers)
    assert forced.status_code == 204
    assert (await client.get(body["url"])).status_code == 404


async def test_an_author_cannot_force(client: AsyncClient, sign_in: SignIn) -> None:
    token = await sign_in(role="author")
    body = (await post_file(client, token, pictures.png(20, 20), "mine.png")).json()
    headers = {"X-CSRF-Token": token}
    refused = await client.delete(f"/admin/api/media/{body['id']}?force=1", headers=headers)
    assert refused.status_code == 403
    assert (
        await client.delete(f"/admin/api/media/{body['id']}", headers=headers)
    ).status_code == 204


async def test_delete_unknown_is_404(client: AsyncClient, sign_in: SignIn) -> None:
    token = await sign_in()
    response = await client.delete("/admin/api/media/nope", headers={"X-CSRF-Token": token})
    assert response.status_code == 404


async def test_a_body_without_length_is_cut_off_at_the_limit(
    client: AsyncClient, sign_in: SignIn, settings: Settings
) -> None:
    token = await sign_in()
    settings.max_upload_mb = 1
    sent: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        yield (
            b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n'
            b"Content-Type: image/jpeg\r\n\r\n"
        )
        for _ in range(64):  # 4 MiB in all, unless the server stops reading
            sent.append(1)
            yield b"\xff" * 65536
        yield b"\r\n--XyZ--\r\n"

    response = await client.post(
        "/admin/api/media",
        content=body(),
        headers={"X-CSRF-Token": token, "Content-Type": "multipart/form-data; boundary=XyZ"},
    )
    assert response.status_code == 413
    assert "1 MB allowed" in response.json()["error"]
    assert len(sent) < 64
