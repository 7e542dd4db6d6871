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

# --- core: posting, threads, reading, one's own comments (comments/posting.py, threads.py,
# listing.py, own.py, spam.py; the values in types.py) ---
from inkwell.comments.listing import comment_counts, list_thread
from inkwell.comments.own import (
    delete_own_comment,
    edit_comment,
    like_comment,
    unlike_comment,
)
from inkwell.comments.posting import post_comment
from inkwell.comments.spam import issue_form_token
from inkwell.comments.threads import set_thread_open, thread_state
from inkwell.comments.types import (
    AuthorView,
    Commenter,
    CommentInputError,
    CommentView,
    Posted,
    Submission,
    ThreadPage,
    ThreadState,
    TooManyComments,
)
from inkwell.comments.views import MAX_DEPTH

__all__ += [
    "MAX_DEPTH",
    "AuthorView",
    "CommentInputError",
    "CommentView",
    "Commenter",
    "Posted",
    "Submission",
    "ThreadPage",
    "ThreadState",
    "TooManyComments",
    "comment_counts",
    "delete_own_comment",
    "edit_comment",
    "issue_form_token",
    "like_comment",
    "list_thread",
    "post_comment",
    "set_thread_open",
    "thread_state",
    "unlike_comment",
]

# --- moderation: the queue, approve / spam / remove / edit, blocks -------------------------
from inkwell.comments.blocks import BLOCK_KINDS, BlockView, is_blocked, list_blocks  # noqa: E402
from inkwell.comments.moderation import (  # noqa: E402
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
from inkwell.comments.queue import MAX_LIMIT as QUEUE_MAX_LIMIT  # noqa: E402
from inkwell.comments.queue import (  # noqa: E402
    QUEUE_STATUSES,
    QueueItem,
    QueuePage,
    queue,
    queue_counts,
    queue_item,
)
from inkwell.comments.thread_switch import thread_switch  # noqa: E402

__all__ += [
    "BLOCK_KINDS",
    "QUEUE_MAX_LIMIT",
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
    "queue_item",
    "remove",
    "remove_blocks",
    "thread_switch",
    "unblock",
]

# --- widget: who writes (for the JSON API and the plain form), the widget's URLs
# (comments/commenters.py, widget.py) ---
from inkwell.comments.commenters import commenter_for, request_address  # noqa: E402
from inkwell.comments.widget import FORM_PATH  # noqa: E402
from inkwell.comments.widget import script_url as widget_script_url  # noqa: E402
from inkwell.comments.widget import style_url as widget_style_url  # noqa: E402

__all__ += [
    "FORM_PATH",
    "commenter_for",
    "request_address",
    "widget_script_url",
    "widget_style_url",
]

# --- imports: another system's comments (comments/imports.py, import_records.py) ---
from inkwell.comments.import_records import (  # noqa: E402 - each part's section
    ImportedComment,
    ImportedThread,
    ImportReport,
    UnmatchedThread,
)
from inkwell.comments.imports import import_comments  # noqa: E402

__all__ += [
    "ImportReport",
    "ImportedComment",
    "ImportedThread",
    "UnmatchedThread",
    "import_comments",
]
