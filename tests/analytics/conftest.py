"""Analytics fixtures shared by the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inkwell.analytics import visitors


@pytest.fixture(autouse=True)
def no_remembered_salt() -> Iterator[None]:
    """Each test starts with no salt remembered: the tables are emptied between tests, and a
    salt held in memory would outlive its row."""
    visitors._current.clear()
    yield
    visitors._current.clear()
