"""Abstract illustrations for the demo posts, drawn with Pillow so that no image file is shipped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

Size = tuple[int, int]
TEAL, AMBER, PLUM, CREAM, INK = (
    (38, 139, 150),
    (232, 163, 61),
    (128, 74, 122),
    (247, 240, 226),
    (40, 44, 52),
)


def _circles(draw: ImageDraw.ImageDraw, size: Size) -> None:
    w, h = size
    for i, colour in enumerate((TEAL, AMBER, PLUM)):
        cx = w * (0.32 + 0.18 * i)
        draw.ellipse((cx - h * 0.3, h * 0.2, cx + h * 0.3, h * 0.8), outline=colour, width=18)


def _stripes(draw: ImageDraw.ImageDraw, size: Size) -> None:
    w, h = size
    palette = (TEAL, AMBER, PLUM, INK)
    band = h // 12
    for i in range(12):
        draw.rectangle((0, i * band, w, (i + 1) * band), fill=palette[i % len(palette)])


def _graph(draw: ImageDraw.ImageDraw, size: Size) -> None:
    w, h = size
    heights = (0.2, 0.3, 0.25, 0.8, 0.35, 0.28)
    bar = w // (len(heights) * 2)
    for i, fraction in enumerate(heights):
        x = bar // 2 + i * bar * 2
        colour = AMBER if fraction > 0.5 else TEAL
        draw.rectangle((x, h - int(h * fraction), x + bar, h - 40), fill=colour)


def _lamp(draw: ImageDraw.ImageDraw, size: Size) -> None:
    w, h = size
    draw.polygon(
        [(w * 0.35, h * 0.2), (w * 0.55, h * 0.2), (w * 0.62, h * 0.45), (w * 0.28, h * 0.45)],
        fill=AMBER,
    )
    draw.line((w * 0.45, h * 0.45, w * 0.45, h * 0.8), fill=INK, width=16)
    draw.rectangle((w * 0.33, h * 0.8, w * 0.57, h * 0.85), fill=INK)
    draw.ellipse((w * 0.2, h * 0.5, w * 0.7, h * 0.95), outline=(250, 214, 150), width=6)


_DRAWINGS: dict[str, tuple[Size, Callable[[ImageDraw.ImageDraw, Size], None]]] = {
    "circles.png": ((1200, 800), _circles),
    "stripes.png": ((2000, 800), _stripes),
    "graph.png": ((1200, 800), _graph),
    "lamp.png": ((1600, 900), _lamp),
}


def draw_all(folder: Path) -> list[Path]:
    """Write every demo image into ``folder`` (kept when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (size, drawing) in _DRAWINGS.items():
        path = folder / name
        if not path.exists():
            image = Image.new("RGB", size, CREAM)
            drawing(ImageDraw.Draw(image), size)
            image.save(path, optimize=True)
        written.append(path)
    return written
