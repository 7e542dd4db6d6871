"""Unit tests of the accent colour helpers."""

from __future__ import annotations

import pytest

from inkwell.site import colors


def test_contrast_of_black_on_white() -> None:
    assert colors.contrast("#000000", "#ffffff") == pytest.approx(21.0)


def test_contrast_is_symmetric() -> None:
    assert colors.contrast("#0b6bcb", "#ffffff") == colors.contrast("#ffffff", "#0b6bcb")


@pytest.mark.parametrize(
    "accent", ["#ffee00", "#ff1a75", "#0b6bcb", "#000000", "#ffffff", "#15171a"]
)
def test_palette_reads_on_both_backgrounds(accent: str) -> None:
    palette = colors.accent_palette(accent)
    assert colors.contrast(palette["--accent-text-light"], colors.LIGHT_BACKGROUND) >= 4.5
    assert colors.contrast(palette["--accent-text-dark"], colors.DARK_BACKGROUND) >= 4.5
    assert colors.contrast(palette["--accent-ink"], accent) >= 4.5


def test_readable_colour_is_kept_when_already_readable() -> None:
    assert colors.readable_on("#0b6bcb", "#ffffff") == "#0b6bcb"
