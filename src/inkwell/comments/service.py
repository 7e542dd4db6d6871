"""The comments feature's door: everything another feature may ask of comments.

Other features import this module only (an import contract says so). Each part of the
feature adds what it offers here, in its own section.
"""

from __future__ import annotations

from inkwell.comments.settings import (
    CommentSettings,
    CommentSettingsError,
)
from inkwell.comments.settings import load as read_settings
from inkwell.comments.settings import load_cached as read_settings_cached
from inkwell.comments.settings import update as update_settings

__all__ = [
    # settings
    "CommentSettings",
    "CommentSettingsError",
    "read_settings",
    "read_settings_cached",
    "update_settings",
]

# --- moderation: the queue, approve / spam / remove / edit, blocks -------------------------
from inkwell.comments.blocks import BLOCK_KINDS, BlockView, is_blocked, list_blocks
from inkwell.comments.moderation import (
    ModerationError,
    UnknownComments,
    all_pending_ids,
    approve,
    block,
    comment_posts,
    mark_spam,
    moderator_edit,
    remove,
    remove_blocks,
    unblock,
)
from inkwell.comments.queue import (
    QUEUE_STATUSES,
    QueueItem,
    QueuePage,
    queue,
    queue_counts,
)

__all__ += [
    "BLOCK_KINDS",
    "QUEUE_STATUSES",
    "BlockView",
    "ModerationError",
    "QueueItem",
    "QueuePage",
    "UnknownComments",
    "all_pending_ids",
    "approve",
    "block",
    "comment_posts",
    "is_blocked",
    "list_blocks",
    "mark_spam",
    "moderator_edit",
    "queue",
    "queue_counts",
    "remove",
    "remove_blocks",
    "unblock",
]
