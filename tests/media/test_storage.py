"""Dated, collision-free paths in the media folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from inkwell.media import storage

WHEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_files_go_under_year_and_month_with_a_safe_name(tmp_path: Path) -> None:
    path = storage.store_new(tmp_path, "Mein Föto (1).JPG", ".jpg", b"x", WHEN)
    assert path == "2026/12/mein-foto-1.jpg"
    assert (tmp_path / path).read_bytes() == b"x"


def test_a_taken_name_gets_a_number(tmp_path: Path) -> None:
    first = storage.store_new(tmp_path, "photo.jpg", ".jpg", b"1", WHEN)
    second = storage.store_new(tmp_path, "photo.jpg", ".jpg", b"2", WHEN)
    third = storage.store_new(tmp_path, "photo.png", ".jpg", b"3", WHEN)
    assert (first, second, third) == (
        "2026/12/photo.jpg",
        "2026/12/photo-2.jpg",
        "2026/12/photo-3.jpg",
    )
    assert (tmp_path / first).read_bytes() == b"1"


def test_an_imported_file_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "2026" / "12"
    folder.mkdir(parents=True)
    (folder / "cover.png").write_bytes(b"imported")
    assert storage.store_new(tmp_path, "cover.png", ".png", b"new", WHEN) == "2026/12/cover-2.png"
    assert (folder / "cover.png").read_bytes() == b"imported"


def test_the_extension_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    assert (
        storage.store_new(tmp_path, "trick.php.jpg", ".png", b"x", WHEN) == "2026/12/trick-php.png"
    )


def test_names_without_letters_fall_back(tmp_path: Path) -> None:
    assert storage.store_new(tmp_path, "../../???.jpg", ".jpg", b"x", WHEN) == "2026/12/image.jpg"


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    storage.store_new(tmp_path, "a.png", ".png", b"x", WHEN)
    assert sorted(p.name for p in (tmp_path / "2026" / "12").iterdir()) == ["a.png"]


def test_variant_paths_follow_ghost() -> None:
    assert storage.variant_path("2026/12/a.png", 600) == "size/w600/2026/12/a.png"
    assert (
        storage.variant_path("2026/12/a.png", 600, "webp") == "size/w600/format/webp/2026/12/a.png"
    )


def test_stored_paths_are_recognised() -> None:
    assert storage.is_stored_path("2026/12/a-2.png")
    assert not storage.is_stored_path("2026/12/../../etc/passwd")
    assert not storage.is_stored_path("size/w600/2026/12/a.png")
    assert not storage.is_stored_path("2026/12/.hidden")
