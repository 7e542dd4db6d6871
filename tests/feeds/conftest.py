"""Fixtures for the feed tests; the builders themselves live in ``support.py``."""

from __future__ import annotations

import pytest

from inkwell.feeds import FeedSite

from .support import ItemFactory, build_item, build_site


@pytest.fixture
def site() -> FeedSite:
    return build_site()


@pytest.fixture
def make_item() -> ItemFactory:
    """``make_item(title=..., html=...)``: a complete FeedItem with the given fields changed."""
    return build_item
