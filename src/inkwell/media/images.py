"""Reading an uploaded image safely and writing it back clean.

The type comes from the bytes (Pillow's decoders, limited to the formats Inkwell keeps), never
from the file name or the client's MIME type. Pixels are counted from the header before any is
decoded (decompression bombs). The copy that is kept is re-encoded from the pixels alone: no
EXIF (so no GPS), no XMP, no comments, with the EXIF orientation applied to the pixels; an ICC
colour profile is kept (it describes colours, not the photographer). Animated GIF and WebP
stay animated.

Everything here is synchronous and CPU-bound: the service runs it in a worker thread.
"""

from __future__ import annotations

import io
import struct
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from inkwell.media.errors import DamagedImage, ImageTooLarge, NotAnImage, UnsupportedImage

# Pillow format name -> (extension, content type); the only formats ever decoded.
FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "GIF": (".gif", "image/gif"),
    "WEBP": (".webp", "image/webp"),
    "AVIF": (".avif", "image/avif"),
}
ACCEPTED = "JPEG, PNG, GIF, WebP or AVIF"
ORIENTATION_TAG = 0x0112
MAX_FRAMES = 1000  # an animation longer than this is not a blog image
JPEG_QUALITY = 88
WEBP_QUALITY = 82
AVIF_QUALITY = 70

# warnings.catch_warnings changes process-wide state: opening is serialised (it reads only the
# header, so this lock is held for microseconds), decoding is not.
_OPEN_LOCK = threading.Lock()


@dataclass(frozen=True)
class CleanImage:
    """An image ready to keep: its bytes and what they are."""

    data: bytes
    format: str
    width: int
    height: int
    frames: int

    @property
    def extension(self) -> str:
        """The file extension of its format (".jpg"...)."""
        return FORMATS[self.format][0]

    @property
    def content_type(self) -> str:
        """Its MIME type."""
        return FORMATS[self.format][1]


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text[:1024]


@contextmanager
def open_image(source: IO[bytes] | Path, max_pixels: int) -> Iterator[Image.Image]:
    """Open ``source`` as one of ``FORMATS`` after checking its pixel count; refuse otherwise.

    Raises NotAnImage (not an image, or damaged), UnsupportedImage (SVG) or ImageTooLarge.
    """
    fp: IO[bytes] = source.open("rb") if isinstance(source, Path) else source
    try:
        head = fp.read(2048)
        fp.seek(0)
        if _looks_like_svg(head):
            raise UnsupportedImage(
                f"SVG images are not accepted (they can carry scripts); upload a {ACCEPTED} image"
            )
        with _OPEN_LOCK, warnings.catch_warnings():
            # Pillow warns between its own limit and twice that: a refusal here too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image = Image.open(fp, formats=list(FORMATS))
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise ImageTooLarge(_too_many_pixels(None, max_pixels)) from None
            except UnidentifiedImageError:
                raise NotAnImage(f"the file is not a {ACCEPTED} image") from None
            except (OSError, SyntaxError, ValueError, struct.error) as exc:
                raise DamagedImage(f"the image is damaged ({exc})") from None
        with image:
            width, height = image.size
            if width * height > max_pixels:
                raise ImageTooLarge(_too_many_pixels((width, height), max_pixels))
            try:
                frames = int(getattr(image, "n_frames", 1))
            except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
                raise DamagedImage(f"the image is damaged ({exc})") from None
            if frames > MAX_FRAMES or width * height * frames > max_pixels * 4:
                raise ImageTooLarge(
                    f"the animation has too many frames ({frames} of {width}×{height} pixels)"
                )
            yield image
    finally:
        if isinstance(source, Path):
            fp.close()


def _too_many_pixels(size: tuple[int, int] | None, max_pixels: int) -> str:
    limit = f"at most {max_pixels / 1_000_000:g} megapixels (INKWELL_MAX_IMAGE_PIXELS)"
    if size is None:
        return f"the image has too many pixels: {limit}"
    return f"the image is {size[0]}×{size[1]} pixels, too many: {limit}"


def clean(source: IO[bytes] | Path, max_pixels: int) -> CleanImage:
    """The image in ``source``, re-encoded without metadata and with orientation applied."""
    with open_image(source, max_pixels) as image:
        kind = image.format or ""
        try:
            if getattr(image, "is_animated", False):
                data, size = _encode_animation(image, kind, None)
            else:
                image.load()
                icc = image.info.get("icc_profile")
                ImageOps.exif_transpose(image, in_place=True)
                data, size = encode(image, kind, icc=icc)
        except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
            raise DamagedImage(f"the image is damaged ({exc})") from None
        frames = int(getattr(image, "n_frames", 1))
    return CleanImage(data=data, format=kind, width=size[0], height=size[1], frames=frames)


def encode(
    image: Image.Image, kind: str, *, icc: bytes | None = None
) -> tuple[bytes, tuple[int, int]]:
    """``image``'s pixels alone, written as ``kind`` (no EXIF, XMP or text chunks).

    ``image`` is the caller's to give away: its ``info`` is emptied.
    """
    params: dict[str, Any] = {}
    if icc:
        params["icc_profile"] = icc
    if "transparency" in image.info and kind in ("PNG", "GIF"):
        params["transparency"] = image.info["transparency"]
    if kind == "JPEG":
        image = image if image.mode in ("RGB", "L", "CMYK") else image.convert("RGB")
        params.update(quality=JPEG_QUALITY)
    elif kind == "WEBP":
        params.update(quality=WEBP_QUALITY)
    elif kind == "AVIF":
        params.update(quality=AVIF_QUALITY)
    out = io.BytesIO()
    image.info = {}  # nothing read from the file travels into the new one
    image.save(out, format=kind, **params)
    return out.getvalue(), image.size


def _encode_animation(
    image: Image.Image, kind: str, width: int | None
) -> tuple[bytes, tuple[int, int]]:
    frames: list[Image.Image] = []
    durations: list[int] = []
    for frame in ImageSequence.Iterator(image):
        durations.append(int(frame.info.get("duration", 100)))
        copy = frame.convert("RGBA")
        if width is not None and width < copy.width:
            copy = copy.resize(_scaled(copy.size, width), Image.Resampling.LANCZOS)
        frames.append(copy)
    out = io.BytesIO()
    params: dict[str, Any] = {"loop": int(image.info.get("loop", 0))}
    if kind == "GIF":
        params["disposal"] = 2  # each frame is complete (converted to RGBA above)
    elif kind == "WEBP":
        params["quality"] = WEBP_QUALITY
    elif kind == "AVIF":
        params["quality"] = AVIF_QUALITY
    first, rest = frames[0], frames[1:]
    first.save(out, format=kind, save_all=True, append_images=rest, duration=durations, **params)
    return out.getvalue(), first.size


def _scaled(size: tuple[int, int], width: int) -> tuple[int, int]:
    return width, max(1, round(size[1] * width / size[0]))


def resized(source: Path, width: int, kind: str | None, max_pixels: int) -> bytes:
    """The image at ``source`` made ``width`` pixels wide (never wider than it is), as ``kind``
    (None: its own format). Animated images stay animated. Used for the ``size/wN`` variants.
    """
    return resized_all(source, [(width, kind)], max_pixels)[width, kind]


def resized_all(
    source: Path, wanted: list[tuple[int, str | None]], max_pixels: int
) -> dict[tuple[int, str | None], bytes]:
    """Several variants of ``source`` (width, format or None) from one decode of it."""
    made: dict[tuple[int, str | None], bytes] = {}
    with open_image(source, max_pixels) as image:
        own = image.format or "PNG"
        if getattr(image, "is_animated", False):
            for width, kind in wanted:
                image.seek(0)
                made[width, kind] = _encode_animation(image, kind or own, width)[0]
            return made
        largest = max(width for width, _ in wanted)
        turned = image.getexif().get(ORIENTATION_TAG, 1) in (5, 6, 7, 8)  # shown 90° turned
        upright = (image.height, image.width) if turned else image.size
        if largest < upright[0]:
            # draft() lets JPEG decode at a fraction of the size: much faster for big photos
            wanted_size = _scaled(upright, largest)
            image.draft("RGB", (wanted_size[1], wanted_size[0]) if turned else wanted_size)
        image.load()
        icc = image.info.get("icc_profile")
        transparency = image.info.get("transparency")
        ImageOps.exif_transpose(image, in_place=True)
        for width, kind in sorted(wanted, key=lambda item: item[0], reverse=True):
            if width < image.width:
                size = _scaled(image.size, width)
                picture = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            else:
                picture = image.copy()
            if transparency is not None:
                picture.info["transparency"] = transparency
            target = kind or own
            if target == "WEBP" and picture.mode not in ("RGB", "RGBA", "L", "LA"):
                alpha = "A" in picture.mode or "transparency" in picture.info
                picture = picture.convert("RGBA" if alpha else "RGB")
            made[width, kind] = encode(picture, target, icc=icc)[0]
    return made
