"""The Content API's routes: thin, each one authenticates the key, validates the parameters
and answers what ``resources`` reads, as Ghost's compact JSON with Ghost's headers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from starlette.responses import Response

from inkwell.core.deps import SessionDep
from inkwell.ghost_api.auth import ApiCaller, ContentKeyDep
from inkwell.ghost_api.content_api import resources
from inkwell.ghost_api.content_api.responses import api_json, preflight
from inkwell.ghost_api.errors import NotFoundError
from inkwell.ghost_api.params import ApiParams, Resource, parse_params

router = APIRouter(prefix="/ghost/api/content")


Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def _get(path: str) -> Callable[[Endpoint], Endpoint]:
    """A read route, answering HEAD as GET (the body is dropped in front of the app)."""
    decorator: Callable[[Endpoint], Endpoint] = router.api_route(path, methods=["GET", "HEAD"])
    return decorator


def _site_url(request: Request) -> str:
    return str(request.app.state.settings.site_url)


def _params(request: Request, resource: Resource) -> ApiParams:
    return parse_params(request.query_params, resource)


def _answer(request: Request, caller: ApiCaller, body: dict[str, Any], *tags: str) -> Response:
    return api_json(request, body, key_tag=caller.cache_tag, tags=tags)


@_get("/posts/")
async def browse_posts(request: Request, caller: ContentKeyDep, session: SessionDep) -> Response:
    """Published posts."""
    params = _params(request, "posts")
    body = await resources.browse_posts(session, _site_url(request), "posts", params)
    return _answer(request, caller, body)


@_get("/posts/slug/{slug}/")
async def read_post_by_slug(
    slug: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One published post by slug."""
    params = _params(request, "posts")
    body = await resources.read_post(session, _site_url(request), "posts", params, slug=slug)
    return _answer(request, caller, body)


@_get("/posts/{post_id}/")
async def read_post(
    post_id: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One published post by id."""
    params = _params(request, "posts")
    body = await resources.read_post(session, _site_url(request), "posts", params, id=post_id)
    return _answer(request, caller, body)


@_get("/pages/")
async def browse_pages(request: Request, caller: ContentKeyDep, session: SessionDep) -> Response:
    """Published pages."""
    params = _params(request, "pages")
    body = await resources.browse_posts(session, _site_url(request), "pages", params)
    return _answer(request, caller, body)


@_get("/pages/slug/{slug}/")
async def read_page_by_slug(
    slug: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One published page by slug."""
    params = _params(request, "pages")
    body = await resources.read_post(session, _site_url(request), "pages", params, slug=slug)
    return _answer(request, caller, body)


@_get("/pages/{page_id}/")
async def read_page(
    page_id: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One published page by id."""
    params = _params(request, "pages")
    body = await resources.read_post(session, _site_url(request), "pages", params, id=page_id)
    return _answer(request, caller, body)


@_get("/tags/")
async def browse_tags(request: Request, caller: ContentKeyDep, session: SessionDep) -> Response:
    """Public tags."""
    body = await resources.browse_tags(session, _site_url(request), _params(request, "tags"))
    return _answer(request, caller, body, "tags")


@_get("/tags/slug/{slug}/")
async def read_tag_by_slug(
    slug: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One public tag by slug."""
    params = _params(request, "tags")
    body = await resources.read_tag(session, _site_url(request), params, slug=slug)
    return _answer(request, caller, body, "tags")


@_get("/tags/{tag_id}/")
async def read_tag(
    tag_id: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One public tag by id."""
    params = _params(request, "tags")
    body = await resources.read_tag(session, _site_url(request), params, id=tag_id)
    return _answer(request, caller, body, "tags")


@_get("/authors/")
async def browse_authors(request: Request, caller: ContentKeyDep, session: SessionDep) -> Response:
    """Authors' public profiles."""
    params = _params(request, "authors")
    body = await resources.browse_authors(session, _site_url(request), params)
    return _answer(request, caller, body, "authors")


@_get("/authors/slug/{slug}/")
async def read_author_by_slug(
    slug: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One author by slug."""
    params = _params(request, "authors")
    body = await resources.read_author(session, _site_url(request), params, slug=slug)
    return _answer(request, caller, body, "authors")


@_get("/authors/{author_id}/")
async def read_author(
    author_id: str, request: Request, caller: ContentKeyDep, session: SessionDep
) -> Response:
    """One author by id."""
    params = _params(request, "authors")
    body = await resources.read_author(session, _site_url(request), params, id=author_id)
    return _answer(request, caller, body, "authors")


@_get("/settings/")
async def settings(request: Request, caller: ContentKeyDep, session: SessionDep) -> Response:
    """The site's public settings."""
    body = await resources.site_settings(session, _site_url(request))
    return _answer(request, caller, body)


@_get("/tiers/")
async def tiers(request: Request, caller: ContentKeyDep) -> Response:
    """No tiers: Inkwell has no paid membership."""
    body = resources.empty_list("tiers", ApiParams())
    return _answer(request, caller, body)


@_get("/newsletters/")
async def newsletters(request: Request, caller: ContentKeyDep) -> Response:
    """No newsletters: Inkwell sends none."""
    body = resources.empty_list("newsletters", ApiParams())
    return _answer(request, caller, body)


@_get("/offers/{offer_id}/")
async def offer(offer_id: str, caller: ContentKeyDep) -> Response:
    """No offer exists on a site without paid membership."""
    raise NotFoundError("Offer not found.")


@router.api_route(
    "/{rest:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
)
async def elsewhere(rest: str, request: Request) -> Response:
    """CORS preflights for every path; Ghost's 404 for any path the Content API has not."""
    if request.method == "OPTIONS":
        return preflight(request)
    raise NotFoundError("Resource not found")
