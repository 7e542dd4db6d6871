"""What analytics adds to Inkwell: its tables, the collection endpoints, the jobs that roll up
and expire events and discard salts, and the ``inkwell analytics`` commands."""

from __future__ import annotations

from inkwell.analytics import privacy_page
from inkwell.core import events
from inkwell.core.features import Feature
from inkwell.settings import Settings

# --- privacy policy page: written at start, refreshed (a job) when its settings change
events.subscribe_batch("settings.changed", privacy_page.on_settings_changed)
PRIVACY_JOBS = {privacy_page.JOB: privacy_page.refresh_job}
PRIVACY_STARTUP = (privacy_page.startup,)
# --- end privacy policy page

feature = Feature[Settings](
    name="analytics",
    models=("inkwell.analytics.models",),
    startup=(*PRIVACY_STARTUP,),
    jobs={**PRIVACY_JOBS},
)
