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
