"""Fixtures of the content tests: the domain events a test's commits delivered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inkwell.core import events


@pytest.fixture
def heard() -> Iterator[list[events.Event]]:
    """Every event delivered (after a commit) while the test runs, oldest first."""
    received: list[events.Event] = []
    unsubscribe = events.subscribe("*", received.append)
    try:
        yield received
    finally:
        unsubscribe()
