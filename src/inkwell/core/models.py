"""Imports every feature's models so that the metadata (and Alembic) sees all tables."""

from __future__ import annotations


def load_all_models() -> None:
    """Import the model modules of every feature."""
    import inkwell.content.models  # noqa: F401
