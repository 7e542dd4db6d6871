"""The OpenAPI 3.0 document of Inkwell's JSON endpoints, served at ``/ghost/api/openapi.json``.

It describes Ghost's Content API (``/ghost/api/content/``), Ghost's Admin API
(``/ghost/api/admin/``) as Inkwell answers them, the admin's own JSON (``/admin/api/``: the
editor's preview and autosave, the media library) and the comments API (``/api/comments``).
The document is written by hand rather than derived from the routes: the routes answer Ghost's
JSON directly, and the document is the promise those answers are tested against
(tests/compat/test_schemathesis.py).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from inkwell import __version__
from inkwell.ghost_api.openapi_comment_schemas import COMMENT_COMPONENTS, READER_SCHEMES
from inkwell.ghost_api.openapi_comments import comments_paths
from inkwell.ghost_api.openapi_inkwell import inkwell_admin_paths
from inkwell.ghost_api.openapi_schemas import (
    COMPONENTS,
    STRING,
    Schema,
    envelope,
    json_content,
    path_param,
    query_param,
    ref,
)

Operation = dict[str, Any]

CONTENT = "/ghost/api/content"
ADMIN = "/ghost/api/admin"
CONTENT_ERRORS = (400, 401, 403, 404)
ADMIN_ERRORS = (400, 401, 403, 404, 422)
WRITE_ERRORS = (*ADMIN_ERRORS, 409, 413, 415)
_STATUS_TEXT = {
    400: "A parameter or the body is not understood (BadRequestError naming it)",
    401: "No valid key or token (UnauthorizedError)",
    403: "The key or user may not do this (NoPermissionError)",
    404: "No such resource (NotFoundError)",
    409: "The resource changed since it was read (UpdateCollisionError)",
    413: "The request is too large (RequestEntityTooLargeError)",
    415: "The upload is not a supported kind of file (UnsupportedMediaTypeError)",
    422: "The body failed validation (ValidationError)",
}

router = APIRouter()


def _errors(statuses: tuple[int, ...]) -> dict[str, Any]:
    return {str(s): json_content(ref("Error"), _STATUS_TEXT[s]) for s in statuses}


_ACCEPT_VERSION: Schema = {
    "name": "Accept-Version",
    "in": "header",
    "required": False,
    "description": "The API version the client was written for (v5.0, v6.0...).",
    "schema": {"type": "string", "pattern": "^v[0-9]+\\.[0-9]+$"},
}
_READ_PARAMS = [
    query_param(
        "include", "Related data: tags, authors, count.posts; on posts and pages count.comments."
    ),
    query_param("fields", "Only these fields of each item (comma list)."),
    query_param("formats", "Content formats: html, plaintext (Admin: also lexical, mobiledoc)."),
    _ACCEPT_VERSION,
]
_BROWSE_PARAMS = [
    *_READ_PARAMS,
    query_param("filter", "A filter in Ghost's NQL, e.g. tag:python+featured:true."),
    query_param(
        "limit",
        "Items per page (default 15), or all.",
        {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": ["all"]}]},
    ),
    query_param("page", "The page (from 1).", {"type": "integer", "minimum": 1}),
    query_param("order", "Order: fields with asc or desc, e.g. published_at desc,title asc."),
]


def _get(summary: str, ok: Schema, params: list[Schema], errors: tuple[int, ...]) -> Operation:
    return {
        "summary": summary,
        "parameters": params,
        "responses": {"200": json_content(ok, "The resource"), **_errors(errors)},
    }


def _content_resource(resource: str, item: str, *, slugs: bool = True) -> dict[str, Any]:
    browse = envelope(resource, ref(item), paginated=True)
    one = envelope(resource, ref(item), paginated=False)
    paths: dict[str, Any] = {
        f"{CONTENT}/{resource}/": {
            "get": _get(f"Browse {resource}", browse, _BROWSE_PARAMS, CONTENT_ERRORS)
        },
        f"{CONTENT}/{resource}/{{id}}/": {
            "get": _get(
                f"Read one of the {resource} by id",
                one,
                [path_param("id"), *_READ_PARAMS],
                CONTENT_ERRORS,
            )
        },
    }
    if slugs:
        paths[f"{CONTENT}/{resource}/slug/{{slug}}/"] = {
            "get": _get(
                f"Read one of the {resource} by slug",
                one,
                [path_param("slug"), *_READ_PARAMS],
                CONTENT_ERRORS,
            )
        }
    return paths


def _body(resource: str, item: Schema, description: str) -> dict[str, Any]:
    schema = {
        "type": "object",
        "required": [resource],
        "properties": {resource: {"type": "array", "minItems": 1, "maxItems": 1, "items": item}},
    }
    return {
        "required": True,
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


_POST_INPUT: Schema = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "maxLength": 255},
        "slug": {"type": "string", "maxLength": 191},
        "html": STRING,
        "markdown": STRING,
        "lexical": STRING,
        "mobiledoc": STRING,
        "status": {"type": "string", "enum": ["draft", "published", "scheduled"]},
        "published_at": {"type": "string", "format": "date-time", "nullable": True},
        "updated_at": {"type": "string", "format": "date-time"},
        "featured": {"type": "boolean"},
        "custom_excerpt": {"type": "string", "nullable": True, "maxLength": 300},
        "tags": {"type": "array", "items": {"oneOf": [STRING, {"type": "object"}]}},
        "authors": {"type": "array", "items": {"oneOf": [STRING, {"type": "object"}]}},
    },
}
_TAG_INPUT: Schema = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "maxLength": 191},
        "slug": {"type": "string", "maxLength": 191},
        "description": {"type": "string", "nullable": True, "maxLength": 500},
        "updated_at": {"type": "string", "format": "date-time"},
    },
}
_WEBHOOK_INPUT: Schema = {
    "type": "object",
    "required": ["event", "target_url"],
    "properties": {
        "event": STRING,
        "target_url": {"type": "string", "format": "uri"},
        "name": {"type": "string", "nullable": True},
        "secret": {"type": "string", "nullable": True},
        "api_version": STRING,
    },
}
_SOURCE = query_param("source", "html: the body's html is the source.", {"enum": ["html"]})


def _admin_writable(resource: str, item: str, body: Schema, *, slugs: bool) -> dict[str, Any]:
    browse = envelope(resource, ref(item), paginated=True)
    one = envelope(resource, ref(item), paginated=False)
    extra = [_SOURCE] if resource in ("posts", "pages") else []
    listing: dict[str, Any] = {
        "get": _get(f"Browse {resource}", browse, _BROWSE_PARAMS, ADMIN_ERRORS),
        "post": {
            "summary": f"Add one of the {resource}",
            "parameters": [*extra, *_READ_PARAMS],
            "requestBody": _body(resource, body, f"The new one of the {resource}"),
            "responses": {"201": json_content(one, "Added"), **_errors(WRITE_ERRORS)},
        },
    }
    single: dict[str, Any] = {
        "get": _get(
            f"Read one of the {resource}", one, [path_param("id"), *_READ_PARAMS], ADMIN_ERRORS
        ),
        "put": {
            "summary": f"Edit one of the {resource} (send the updated_at it was read with)",
            "parameters": [path_param("id"), *extra, *_READ_PARAMS],
            "requestBody": _body(resource, body, "The fields to change"),
            "responses": {"200": json_content(one, "Edited"), **_errors(WRITE_ERRORS)},
        },
        "delete": {
            "summary": f"Delete one of the {resource}",
            "parameters": [path_param("id")],
            "responses": {"204": {"description": "Deleted"}, **_errors(ADMIN_ERRORS)},
        },
    }
    paths = {f"{ADMIN}/{resource}/": listing, f"{ADMIN}/{resource}/{{id}}/": single}
    if slugs:
        paths[f"{ADMIN}/{resource}/slug/{{slug}}/"] = {
            "get": _get(
                f"Read one of the {resource} by slug",
                one,
                [path_param("slug"), *_READ_PARAMS],
                ADMIN_ERRORS,
            )
        }
    return paths


def _empty_list(resource: str) -> dict[str, Any]:
    listing = envelope(resource, {"type": "object"}, paginated=True)
    return {
        "get": _get(
            f"Browse {resource} (none on an Inkwell site)", listing, _BROWSE_PARAMS, ADMIN_ERRORS
        )
    }


def content_paths() -> dict[str, Any]:
    """The Content API's operations (every one needs the Content API key in ``?key=``)."""
    paths: dict[str, Any] = {}
    for resource, item in (("posts", "Post"), ("pages", "Post"), ("tags", "Tag")):
        paths |= _content_resource(resource, item)
    paths |= _content_resource("authors", "Author")
    settings = {
        "type": "object",
        "required": ["settings"],
        "properties": {"settings": ref("Settings")},
    }
    paths[f"{CONTENT}/settings/"] = {
        "get": _get("The site's public settings", settings, [_ACCEPT_VERSION], CONTENT_ERRORS)
    }
    for resource in ("tiers", "newsletters"):
        listing = envelope(resource, {"type": "object"}, paginated=True)
        paths[f"{CONTENT}/{resource}/"] = {
            "get": _get(f"Browse {resource}", listing, _BROWSE_PARAMS, CONTENT_ERRORS)
        }
    offer = envelope("offers", {"type": "object"}, paginated=False)
    paths[f"{CONTENT}/offers/{{id}}/"] = {
        "get": _get("Read an offer (there are none)", offer, [path_param("id")], CONTENT_ERRORS)
    }
    for operations in paths.values():
        for operation in operations.values():
            operation["security"] = [{"contentKey": []}]
    return paths


def admin_paths() -> dict[str, Any]:
    """The Admin API's operations (a Ghost token of an Admin API key, or a staff session)."""
    paths: dict[str, Any] = {}
    paths |= _admin_writable("posts", "AdminPost", _POST_INPUT, slugs=True)
    paths |= _admin_writable("pages", "AdminPost", _POST_INPUT, slugs=True)
    paths |= _admin_writable("tags", "Tag", _TAG_INPUT, slugs=True)
    users = envelope("users", ref("User"), paginated=True)
    user = envelope("users", ref("User"), paginated=False)
    paths[f"{ADMIN}/users/"] = {
        "get": _get("Browse staff users", users, _BROWSE_PARAMS, ADMIN_ERRORS)
    }
    for key in ("id", "slug"):
        suffix = "{id}" if key == "id" else "slug/{slug}"
        paths[f"{ADMIN}/users/{suffix}/"] = {
            "get": _get(
                f"Read a staff user by {key}", user, [path_param(key), *_READ_PARAMS], ADMIN_ERRORS
            )
        }
    for resource in ("members", "newsletters", "tiers"):
        paths[f"{ADMIN}/{resource}/"] = _empty_list(resource)
    images = envelope("images", ref("Image"), paginated=False)
    upload_fields = {"file": {"type": "string", "format": "binary"}, "ref": STRING}
    upload = {"type": "object", "required": ["file"], "properties": upload_fields}
    paths[f"{ADMIN}/images/upload/"] = {
        "post": {
            "summary": "Upload an image (checked as the media library checks uploads)",
            "requestBody": {
                "required": True,
                "content": {"multipart/form-data": {"schema": upload}},
            },
            "responses": {"201": json_content(images, "Its URL"), **_errors(WRITE_ERRORS)},
        }
    }
    webhook = envelope("webhooks", ref("Webhook"), paginated=False)
    paths[f"{ADMIN}/webhooks/"] = {
        "post": {
            "summary": "Add a webhook to the calling integration",
            "requestBody": _body("webhooks", _WEBHOOK_INPUT, "The webhook"),
            "responses": {"201": json_content(webhook, "Added"), **_errors(ADMIN_ERRORS)},
        }
    }
    paths[f"{ADMIN}/webhooks/{{id}}/"] = {
        "put": {
            "summary": "Edit a webhook of the calling integration",
            "parameters": [path_param("id")],
            "requestBody": _body("webhooks", {"type": "object"}, "The fields to change"),
            "responses": {"200": json_content(webhook, "Edited"), **_errors(ADMIN_ERRORS)},
        },
        "delete": {
            "summary": "Delete a webhook of the calling integration",
            "parameters": [path_param("id")],
            "responses": {"204": {"description": "Deleted"}, **_errors(ADMIN_ERRORS)},
        },
    }
    for operations in paths.values():
        for operation in operations.values():
            operation["security"] = [{"adminToken": []}, {"staffSession": []}]
    site = {"type": "object", "required": ["site"], "properties": {"site": ref("Site")}}
    paths[f"{ADMIN}/site/"] = {
        "get": {
            **_get("The site's identity (no key needed)", site, [_ACCEPT_VERSION], ()),
            "security": [],
        }
    }
    return paths


def openapi_document(site_url: str) -> dict[str, Any]:
    """The whole document, with ``site_url`` as its server."""
    paths = content_paths() | admin_paths() | inkwell_admin_paths() | comments_paths()
    for path, operations in paths.items():
        tag = "Content API" if path.startswith(CONTENT) else "Admin API"
        for operation in operations.values():
            operation.setdefault("tags", [tag])
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Inkwell",
            "version": __version__,
            "description": "Ghost's Content and Admin APIs as Inkwell serves them, and the "
            "admin's own JSON endpoints, and the comments API. Errors are "
            '{"errors": [...]}.',
        },
        "servers": [{"url": site_url.rstrip("/")}],
        "paths": paths,
        "components": {
            "schemas": COMPONENTS | COMMENT_COMPONENTS,
            "securitySchemes": {
                "contentKey": {
                    "type": "apiKey",
                    "in": "query",
                    "name": "key",
                    "description": "An integration's Content API key.",
                },
                "adminToken": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "Ghost <JWT>: HS256 signed with the Admin API "
                    "key's secret, kid the key's id, aud /admin/, 5 minutes.",
                },
                "staffSession": {"type": "apiKey", "in": "cookie", "name": "inkwell_session"},
                **READER_SCHEMES,
            },
        },
    }


@router.get("/ghost/api/openapi.json", include_in_schema=False)
async def openapi_json(request: Request) -> JSONResponse:
    """The OpenAPI document, its server the site's address."""
    site_url: str = request.app.state.settings.site_url
    return JSONResponse(openapi_document(site_url), headers={"Access-Control-Allow-Origin": "*"})
