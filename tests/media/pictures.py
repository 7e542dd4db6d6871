"""Real image files for the media tests, made with Pillow."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
EXIF_IFD = 0x8769
GPS = {1: "N", 2: (52.0, 22.0, 1.0), 3: "E", 4: (4.0, 53.0, 2.0)}


def picture(width: int = 1200, height: int = 800, mode: str = "RGB") -> Image.Image:
    """A picture with some detail (a gradient and bands), so encoders have work to do."""
    image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    if mode == "RGB":
        red = Image.linear_gradient("L").rotate(90).resize((width, height))
        image = Image.merge("RGB", (red, image.getchannel(1), image.getchannel(2)))
    return image


def encoded(image: Image.Image, kind: str, **params: object) -> bytes:
    """``image`` written as ``kind`` (JPEG, PNG...)."""
    out = io.BytesIO()
    image.save(out, format=kind, **params)
    return out.getvalue()


def gps_exif(orientation: int | None = None) -> bytes:
    """EXIF with a GPS position (and an orientation when given)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[GPS_IFD] = GPS
    if orientation is not None:
        exif[ORIENTATION] = orientation
    return exif.tobytes()


def jpeg_with_gps(width: int = 1200, height: int = 800, orientation: int | None = None) -> bytes:
    """A JPEG photo carrying a GPS position in its EXIF."""
    return encoded(picture(width, height), "JPEG", exif=gps_exif(orientation), quality=90)


def png(width: int = 1200, height: int = 800) -> bytes:
    """A PNG picture."""
    return encoded(picture(width, height), "PNG")


def animated(kind: str, frames: int = 4, size: tuple[int, int] = (800, 400)) -> bytes:
    """An animated GIF or WebP of ``frames`` frames."""
    images = [Image.new("RGB", size, (60 * i % 255, 40, 200 - 30 * i)) for i in range(frames)]
    return encoded(images[0], kind, save_all=True, append_images=images[1:], duration=80, loop=0)


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def has_metadata(data: bytes) -> list[str]:
    """What identifying metadata the image ``data`` still carries (empty when none)."""
    found = []
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        if exif:
            found.append(f"exif {dict(exif)}")
        if exif.get_ifd(GPS_IFD):
            found.append("gps")
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Description"):
            if key in image.info:
                found.append(key)
    if b"PhoneMaker" in data or b"Exif\x00\x00" in data:
        found.append("raw exif bytes")
    return found


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
