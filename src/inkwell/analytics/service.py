"""The analytics feature's door: everything another feature (the admin, the site's theme)
may ask of analytics.

Other features import this module only (an import contract says so). Each part of the
feature adds what it offers here, in its own section.
"""

from __future__ import annotations

from inkwell.analytics.days import today_in, zone_of
from inkwell.analytics.settings import AnalyticsSettings, AnalyticsSettingsError
from inkwell.analytics.settings import load as read_settings
from inkwell.analytics.settings import load_cached as read_settings_cached
from inkwell.analytics.settings import update as update_settings
from inkwell.analytics.stats import (
    Hours,
    Interval,
    Numbers,
    Query,
    TimeStep,
    breakdown,
    hours,
    numbers,
    realtime_visitors,
)
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
    "Hours",
    "Interval",
    "Metrics",
    "Numbers",
    "Query",
    "TimeStep",
    "breakdown",
    "hours",
    "numbers",
    "realtime_visitors",
    "timeseries",
    "today_in",
    "zone_of",
]
__all__ += [
    # what the theme puts in pages
    "Tracking",
    "tracking",
]

# --- the privacy policy page (privacy_page.py; its text: privacy_policy.py) ---------------
from inkwell.analytics.privacy_page import PolicyStatus, policy_status  # noqa: E402

__all__ += ["PolicyStatus", "policy_status"]

# --- the admin's pages: the chart, filter comparisons and the Stats API keys ------------------
# (the keys themselves live in ``keys``; the CLI and the Stats API use the same functions)

from inkwell.analytics.chart import Point as ChartPoint  # noqa: E402
from inkwell.analytics.chart import line_chart, sparkline  # noqa: E402
from inkwell.analytics.keys import StatsKeyError, create_key, delete_key, list_keys  # noqa: E402
from inkwell.analytics.models import StatsKey  # noqa: E402
from inkwell.analytics.summary import Op  # noqa: E402

__all__ += [
    "ChartPoint",
    "Op",
    "StatsKey",
    "StatsKeyError",
    "create_key",
    "delete_key",
    "line_chart",
    "list_keys",
    "sparkline",
]
