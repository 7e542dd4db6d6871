"""The comments feature's door: everything another feature may ask of comments.

Other features import this module only (an import contract says so). Each part of the
feature adds what it offers here, in its own section.
"""

from __future__ import annotations

from inkwell.comments.import_records import (
    ImportedComment,
    ImportedThread,
    ImportReport,
    UnmatchedThread,
)
from inkwell.comments.imports import import_comments
from inkwell.comments.settings import (
    CommentSettings,
    CommentSettingsError,
)
from inkwell.comments.settings import load as read_settings
from inkwell.comments.settings import load_cached as read_settings_cached
from inkwell.comments.settings import update as update_settings

__all__ = [
    # imports
    "ImportReport",
    "ImportedComment",
    "ImportedThread",
    "UnmatchedThread",
    "import_comments",
    # settings
    "CommentSettings",
    "CommentSettingsError",
    "read_settings",
    "read_settings_cached",
    "update_settings",
]
