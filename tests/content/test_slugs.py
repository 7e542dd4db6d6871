"""Slugs: a given slug is kept when it can be a path segment, a made-up one is normalised."""

from __future__ import annotations

import pytest

from inkwell.content.slugs import MAX_SLUG, given_slug, is_path_segment, make_slug


@pytest.mark.parametrize("slug", ["some_notes", "Some_Notes", "2021.05", "café", "a~b"])
def test_a_path_segment_is_kept(slug: str) -> None:
    assert given_slug(slug) == slug


@pytest.mark.parametrize("slug", ["a/b", "a b", "a?b", "a#b", "100%", "..", "tab\there"])
def test_what_cannot_be_a_path_segment_is_normalised(slug: str) -> None:
    assert not is_path_segment(slug)
    assert is_path_segment(given_slug(slug))


def test_a_long_given_slug_is_cut() -> None:
    assert given_slug("x" * 300) == "x" * MAX_SLUG


def test_a_made_up_slug_is_lowercase_ascii() -> None:
    assert make_slug("Some_Notes on Wörk") == "some-notes-on-work"
