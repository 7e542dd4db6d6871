"""The analytics feature's door: everything another feature (the admin, the site's theme)
may ask of analytics.

Other features import this module only (an import contract says so). Each part of the
feature adds what it offers here, in its own section.
"""

from __future__ import annotations

from inkwell.analytics.settings import AnalyticsSettings, AnalyticsSettingsError
from inkwell.analytics.settings import load as read_settings
from inkwell.analytics.settings import load_cached as read_settings_cached
from inkwell.analytics.settings import update as update_settings
from inkwell.analytics.stats import Interval, Numbers, Query, breakdown, numbers, realtime_visitors
from inkwell.analytics.stats import series as timeseries
from inkwell.analytics.summary import DIMENSIONS, TOTAL, Filter, Metrics
from inkwell.analytics.tracking import Tracking, tracking

__all__ = [
    # settings
    "AnalyticsSettings",
    "AnalyticsSettingsError",
    "read_settings",
    "read_settings_cached",
    "update_settings",
]
__all__ += [
    # reading the numbers
    "DIMENSIONS",
    "TOTAL",
    "Filter",
    "Interval",
    "Metrics",
    "Numbers",
    "Query",
    "breakdown",
    "numbers",
    "realtime_visitors",
    "timeseries",
]
__all__ += [
    # what the theme puts in pages
    "Tracking",
    "tracking",
]

# --- the privacy policy page (privacy_page.py; its text: privacy_policy.py) ---------------
from inkwell.analytics.privacy_page import PolicyStatus, policy_status  # noqa: E402

__all__ += ["PolicyStatus", "policy_status"]
