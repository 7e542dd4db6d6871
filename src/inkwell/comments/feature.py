"""What comments add to Inkwell: their tables and events (routes, commands and jobs join as the
parts land)."""

from __future__ import annotations

from inkwell.core import events
from inkwell.core.features import Feature
from inkwell.settings import Settings

# Every comment event carries ``post_id`` (None for another site's page): core.changes drops
# that post's cached pages, so a post page shows its comments as soon as they change.
EVENTS = (
    "comment.added",
    "comment.approved",
    "comment.edited",
    "comment.deleted",
    "comment.spam",
    "comment.liked",
    # a post's own open/closed switch changed (data: post_id, open)
    "comment.thread_changed",
)
events.declare(*EVENTS)

feature = Feature[Settings](
    name="comments",
    models=("inkwell.comments.models",),
)
