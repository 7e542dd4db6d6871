"""Analytics fixtures: the app on the test's own database (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from tests.app_on_test_database import settings, site_database  # noqa: F401
