"""``/content/images/``: stored files and variants over HTTP, cached for a year."""

from __future__ import annotations

import io

import pytest
from httpx import AsyncClient
from PIL import Image

from inkwell.settings import Settings
from tests.media import pictures

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def imported(settings: Settings) -> bytes:
    """A 1200×800 PNG in the media folder, as an import leaves it (no row, no variants)."""
    folder = settings.media_dir / "2026" / "12"
    folder.mkdir(parents=True)
    data = pictures.png(1200, 800)
    (folder / "photo.png").write_bytes(data)
    return data


def assert_public_media(response: object, content_type: str) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert headers["content-type"] == content_type
    assert headers["cache-control"] == IMMUTABLE
    assert headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in headers["content-security-policy"]
    assert "set-cookie" not in headers


async def test_a_stored_file(client: AsyncClient, imported: bytes) -> None:
    response = await client.get("/content/images/2026/12/photo.png")
    assert_public_media(response, "image/png")
    assert response.content == imported


async def test_a_variant_is_made_on_first_request_and_kept(
    client: AsyncClient, imported: bytes, settings: Settings
) -> None:
    response = await client.get("/content/images/size/w600/2026/12/photo.png")
    assert_public_media(response, "image/png")
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (600, 400)
    kept = settings.media_dir / "size" / "w600" / "2026" / "12" / "photo.png"
    assert kept.read_bytes() == response.content
    again = await client.get("/content/images/size/w600/2026/12/photo.png")
    assert again.content == response.content


async def test_a_webp_variant_keeps_the_name_and_says_webp(
    client: AsyncClient, imported: bytes
) -> None:
    response = await client.get("/content/images/size/w1000/format/webp/2026/12/photo.png")
    assert_public_media(response, "image/webp")
    with Image.open(io.BytesIO(response.content)) as image:
        assert (image.format, image.size) == ("WEBP", (1000, 667))


async def test_a_variant_is_never_wider_than_its_original(
    client: AsyncClient, imported: bytes
) -> None:
    response = await client.get("/content/images/size/w1600/2026/12/photo.png")
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (1200, 800)


@pytest.mark.parametrize(
    "path",
    [
        "size/w700/2026/12/photo.png",  # not an allowed width: nobody fills the disk
        "size/w2400/2026/12/photo.png",
        "size/w600/format/tiff/2026/12/photo.png",
        "size/w600/2026/12/missing.png",
        "size/w600/2026/12/../../../../etc/passwd",
        "size/w600/size/w600/2026/12/photo.png",
        "size/600/2026/12/photo.png",
        "2026/12/missing.png",
    ],
)
async def test_not_found(
    client: AsyncClient, imported: bytes, settings: Settings, path: str
) -> None:
    response = await client.get(f"/content/images/{path}")
    assert response.status_code == 404
    assert not (settings.media_dir / "size" / "w700").exists()


async def test_a_file_that_is_not_an_image_has_no_variant(
    client: AsyncClient, settings: Settings
) -> None:
    folder = settings.media_dir / "2026" / "12"
    folder.mkdir(parents=True)
    (folder / "page.png").write_bytes(pictures.HTML_PAGE)
    response = await client.get("/content/images/size/w600/2026/12/page.png")
    assert response.status_code == 404


async def test_head_and_other_methods(client: AsyncClient, imported: bytes) -> None:
    head = await client.head("/content/images/size/w600/2026/12/photo.png")
    assert head.status_code == 200
    assert head.content == b""
    assert (await client.post("/content/images/2026/12/photo.png")).status_code == 405
