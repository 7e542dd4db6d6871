"""``/ghost/api/admin/images/upload/``: the official client's multipart upload."""

from __future__ import annotations

import io

from httpx import AsyncClient
from PIL import Image


def _png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(out, format="PNG")
    return out.getvalue()


async def test_an_image_is_kept_and_answered_with_its_url_and_ref(api: AsyncClient) -> None:
    answer = await api.post(
        "/images/upload/",
        files={"file": ("photo.png", _png(), "image/png")},
        data={"ref": "my-photo", "purpose": "image"},
    )
    assert answer.status_code == 201, answer.text
    [image] = answer.json()["images"]
    assert image["ref"] == "my-photo"
    assert image["url"].startswith("http://blog.test/content/images/")
    assert image["url"].endswith(".png")
    served = await api.get(image["url"])
    assert (served.status_code, served.headers["content-type"]) == (200, "image/png")


async def test_without_a_ref_the_ref_is_null(api: AsyncClient) -> None:
    answer = await api.post("/images/upload/", files={"file": ("a.png", _png(), "image/png")})
    assert answer.json()["images"][0]["ref"] is None


async def test_a_file_that_is_not_an_image_is_415(api: AsyncClient) -> None:
    answer = await api.post(
        "/images/upload/", files={"file": ("notes.png", b"just some text", "image/png")}
    )
    assert answer.status_code == 415
    assert answer.json()["errors"][0]["type"] == "UnsupportedMediaTypeError"


async def test_a_form_without_a_file_is_422(api: AsyncClient) -> None:
    answer = await api.post("/images/upload/", files={"other": ("a.png", _png(), "image/png")})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["type"] == "ValidationError"


async def test_an_upload_needs_a_token(anonymous: AsyncClient) -> None:
    answer = await anonymous.post("/images/upload/", files={"file": ("a.png", _png(), "image/png")})
    assert answer.status_code == 403
