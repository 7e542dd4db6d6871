"""What content adds to Inkwell: posts, pages, tags, profiles; demo content on first start."""

from __future__ import annotations

from inkwell.content import bootstrap
from inkwell.core.features import Feature
from inkwell.settings import Settings

feature = Feature[Settings](
    name="content",
    models=("inkwell.content.models",),
    startup=(bootstrap.ensure_demo_content,),
)
