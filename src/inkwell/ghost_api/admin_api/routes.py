"""The Admin API assembled: every resource's router under ``/ghost/api/admin``, and under the
versioned prefixes (``/ghost/api/v4/admin``...) older clients still call."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from inkwell.content.service import PostType
from inkwell.ghost_api.admin_api import common, images, site, tags, users, webhooks
from inkwell.ghost_api.admin_api.posts import posts_router
from inkwell.settings import Settings


def admin_router() -> APIRouter:
    """Every Admin API route, without a prefix."""
    router = APIRouter()
    router.include_router(posts_router(PostType.POST))
    router.include_router(posts_router(PostType.PAGE))
    for part in (tags.router, users.router, site.router, images.router, webhooks.router):
        router.include_router(part)
    return router


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the Admin API (under its prefix and the versioned ones)."""
    routes = admin_router()
    app.include_router(routes, prefix=common.PREFIX)
    for prefix in common.VERSIONED_PREFIXES:
        app.include_router(routes, prefix=prefix, include_in_schema=False)
