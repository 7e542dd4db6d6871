"""The accent colour, made readable: WCAG contrast and lighter/darker variants for each scheme.

A site's accent colour is chosen for looks; links drawn in it must still reach contrast AA (4.5:1)
on the light and on the dark background, so the theme gets a variant for each.
"""

from __future__ import annotations

from functools import lru_cache

# The page backgrounds of the default theme (screen.css uses the same values).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#16181d"
AA_TEXT = 4.5


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255.0, max(0.0, c))):02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2 defines it."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """``colour``, mixed step by step toward black or white until it reads on ``background``."""
    target = (0.0, 0.0, 0.0) if luminance(background) > 0.5 else (255.0, 255.0, 255.0)
    r, g, b = _rgb(colour)
    tr, tg, tb = target
    for step in range(21):
        t = step / 20
        mixed = _hex((r + (tr - r) * t, g + (tg - g) * t, b + (tb - b) * t))
        if contrast(mixed, background) >= minimum:
            return mixed
    return _hex(target)


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on a surface of ``colour``."""
    return "#000000" if contrast(colour, "#000000") >= contrast(colour, "#ffffff") else "#ffffff"


def accent_palette(accent: str) -> dict[str, str]:
    """CSS custom properties the theme uses for the accent colour."""
    return dict(_palette(accent))


@lru_cache(maxsize=16)
def _palette(accent: str) -> dict[str, str]:
    # Contrast maths on every page view would cost more than the rest of the header.
    return {
        "--accent": accent,
        "--accent-ink": ink_on(accent),
        "--accent-text-light": readable_on(accent, LIGHT_BACKGROUND),
        "--accent-text-dark": readable_on(accent, DARK_BACKGROUND),
    }
