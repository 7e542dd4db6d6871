"""Reading uploads by their bytes and writing them back without metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from inkwell.media import images
from inkwell.media.errors import DamagedImage, ImageTooLarge, NotAnImage, UnsupportedImage
from tests.media import pictures

LIMIT = 50_000_000


def clean(data: bytes, limit: int = LIMIT) -> images.CleanImage:
    return images.clean(io.BytesIO(data), limit)


def test_gps_and_all_exif_are_stripped_from_a_jpeg() -> None:
    source = pictures.jpeg_with_gps()
    assert "gps" in pictures.has_metadata(source)
    kept = clean(source)
    assert kept.format == "JPEG"
    assert pictures.has_metadata(kept.data) == []


@pytest.mark.parametrize("kind", ["PNG", "WEBP", "AVIF"])
def test_exif_is_stripped_from_other_formats(kind: str) -> None:
    source = pictures.encoded(pictures.picture(300, 200), kind, exif=pictures.gps_exif())
    assert "gps" in pictures.has_metadata(source)
    assert pictures.has_metadata(clean(source).data) == []


def test_orientation_is_applied_to_the_pixels() -> None:
    # Orientation 6: the camera was turned; the stored pixels are 1200×800 but show 800×1200.
    kept = clean(pictures.jpeg_with_gps(1200, 800, orientation=6))
    assert (kept.width, kept.height) == (800, 1200)
    with Image.open(io.BytesIO(kept.data)) as image:
        assert image.size == (800, 1200)
        assert images.ORIENTATION_TAG not in image.getexif()


@pytest.mark.parametrize("kind", ["GIF", "WEBP"])
def test_animations_stay_animated(kind: str) -> None:
    kept = clean(pictures.animated(kind, frames=4))
    assert kept.frames == 4
    with Image.open(io.BytesIO(kept.data)) as image:
        assert image.format == kind
        assert getattr(image, "n_frames", 1) == 4


@pytest.mark.parametrize(
    ("kind", "content_type", "extension"),
    [
        ("JPEG", "image/jpeg", ".jpg"),
        ("PNG", "image/png", ".png"),
        ("GIF", "image/gif", ".gif"),
        ("WEBP", "image/webp", ".webp"),
        ("AVIF", "image/avif", ".avif"),
    ],
)
def test_each_accepted_format(kind: str, content_type: str, extension: str) -> None:
    kept = clean(pictures.encoded(pictures.picture(320, 240), kind))
    assert (kept.format, kept.content_type, kept.extension) == (kind, content_type, extension)
    assert (kept.width, kept.height) == (320, 240)


def test_palette_png_keeps_its_transparency() -> None:
    image = Image.new("P", (40, 40), 0)
    image.putpalette([255, 0, 0, 0, 255, 0] + [0] * 762)
    kept = clean(pictures.encoded(image, "PNG", transparency=0))
    with Image.open(io.BytesIO(kept.data)) as back:
        assert back.info.get("transparency") == 0


def test_html_is_not_an_image() -> None:
    with pytest.raises(NotAnImage, match="not a JPEG, PNG, GIF, WebP or AVIF image"):
        clean(pictures.HTML_PAGE)


def test_other_image_formats_are_refused() -> None:
    with pytest.raises(NotAnImage):
        clean(pictures.encoded(pictures.picture(50, 50), "BMP"))


def test_svg_is_refused_with_the_reason() -> None:
    with pytest.raises(UnsupportedImage, match="SVG images are not accepted"):
        clean(pictures.SVG_WITH_SCRIPT)


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(ImageTooLarge, match="too many pixels"):
        clean(pictures.png_bomb())


def test_the_pixel_limit_is_ours() -> None:
    # 2000×2000 = 4 megapixels: under Pillow's limit, over the one given.
    with pytest.raises(ImageTooLarge, match=r"2000×2000 pixels.*at most 1 megapixels"):
        clean(pictures.png(2000, 2000), limit=1_000_000)


def test_a_truncated_image_is_damaged() -> None:
    data = pictures.jpeg_with_gps()
    with pytest.raises(DamagedImage, match="damaged"):
        clean(data[: len(data) // 2])


@pytest.mark.parametrize(("kind", "expected"), [(None, "JPEG"), ("WEBP", "WEBP")])
def test_variants_of_an_imported_photo_carry_no_gps(
    tmp_path: Path, kind: str | None, expected: str
) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(pictures.jpeg_with_gps(1200, 800, orientation=6))
    data = images.resized(source, 600, kind, LIMIT)
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == (expected, (600, 900))
    assert pictures.has_metadata(data) == []
