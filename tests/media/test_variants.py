"""The resized and WebP copies: which are made, and what they contain."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.core.db import Database
from inkwell.core.jobs import JobContext
from inkwell.core.mail import Mailer
from inkwell.media import service, variants
from inkwell.media.models import MediaFile
from inkwell.settings import Settings
from tests.media import pictures
from tests.media.conftest import Upload


def job_context(database: Database, settings: Settings) -> JobContext:
    """What the job runner hands a job."""
    return JobContext(database, settings, Mailer(settings.mail_config()))


def sizes_under(folder: Path) -> dict[str, tuple[str | None, tuple[int, int]]]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with Image.open(path) as image:
                found[str(path.relative_to(folder))] = (image.format, image.size)
    return found


def test_never_upscaled() -> None:
    assert variants.widths_for(2000) == [600, 1000, 1600]
    assert variants.widths_for(1000) == [600]
    assert variants.widths_for(600) == []


async def test_the_job_makes_every_variant_without_gps(
    upload: Upload, session: AsyncSession, database: Database, settings: Settings
) -> None:
    row = await upload(pictures.jpeg_with_gps(1800, 1200), "trip.jpg")
    await session.commit()
    await service.make_variants(job_context(database, settings), {"id": row.id})
    size = settings.media_dir / "size"
    name = row.path
    assert sizes_under(size) == {
        f"w600/{name}": ("JPEG", (600, 400)),
        f"w1000/{name}": ("JPEG", (1000, 667)),
        f"w1600/{name}": ("JPEG", (1600, 1067)),
        f"w600/format/webp/{name}": ("WEBP", (600, 400)),
        f"w1000/format/webp/{name}": ("WEBP", (1000, 667)),
        f"w1600/format/webp/{name}": ("WEBP", (1600, 1067)),
    }
    for variant in size.rglob("*.jpg"):
        assert pictures.has_metadata(variant.read_bytes()) == []
    session.expunge_all()
    assert (await session.get(MediaFile, row.id)).variants == "ready"  # type: ignore[union-attr]


async def test_the_job_is_idempotent_and_skips_deleted_files(
    upload: Upload, session: AsyncSession, database: Database, settings: Settings
) -> None:
    row = await upload(pictures.png(700, 100), "a.png")
    await session.commit()
    context = job_context(database, settings)
    await service.make_variants(context, {"id": row.id})
    await service.make_variants(context, {"id": row.id})
    assert len(sizes_under(settings.media_dir / "size")) == 2
    await service.make_variants(context, {"id": "deleted-meanwhile"})


async def test_animated_gif_variants_stay_animated(tmp_path: Path) -> None:
    folder = tmp_path / "2026" / "12"
    folder.mkdir(parents=True)
    (folder / "loop.gif").write_bytes(pictures.animated("GIF", frames=3, size=(800, 400)))
    for image_format in (None, "webp"):
        made = await variants.ensure_variant(tmp_path, "2026/12/loop.gif", 600, image_format, 10**8)
        assert made is not None
        with Image.open(io.BytesIO(made.read_bytes())) as image:
            assert (image.size, getattr(image, "n_frames", 1)) == ((600, 300), 3)


async def test_unknown_widths_and_formats_are_never_made(tmp_path: Path) -> None:
    folder = tmp_path / "2026" / "12"
    folder.mkdir(parents=True)
    (folder / "a.png").write_bytes(pictures.png(2000, 1000))
    assert await variants.ensure_variant(tmp_path, "2026/12/a.png", 700, None, 10**8) is None
    assert await variants.ensure_variant(tmp_path, "2026/12/a.png", 600, "tiff", 10**8) is None
    assert not (tmp_path / "size").exists()
