"""What the Ghost APIs add to Inkwell: integrations, the Content and Admin APIs, webhooks."""

from __future__ import annotations

from inkwell.core.features import Feature
from inkwell.ghost_api import deliveries
from inkwell.settings import Settings

feature = Feature[Settings](
    name="ghost_api", models=("inkwell.ghost_api.models",), jobs=deliveries.JOBS
)
