"""Uploading: what is kept, where, and what is refused (on SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.db import Database
from inkwell.media import service
from inkwell.media.models import MediaFile
from inkwell.settings import Settings
from tests.media import pictures
from tests.media.conftest import Upload

WHEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


async def test_an_upload_is_kept_without_gps(upload: Upload, settings: Settings) -> None:
    row = await upload(
        pictures.jpeg_with_gps(1200, 800), "Holiday.JPG", alt=" The beach ", when=WHEN
    )
    assert row.path == "2026/12/holiday.jpg"
    assert (row.width, row.height, row.content_type) == (1200, 800, "image/jpeg")
    assert row.alt == "The beach"
    assert row.original_name == "Holiday.JPG"
    stored = (settings.media_dir / row.path).read_bytes()
    assert row.byte_size == len(stored)
    assert pictures.has_metadata(stored) == []
    assert service.public_url(row.path) == "/content/images/2026/12/holiday.jpg"


async def test_the_type_comes_from_the_bytes(upload: Upload) -> None:
    row = await upload(pictures.png(64, 64), "really-a-png.jpg", when=WHEN)
    assert (row.path, row.content_type) == ("2026/12/really-a-png.png", "image/png")


async def test_html_named_png_is_refused(
    upload: Upload, session: AsyncSession, settings: Settings
) -> None:
    with pytest.raises(service.NotAnImage) as refused:
        await upload(pictures.HTML_PAGE, "cat.png")
    assert refused.value.status == 415
    assert await session.scalar(select(func.count()).select_from(MediaFile)) == 0
    assert not settings.media_dir.exists() or not any(settings.media_dir.rglob("*.png"))


async def test_svg_is_refused(upload: Upload) -> None:
    with pytest.raises(service.UnsupportedImage, match="SVG"):
        await upload(pictures.SVG_WITH_SCRIPT, "logo.svg")


async def test_a_bomb_is_refused(upload: Upload) -> None:
    with pytest.raises(service.ImageTooLarge) as refused:
        await upload(pictures.png_bomb(), "bomb.png")
    assert refused.value.status == 413


async def test_the_byte_limit_holds(session: AsyncSession, settings: Settings) -> None:
    small = settings.model_copy(update={"max_upload_mb": 1})
    data = pictures.encoded(pictures.picture(1500, 1500), "PNG", compress_level=0)
    assert len(data) > 1024 * 1024
    with pytest.raises(
        service.ImageTooLarge, match=r"more than the 1 MB allowed \(INKWELL_MAX_UPLOAD_MB\)"
    ):
        await service.upload(session, small, data, "big.png")


async def test_an_empty_file_is_refused(upload: Upload) -> None:
    with pytest.raises(service.MediaError, match="the file is empty"):
        await upload(b"", "a.png")


async def test_alt_text_too_long_is_refused_before_anything_is_kept(
    upload: Upload, settings: Settings
) -> None:
    with pytest.raises(service.MediaError, match="alt text is 501 characters long, at most 500"):
        await upload(pictures.png(10, 10), alt="x" * 501)
    assert not settings.media_dir.exists()


async def test_same_name_twice_gets_two_files(upload: Upload) -> None:
    first = await upload(pictures.png(20, 20), "a.png", when=WHEN)
    second = await upload(pictures.png(30, 30), "a.png", when=WHEN)
    assert (first.path, second.path) == ("2026/12/a.png", "2026/12/a-2.png")


async def test_a_rolled_back_upload_leaves_no_file(database: Database, settings: Settings) -> None:
    with pytest.raises(RuntimeError):
        async with database.session(write=True) as session:
            row = await service.upload(session, settings, pictures.png(20, 20), "a.png")
            path = settings.media_dir / row.path
            assert path.exists()
            raise RuntimeError("the request failed later")
    assert not path.exists()


async def test_image_sizes_of_known_paths(upload: Upload, session: AsyncSession) -> None:
    row = await upload(pictures.png(1200, 900), "a.png", when=WHEN)
    sizes = await service.image_sizes(session, [row.path, "2026/12/unknown.png"])
    assert sizes == {row.path: (1200, 900)}


async def test_the_stored_file_decodes_to_the_same_picture(
    upload: Upload, settings: Settings
) -> None:
    row = await upload(pictures.png(64, 48), "a.png")
    with Image.open(io.BytesIO((settings.media_dir / row.path).read_bytes())) as image:
        assert image.size == (64, 48)
