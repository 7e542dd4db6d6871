"""What analytics adds to Inkwell: its tables, the collection endpoints, the jobs that roll up
and expire events and discard salts, and the ``inkwell analytics`` commands."""

from __future__ import annotations

from inkwell.core.features import Feature
from inkwell.settings import Settings

feature = Feature[Settings](
    name="analytics",
    models=("inkwell.analytics.models",),
)
