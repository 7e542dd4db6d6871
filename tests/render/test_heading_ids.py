"""Heading slugs and their de-duplication."""

from __future__ import annotations

from inkwell.render import heading_slug
from inkwell.render.heading_ids import SlugAllocator


def test_slug_is_lowercase_and_hyphenated() -> None:
    assert heading_slug("  The Settings  ") == "the-settings"


def test_apostrophes_do_not_split_words() -> None:
    assert heading_slug("What’s new? What's next!") == "whats-new-whats-next"


def test_non_ascii_is_transliterated() -> None:
    assert heading_slug("Café & Crème") == "cafe-creme"


def test_entity_like_text_is_literal() -> None:
    assert heading_slug("AT&amp;T") == "at-amp-t"


def test_text_without_letters_falls_back() -> None:
    assert heading_slug("🎉 !!") == "section"


def test_empty_text_has_no_slug() -> None:
    assert heading_slug(" \n") == ""


def test_allocator_numbers_repeats() -> None:
    slugs = SlugAllocator()
    assert [slugs.claim("setup") for _ in range(3)] == ["setup", "setup-1", "setup-2"]


def test_allocator_skips_reserved_ids() -> None:
    slugs = SlugAllocator({"setup", "setup-1"})
    assert slugs.claim("setup") == "setup-2"


def test_allocator_reserve() -> None:
    slugs = SlugAllocator()
    slugs.reserve("intro")
    assert slugs.claim("intro") == "intro-1"
