"""Ghost's srcset and sizes for the site's own images (render.responsive)."""

from __future__ import annotations

import pytest

from inkwell.render import RenderOptions, render_markdown
from inkwell.render.responsive import local_image_path, local_image_paths, sizes, srcset

SITE = "https://blog.example"


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (500, None),
        (600, "/content/images/a.png 600w"),
        (800, "/content/images/size/w600/a.png 600w, /content/images/a.png 800w"),
        (
            1600,
            "/content/images/size/w600/a.png 600w, /content/images/size/w1000/a.png 1000w, "
            "/content/images/a.png 1600w",
        ),
        (
            4000,
            "/content/images/size/w600/a.png 600w, /content/images/size/w1000/a.png 1000w, "
            "/content/images/size/w1600/a.png 1600w",
        ),
    ],
)
def test_srcset_like_ghost(width: int, expected: str | None) -> None:
    assert srcset("/content/images/a.png", width) == expected


def test_sizes_like_ghost() -> None:
    assert sizes("regular", 720) == "(min-width: 720px) 720px"
    assert sizes("regular", 719) is None
    assert sizes("wide", 1199) is None
    assert sizes("wide", 1200) == "(min-width: 1200px) 1200px"
    assert sizes("full", 3000) is None


@pytest.mark.parametrize(
    ("src", "path"),
    [
        ("/content/images/2026/12/a.png", "2026/12/a.png"),
        ("https://blog.example/content/images/2026/12/a.JPG", "2026/12/a.JPG"),
        ("https://other.example/content/images/2026/12/a.png", None),
        ("/content/images/size/w600/2026/12/a.png", None),
        ("/content/images/2026/12/a.svg", None),
        ("/content/images/2026/12/a.png?v=1", None),
        ("/content/images/../secret.png", None),
        ("/elsewhere/content/images/a.png", None),
    ],
)
def test_local_image_path(src: str, path: str | None) -> None:
    assert local_image_path(src, SITE) == path


def test_local_image_paths_in_a_source() -> None:
    text = '![a](/content/images/2026/12/a.png "t") <img src="/content/images/b.jpg"> ' + (
        "/content/images/size/w600/c.png"
    )
    assert list(local_image_paths(text)) == ["2026/12/a.png", "b.jpg"]


def test_markdown_width_is_enough_for_a_srcset() -> None:
    html = render_markdown("![A](/content/images/a.png){width=1000 height=500}")
    assert 'srcset="/content/images/size/w600/a.png 600w, /content/images/a.png 1000w"' in html
    assert 'sizes="(min-width: 720px) 720px"' in html


def test_known_sizes_fill_width_and_height() -> None:
    options = RenderOptions(image_sizes={"2026/12/a.png": (640, 480)})
    html = render_markdown("![A](/content/images/2026/12/a.png){.full}", options)
    assert 'width="640" height="480" srcset="/content/images/size/w600/2026/12/a.png 600w, ' in html
    assert "sizes=" not in html


def test_other_hosts_get_no_srcset() -> None:
    html = render_markdown("![A](https://cdn.example/a.png){width=1000 height=500}")
    assert "srcset" not in html
