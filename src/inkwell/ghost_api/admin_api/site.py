"""``/ghost/api/admin/site/`` (no authentication, as in Ghost: clients read it to find the
site) and the member resources a site without members answers: no members, newsletters,
tiers or offers, each an empty page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from starlette.responses import Response

from inkwell.content import service as content
from inkwell.ghost_api.admin_api import common
from inkwell.ghost_api.admin_writes import not_found
from inkwell.ghost_api.auth import AdminCallerDep
from inkwell.ghost_api.serializers import pagination
from inkwell.ghost_api.serializers.context import GHOST_VERSION

router = APIRouter()

# Inkwell has no members: these answer as a Ghost site with none (and no paid tiers) does.
EMPTY_RESOURCES = ("members", "newsletters", "tiers", "offers", "labels")


@router.get("/site/")
async def read_site(request: Request) -> Response:
    """The site's title, description, logo, icon, accent colour, locale, URL and version."""
    settings = common.settings_of(request)
    async with common.database(request).session() as session:
        site = await content.load_settings_cached(session)
    base = settings.site_url.rstrip("/") + "/"

    def absolute(url: str | None) -> str | None:
        return None if not url else (url if "://" in url else base + url.lstrip("/"))

    body = {
        "title": site.title,
        "description": site.description,
        "logo": absolute(site.logo),
        "icon": absolute(site.icon),
        "accent_color": site.accent_color.upper(),
        "locale": site.locale,
        "url": base,
        "version": GHOST_VERSION,
    }
    return common.answer({"site": body})


Route = Callable[..., Awaitable[Response]]


def _empty_browse(resource: str) -> Route:
    async def browse(request: Request, caller: AdminCallerDep) -> Response:
        body = {resource: [], "meta": {"pagination": pagination(1, 15, 0)}}
        return common.answer(body)

    browse.__doc__ = f"No {resource}: an empty page."
    return browse


def _empty_read(resource: str) -> Route:
    async def read(request: Request, caller: AdminCallerDep, item_id: str) -> Response:
        raise not_found(resource[:-1])

    read.__doc__ = f"No {resource[:-1]} has any id: 404."
    return read


for _resource in EMPTY_RESOURCES:
    router.add_api_route(f"/{_resource}/", _empty_browse(_resource), methods=["GET"])
    router.add_api_route(f"/{_resource}/{{item_id}}/", _empty_read(_resource), methods=["GET"])
