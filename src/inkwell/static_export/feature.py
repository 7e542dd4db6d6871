"""What the static export adds to Inkwell: ``inkwell build``."""

from __future__ import annotations

from inkwell.core.features import Feature
from inkwell.settings import Settings
from inkwell.static_export import commands

feature = Feature[Settings](name="static_export", commands=commands.register)
