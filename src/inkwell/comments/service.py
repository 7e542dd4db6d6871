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

# widget: who writes (for the JSON API and the plain form), the widget's URLs
from inkwell.comments.commenters import commenter_for, request_address  # noqa: E402
from inkwell.comments.widget import FORM_PATH  # noqa: E402
from inkwell.comments.widget import script_url as widget_script_url  # noqa: E402
from inkwell.comments.widget import style_url as widget_style_url  # noqa: E402

__all__ = [
    # settings
    "CommentSettings",
    "CommentSettingsError",
    "read_settings",
    "read_settings_cached",
    "update_settings",
    # widget
    "FORM_PATH",
    "commenter_for",
    "request_address",
    "widget_script_url",
    "widget_style_url",
]
