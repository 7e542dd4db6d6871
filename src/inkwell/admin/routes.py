"""The admin's URLs: ``install(app, settings)`` adds every admin page, the editor's API and the
admin's static files. Each page's routes live in a module named after it."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from inkwell.admin import (
    account,
    analytics,
    analytics_settings,
    comment_blocks,
    comment_settings,
    comment_switch,
    comments,
    dashboard,
    editor,
    editor_api,
    integrations,
    media_pages,
    posts,
    redirects,
    revisions,
    settings_pages,
    staff,
    tags,
)
from inkwell.admin.web import STATIC
from inkwell.settings import Settings

ROUTERS = (
    dashboard.router,
    posts.router,
    editor.router,
    editor_api.router,
    revisions.router,
    tags.router,
    staff.router,
    settings_pages.router,
    comment_settings.router,
    comments.router,
    comment_blocks.router,
    comment_switch.router,
    media_pages.router,
    redirects.router,
    integrations.router,
    account.router,
    analytics.router,
    analytics_settings.router,
)


def install(app: FastAPI, settings: Settings) -> None:
    """Add the admin pages, the editor's API and ``/admin/static/`` to ``app``."""
    for router in ROUTERS:
        app.include_router(router)
    # Asset URLs carry a hash of the file (web.static_url), so a new version is a new URL.
    app.mount("/admin/static", StaticFiles(directory=STATIC), name="admin-static")
